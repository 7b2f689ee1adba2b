import SERPlot

extension PDFLayout {
    /// A table in the booktabs manner: caption, a heavy rule, the bold header, a light rule, the rows
    /// on alternating tints, a heavy rule. Long cells wrap inside their column; a row never splits, and
    /// where the rows go on to the next page the caption (marked "continued") and header come again.
    mutating func table(_ table: PDFTable) {
        guard !table.columns.isEmpty else { return }
        let geometry = TableGeometry(table, layout: self)
        flow.gap(PDFStyle.blockGap)
        let firstRow = table.rows.isEmpty ? 0 : geometry.rowHeight(geometry.cellLines(row: 0, layout: self))
        flow.reserve(geometry.headHeight + firstRow + geometry.footHeight)
        tableHead(table, geometry, continued: false)
        for row in table.rows.indices {
            var cells = geometry.cellLines(row: row, layout: self)
            let maxHeight = PDFStyle.contentHeight - geometry.headHeight - geometry.footHeight
            if geometry.rowHeight(cells) > maxHeight { cells = geometry.truncated(cells, toHeight: maxHeight) }
            let height = geometry.rowHeight(cells)
            if height + geometry.footHeight > flow.remaining {
                tableRule(geometry, width: 0.9)
                flow.newPage()
                tableHead(table, geometry, continued: true)
            }
            if row % 2 == 1 {
                flow.add(
                    .fill(
                        Rect(x: PDFStyle.marginLeft, y: flow.y, width: geometry.totalWidth, height: height),
                        color: PDFStyle.zebra, radius: 0))
            }
            tableRow(cells, geometry, styles: geometry.styles, height: height)
        }
        tableRule(geometry, width: 0.9)
        flow.advance(geometry.footHeight)
    }

    private mutating func tableHead(_ table: PDFTable, _ geometry: TableGeometry, continued: Bool) {
        let caption = continued && !table.caption.isEmpty ? "\(table.caption) (continued)" : table.caption
        if !caption.isEmpty {
            paragraph(caption, PDFStyle.captionTitle, leading: PDFStyle.smallLeading + 2)
            flow.advance(3)
        }
        tableRule(geometry, width: 0.9)
        let header = geometry.headerLines
        tableRow(
            header, geometry, styles: Array(repeating: PDFStyle.headerCell, count: header.count),
            height: geometry.rowHeight(header))
        tableRule(geometry, width: 0.5)
    }

    private mutating func tableRow(_ cells: [[String]], _ geometry: TableGeometry, styles: [TextStyle], height: Double)
    {
        let leading = PDFStyle.smallLeading
        for (column, lines) in cells.enumerated() {
            let style = styles[column]
            let baseline = baseline(style, leading: leading)
            let left = geometry.offsets[column] + PDFStyle.cellPaddingX
            let right = geometry.offsets[column] + geometry.widths[column] - PDFStyle.cellPaddingX
            for (index, line) in lines.enumerated() {
                let x = geometry.rightAligned[column] ? right - width(line, style) : left
                let y = flow.y + PDFStyle.cellPaddingY + Double(index) * leading + baseline
                flow.add(.text(line, origin: Point(x: x, y: y), style: style))
            }
        }
        flow.advance(height)
    }

    private mutating func tableRule(_ geometry: TableGeometry, width: Double) {
        let y = flow.y
        flow.add(
            .line(
                from: Point(x: PDFStyle.marginLeft, y: y),
                to: Point(x: PDFStyle.marginLeft + geometry.totalWidth, y: y),
                color: PDFStyle.rule, width: width, dotted: false))
    }
}
