import ArgumentParser
import Foundation
import SERCells

/// `serreport build`: the whole notebook on a corpus, then the report.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run load → process → extract on a corpus and write the report.")

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "Worker threads for per-clip work (default: all cores).")
    var jobs: Int?

    @Flag(name: .long, help: "Exit non-zero when any input file was skipped.")
    var strict = false

    func run() throws {
        let settings = try common.resolveSettings()
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        let notebook = Notebook(settings: settings, jobs: jobs) { line in Standard.error(line) }
        let outcome: BuildOutcome
        do {
            outcome = try notebook.build(outputFolder: common.out)
        } catch {
            Standard.error("serreport: \(error.cell): \(error.message)")
            throw ExitCode.failure
        }
        Standard.error("\(outcome.clipCount) clips, \(outcome.skipped.count) skipped")
        print(outcome.reportPath)
        if strict && !outcome.skipped.isEmpty { throw ExitCode(2) }
    }
}
