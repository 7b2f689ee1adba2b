import SERPlot

/// Where a table's columns go and how its cells break into lines.
struct TableGeometry {
    let table: PDFTable
    let widths: [Double]
    /// Each column's left edge.
    let offsets: [Double]
    let rightAligned: [Bool]
    let styles: [TextStyle]
    let headerLines: [[String]]
    /// Caption, rules and header.
    let headHeight: Double
    /// Room kept for the closing rule.
    let footHeight = 4.0

    var totalWidth: Double { widths.reduce(0, +) }

    init(_ table: PDFTable, layout: PDFLayout) {
        self.table = table
        let columns = table.columns.indices
        let styles = columns.map { table.codeColumns.contains($0) ? PDFStyle.codeCell : PDFStyle.cell }
        let padding = 2 * PDFStyle.cellPaddingX
        let natural = columns.map { column in
            table.rows.indices.reduce(layout.width(table.columns[column], PDFStyle.headerCell)) { widest, row in
                max(widest, layout.width(table.cell(row, column), styles[column]))
            } + padding + 1
        }
        let widths = PDFTable.columnWidths(natural: natural, available: PDFStyle.contentWidth)
        var offsets: [Double] = []
        var x = PDFStyle.marginLeft
        for width in widths {
            offsets.append(x)
            x += width
        }
        self.widths = widths
        self.offsets = offsets
        self.styles = styles
        rightAligned = columns.map(table.isNumeric)
        headerLines = columns.map {
            layout.lines(table.columns[$0], PDFStyle.headerCell, width: max(1, widths[$0] - padding))
        }
        let header = Double(headerLines.map(\.count).max() ?? 1) * PDFStyle.smallLeading + 2 * PDFStyle.cellPaddingY
        let caption =
            table.caption.isEmpty
            ? 0
            : Double(
                layout.lines(table.caption + " (continued)", PDFStyle.captionTitle, width: PDFStyle.contentWidth).count)
                * (PDFStyle.smallLeading + 2) + 3
        headHeight = caption + header
    }

    /// The lines of each cell of row `row`, broken to fit its column.
    func cellLines(row: Int, layout: PDFLayout) -> [[String]] {
        table.columns.indices.map { column in
            layout.lines(
                table.cell(row, column), styles[column], width: max(1, widths[column] - 2 * PDFStyle.cellPaddingX))
        }
    }

    func rowHeight(_ cells: [[String]]) -> Double {
        Double(cells.map(\.count).max() ?? 1) * PDFStyle.smallLeading + 2 * PDFStyle.cellPaddingY
    }

    /// `cells` cut to the lines that fit in `height`, the last kept line of a cut cell ending in an ellipsis.
    func truncated(_ cells: [[String]], toHeight height: Double) -> [[String]] {
        let keep = max(1, Int(((height - 2 * PDFStyle.cellPaddingY) / PDFStyle.smallLeading).rounded(.down)))
        return cells.map { lines in
            guard lines.count > keep else { return lines }
            var kept = Array(lines.prefix(keep))
            kept[keep - 1] += " \u{2026}"
            return kept
        }
    }
}
