import Foundation
import SERPlot
import SERReport

/// Writes a report's figures to `<folder>/figures/<name>.<format>` on all cores, in every format the
/// settings ask for plus PNG (which the HTML page shows), and describes them for the page.
struct FigureWriter {
    let folder: String
    let formats: [FigureFormat]
    let jobs: Int

    init(folder: String, formatNames: [String], jobs: Int) {
        self.folder = folder
        var formats = formatNames.compactMap(FigureFormat.init(rawValue:))
        if !formats.contains(.png) { formats.append(.png) }
        self.formats = formats
        self.jobs = jobs
    }

    /// Renders and writes every figure in every format; the first failure (a figure Cairo could not
    /// draw, a file that could not be written) is thrown after all others are done.
    func write(_ figures: [NotebookFigure]) throws(CellError) -> [ReportFigure] {
        let figuresFolder = folder + "/figures"
        do {
            try FileManager.default.createDirectory(atPath: figuresFolder, withIntermediateDirectories: true)
        } catch {
            throw CellError(cell: "report", message: "\(figuresFolder): cannot create (\(error.localizedDescription))")
        }
        let formats = formats
        let outcomes = ParallelClips.map(
            count: figures.count * formats.count, workers: jobs, makeState: {},
            body: { _, index -> PlotError? in
                let figure = figures[index / formats.count]
                let format = formats[index % formats.count]
                do throws(PlotError) {
                    try figure.figure.write(to: "\(figuresFolder)/\(figure.name).\(format.rawValue)", format: format)
                    return nil
                } catch {
                    return error
                }
            })
        if let failure = outcomes.compactMap({ $0 }).first {
            throw CellError(cell: "report", message: failure.description)
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
