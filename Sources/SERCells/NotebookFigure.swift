public import SERPlot

/// A figure of the report with its stable file name (`<cell>-<name>`) and the sentence shown under it.
public struct NotebookFigure: Sendable {
    /// The cell that draws it: `load`, `process`, `extract`, `train` or `evaluate`.
    public var cell: String
    /// The file name without extension, starting with the cell: `load-class-balance`.
    public var name: String
    public var caption: String
    public var figure: Figure

    public init(cell: String, name: String, caption: String, figure: Figure) {
        self.cell = cell
        self.name = name
        self.caption = caption
        self.figure = figure
    }
}
