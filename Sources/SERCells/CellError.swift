/// The one error type of SERCells: which cell failed and why, in one line.
public struct CellError: Error, CustomStringConvertible, Sendable {
    public let cell: String
    public let message: String

    public init(cell: String, message: String) {
        self.cell = cell
        self.message = message
    }

    public var description: String { message }
}
