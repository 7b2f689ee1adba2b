import ArgumentParser
import Foundation
import SERCells
import SERPlot
import SERReport

/// `serreport figures --gallery DIR`: every figure type, in every format, on one page.
struct Figures: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw every figure type in every figure format (report.figure_formats) into one folder.",
        discussion: """
            Every figure is drawn from the corpus (Samples/ unless --data says otherwise) and the models \
            trained on it; if the corpus cannot train models (one emotion, too few clips), the train and \
            evaluate figures use illustrative numbers and say so. DIR/index.html shows them all.
            """)

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "Folder to write the gallery into (created if missing).")
    var gallery: String

    @Option(name: .long, help: "Worker threads (default: all cores).")
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let settings = try common.resolveSettings()
        let notebook = Notebook(settings: settings, jobs: jobs) { line in Standard.error(line) }
        do {
            let outcome = try notebook.gallery(folder: gallery)
            let seconds =
                Double(outcome.drawTime.components.attoseconds) * 1e-18
                + Double(outcome.drawTime.components.seconds)
            let formats = settings.report.figureFormats.map(\.rawValue).joined(separator: ", ")
            Standard.error("\(outcome.figures) figures (\(formats)) drawn in \(String(format: "%.2f", seconds)) s")
            print(outcome.page)
        } catch {
            Standard.error("serreport: \(error.cell): \(error.message)")
            throw ExitCode.failure
        }
    }
}
