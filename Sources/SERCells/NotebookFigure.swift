package import SERPlot

/// A figure of the report with its stable file name (`<cell>-<name>`) and the sentence shown under it.
package struct NotebookFigure: Sendable {
    /// The cell that draws it: `load`, `process`, `extract`, `train` or `evaluate`.
    package var cell: String
    /// The file name without extension, starting with the cell: `load-class-balance`.
    package var name: String
    package var caption: String
    package var figure: Figure

    package init(cell: String, name: String, caption: String, figure: Figure) {
        self.cell = cell
        self.name = name
        self.caption = caption
        self.figure = figure
    }
}
