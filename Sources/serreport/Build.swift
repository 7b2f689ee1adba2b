import ArgumentParser
import Foundation
import SERCells
import SERCorpus
import SERNotebook
import SERReport

/// What `build` and `run` share: workers, quiet, and the exit-code checks CI uses.
struct BuildOptions: ParsableArguments {
    @Option(name: .long, help: "Worker threads for per-clip work and model fits (default: all cores).")
    var jobs: Int?

    @Flag(name: .long, help: "No progress lines or timing summary; only errors and the report's path.")
    var quiet = false

    @Flag(name: .long, help: "Exit with status 2 when any input file was skipped.")
    var strict = false

    @Option(
        name: .long, parsing: .upToNextOption,
        help: ArgumentHelp(
            "Exit with status 3 when the best model scores below a threshold, e.g. uar=0.55 (also accuracy, macro_f1).",
            valueName: "metric=value"))
    var failUnder: [String] = []

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        _ = try thresholds()
    }

    /// `--fail-under uar=0.55` as metric → value.
    func thresholds() throws -> [(metric: String, value: Double)] {
        try failUnder.map { item in
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, ["uar", "accuracy", "macro_f1"].contains(parts[0]), let value = Double(parts[1]),
                value >= 0, value <= 1
            else {
                throw ValidationError(
                    "--fail-under \(item): expected uar=, accuracy= or macro_f1= and a number from 0 to 1")
            }
            return (parts[0], value)
        }
    }

    /// Runs the notebook and turns its outcome into output lines and an exit code.
    func build(_ common: CommonOptions, forcing: Set<String>) throws {
        let settings = try common.resolveSettings()
        let display = ProgressDisplay.automatic(quiet: quiet) { text in
            FileHandle.standardError.write(Data(text.utf8))
        }
        let notebook = Notebook(settings: settings, jobs: jobs, display: display) { line in
            if !quiet { Standard.error(line) }
        }
        let outcome: BuildOutcome
        do {
            outcome = try notebook.build(outputFolder: common.out, forcing: forcing)
        } catch {
            Standard.error("serreport: \(error.cell): \(error.message)")
            throw ExitCode.failure
        }
        if !quiet {
            for file in outcome.skipped { Standard.error("skip \(file.path): \(file.reason)") }
            Standard.error("\(outcome.clipCount) clips, \(outcome.skipped.count) skipped")
            if settings.report.selfContained,
                let size = try? FileManager.default.attributesOfItem(atPath: outcome.reportPath)[.size] as? Int
            {
                Standard.error("\(outcome.reportPath): \(size / 1024) KiB, figures inlined")
            }
        }
        StandardOutput.line(outcome.reportPath)
        if let failure = outcome.failure {
            Standard.error("serreport: \(failure.cell): \(failure.message)")
            throw ExitCode.failure
        }
        if strict && !outcome.skipped.isEmpty { throw ExitCode(2) }
        var missed: [String] = []
        for threshold in try thresholds() {
            let value = outcome.headline[threshold.metric] ?? .nan
            if !(value >= threshold.value) {
                missed.append("\(threshold.metric) \(String(format: "%.3f", value)) < \(threshold.value)")
            }
        }
        if !missed.isEmpty {
            Standard.error("serreport: below threshold: \(missed.joined(separator: ", "))")
            throw ExitCode(3)
        }
    }
}

/// `serreport build`: every cell, from the cache where nothing changed, then the report.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the notebook (load → process → extract → train → evaluate) and write the report.",
        discussion: """
            Cells whose inputs and settings did not change come from the cache in .serreport/; a clip \
            added to the corpus is the only clip processed. Exit status: 1 when a cell failed (the report \
            is still written, with the error), 2 with --strict when files were skipped, 3 below a \
            --fail-under threshold.
            """)

    @OptionGroup var common: CommonOptions
    @OptionGroup var options: BuildOptions

    func run() throws {
        try options.build(common, forcing: [])
    }
}

/// `serreport run CELL`: force one cell (and every cell after it) to run again.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run one cell again, and every cell after it, even if cached; then write the report.",
        discussion: "Stale cells before it run too. `serreport list` names the cells.")

    @Argument(help: "The cell: load, process, extract, train or evaluate.")
    var cell: String

    @OptionGroup var common: CommonOptions
    @OptionGroup var options: BuildOptions

    /// The cell is checked before the corpus is opened.
    func validate() throws {
        let cells = Notebook.cellList().map(\.id)
        guard cells.contains(cell) else {
            throw ValidationError(
                "'\(PrintedLine.escaped(cell))': no such cell (\(cells.joined(separator: ", ")); `serreport list` says what each does)"
            )
        }
    }

    func run() throws {
        try options.build(common, forcing: [cell])
    }
}
