import Foundation
import SERCorpus
import SERNotebook
import SERParallel
import SERPlot
import SERReport

/// Draws a cell's figures into its result: every figure in every format the settings ask for, plus
/// PNG (which the HTML page shows), on all cores, as `figures/<name>.<format>` files to publish.
enum FigureRendering {
    static func formats(_ asked: [FigureFormat]) -> [FigureFormat] {
        asked.contains(.png) ? asked : asked + [.png]
    }

    /// Renders `figures` into `bundle.files` and returns how the report shows them.
    static func render(
        _ figures: [NotebookFigure], formats asked: [FigureFormat], jobs: Int, into bundle: inout ArtifactBundle
    ) throws(CellError) -> [ReportFigure] {
        let formats = formats(asked)
        let outcomes = ParallelJobs.map(
            count: figures.count * formats.count, workers: jobs, makeState: {},
            body: { _, index -> Result<Data, PlotError> in
                let figure = figures[index / formats.count]
                let format = formats[index % formats.count]
                return Result { () throws(PlotError) in
                    Data(try figure.figure.encoded(as: format, destination: "\(figure.name).\(format.rawValue)"))
                }
            })
        for (index, outcome) in outcomes.enumerated() {
            let figure = figures[index / formats.count]
            let format = formats[index % formats.count]
            switch outcome {
            case .success(let data): bundle.files["figures/\(figure.name).\(format.rawValue)"] = data
            case .failure(let error): throw CellError(cell: figure.cell, message: error.description)
            }
        }
        return figures.map { figure in
            ReportFigure(
                title: figure.figure.title, caption: figure.caption, image: "figures/\(figure.name).png",
                vector: formats.contains(.pdf) ? "figures/\(figure.name).pdf" : nil,
                width: Int(figure.figure.width), height: Int(figure.figure.height),
                formats: formats.map {
                    ReportLink(label: $0.rawValue.uppercased(), href: "figures/\(figure.name).\($0.rawValue)")
                })
        }
    }
}

/// The parts of every notebook cell's result the report reads: its section, the files it skipped,
/// its narrative's values and its warnings.
enum ReportArtifacts {
    static let section = ArtifactName<ReportSection>("section.json")
    static let skipped = ArtifactName<[SkippedFile]>("skipped.json")
    /// The values a cell's narrative template fills in (`{{clips}}`), rendered with the report.
    static let narrative = ArtifactName<[String: String]>("narrative.json")
    /// Warnings the report shows at the top (e.g. duplicate audio that leaks between folds).
    static let notices = ArtifactName<[String]>("notices.json")
}

extension ArtifactBundle {
    func section() throws(NotebookError) -> ReportSection { try get(ReportArtifacts.section) }

    func skipped() -> [SkippedFile] { (try? get(ReportArtifacts.skipped)) ?? [] }

    func notices() -> [String] { (try? get(ReportArtifacts.notices)) ?? [] }
}
