import Foundation
import SERNotebook
import SERParallel
import SERPlot
import SERReport

/// Draws a cell's figures into its result: every figure in every format the settings ask for, plus
/// PNG (which the HTML page shows), on all cores, as `figures/<name>.<format>` files to publish.
enum FigureRendering {
    static func formats(_ names: [String]) -> [FigureFormat] {
        var formats = names.compactMap(FigureFormat.init(rawValue:))
        if !formats.contains(.png) { formats.append(.png) }
        return formats
    }

    /// Renders `figures` into `bundle.files` and returns how the report shows them.
    static func render(
        _ figures: [NotebookFigure], formatNames: [String], jobs: Int, into bundle: inout ArtifactBundle
    ) throws(CellError) -> [ReportFigure] {
        let formats = formats(formatNames)
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

/// The parts of every notebook cell's result the report reads: its section and the files it skipped.
extension ArtifactBundle {
    static let sectionName = "section.json"
    static let skippedName = "skipped.json"
    /// The values a cell's narrative template fills in (`{{clips}}`), rendered with the report.
    static let narrativeName = "narrative.json"
    /// Warnings the report shows at the top (e.g. duplicate audio that leaks between folds).
    static let noticesName = "notices.json"

    func section() throws(NotebookError) -> ReportSection { try decode(ReportSection.self, Self.sectionName) }

    func skipped() -> [SkippedFile] { (try? decode([SkippedFile].self, Self.skippedName)) ?? [] }

    func notices() -> [String] { (try? decode([String].self, Self.noticesName)) ?? [] }
}
