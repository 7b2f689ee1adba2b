import ArgumentParser
import SERCells

/// `serreport`: turns a folder of labelled emotional speech into a reproducible report.
@main
struct SerReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serreport",
        abstract: "Turn a folder of labelled emotional speech into a reproducible report.",
        discussion: """
            With no serreport.yml and no --data, the built-in Samples/ corpus is used. Settings use \
            librosa's and scikit-learn's names; override any with --set key.path=value.
            """,
        version: SerreportVersion.current,
        subcommands: [
            Build.self, Run.self, Status.self, List.self, Clean.self, Config.self, Diff.self, Features.self,
            Figures.self, Predict.self, Templates.self,
        ],
        defaultSubcommand: Build.self
    )

    static func main() {
        StandardOutput.checkAtExit()
        MemoryTuning.keepClipBuffers()
        // A command's own failure is one line in the form every command uses (`serreport: …`, exit 1);
        // usage errors, help and --version go through ArgumentParser as usual.
        do {
            var command = try parseAsRoot(nil)
            try command.run()
        } catch let error as CommandError {
            Standard.error("serreport: \(error.description)")
            exit(withError: ExitCode.failure)
        } catch {
            exit(withError: error)
        }
    }
}
