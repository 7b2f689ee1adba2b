/// A table as the PDF sets it: a caption, a header and rows of text cells, some columns in the
/// monospaced font. Rows with fewer cells than columns are padded with empty cells.
struct PDFTable {
    var caption: String
    var columns: [String]
    var rows: [[String]]
    /// Columns set in the monospaced font: parameter names, file paths.
    var codeColumns: Set<Int> = []

    /// The cell at `column` of `row`, empty past the row's end.
    func cell(_ row: Int, _ column: Int) -> String {
        column < rows[row].count ? rows[row][column] : ""
    }

    /// Whether every non-empty cell of `column` is a number (a percentage counts), so the column is
    /// right-aligned; false for a column with no numbers at all.
    func isNumeric(_ column: Int) -> Bool {
        var sawNumber = false
        for row in rows.indices {
            var text = cell(row, column).trimmingPrefix(while: \.isWhitespace)
            while text.last?.isWhitespace == true { text.removeLast() }
            if text.isEmpty { continue }
            if text.last == "%" { text.removeLast() }
            guard Double(text) != nil else { return false }
            sawNumber = true
        }
        return sawNumber
    }

    /// Widths for columns whose widest cells are `natural` points wide, in `available` points: the
    /// natural widths when they all fit; otherwise columns narrower than an equal share keep their
    /// width and the others share what is left equally (their text wraps).
    static func columnWidths(natural: [Double], available: Double) -> [Double] {
        guard natural.reduce(0, +) > available else { return natural }
        var widths = natural
        var left = available
        var unset = natural.count
        for index in natural.indices.sorted(by: { natural[$0] < natural[$1] }) {
            let share = left / Double(unset)
            widths[index] = min(natural[index], share)
            left -= widths[index]
            unset -= 1
        }
        return widths
    }
}
