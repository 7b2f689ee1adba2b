import ArgumentParser
import SERCells

/// `serreport diff A B`: metric deltas between two reports, for a CI summary.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare two reports' metrics: UAR, accuracy and macro-F1 per model, A → B with the change.",
        discussion: "A and B are report folders (or metrics.json files). Markdown suits a CI job summary.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case md, json
    }

    @Argument(help: "The report to compare from.")
    var a: String

    @Argument(help: "The report to compare to.")
    var b: String

    @Option(name: .long, help: "md (a Markdown table) or json.")
    var format: Format = .md

    func run() throws {
        do {
            let comparison = try MetricsComparison(a: a, b: b)
            print(format == .md ? comparison.markdown : comparison.json, terminator: "")
        } catch {
            Standard.error("serreport: \(error.message)")
            throw ExitCode.failure
        }
    }
}
