import SERPlot

extension PDFLayout {
    /// A box that must stand out (a notice, an error): a tinted background with a coloured bar at the
    /// left, an optional bold label, then `text` wrapped. A long one breaks across pages between
    /// lines, each page's part in its own box.
    mutating func callout(
        label: String?, labelColor: Color, text: String, style: TextStyle, leading: Double, fill: Color, bar: Color
    ) {
        let padding = PDFStyle.boxPadding
        let x = PDFStyle.marginLeft
        let textX = x + PDFStyle.boxBar + padding + 2
        let textWidth = PDFStyle.contentWidth - (textX - x) - padding
        var labelStyle = PDFStyle.label
        labelStyle.color = labelColor
        var pending: [(String, TextStyle)] = (label.map { [($0, labelStyle)] } ?? [])
        pending += lines(text, style, width: textWidth).map { ($0, style) }
        // Keep a label with at least one line of its text.
        flow.reserve(2 * padding + leading * Double(min(pending.count, label == nil ? 1 : 2)))
        while !pending.isEmpty {
            let fitting = Int(((flow.remaining - 2 * padding) / leading).rounded(.down))
            let count = min(pending.count, max(1, fitting))
            let box = Rect(x: x, y: flow.y, width: PDFStyle.contentWidth, height: 2 * padding + Double(count) * leading)
            flow.add(.fill(box, color: fill, radius: 2))
            flow.add(.fill(Rect(x: x, y: box.y, width: PDFStyle.boxBar, height: box.height), color: bar, radius: 0))
            var y = box.y + padding
            for (line, lineStyle) in pending.prefix(count) {
                flow.add(
                    .text(line, origin: Point(x: textX, y: y + baseline(lineStyle, leading: leading)), style: lineStyle)
                )
                y += leading
            }
            pending.removeFirst(count)
            flow.advance(box.height)
            if !pending.isEmpty { flow.newPage() }
        }
    }
}
