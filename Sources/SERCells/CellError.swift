/// The one error type of SERCells: which cell failed and why, in one line.
package struct CellError: Error, CustomStringConvertible, Sendable {
    package let cell: String
    package let message: String

    package init(cell: String, message: String) {
        self.cell = cell
        self.message = message
    }

    package var description: String { message }
}
