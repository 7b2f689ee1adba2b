import SERPlot

extension PDFLayout {
    /// The width of `text` in points.
    func width(_ text: String, _ style: TextStyle) -> Double {
        typesetter.width(of: text, font: style.font)
    }

    /// `text` broken into lines no wider than `width` points.
    func lines(_ text: String, _ style: TextStyle, width: Double) -> [String] {
        if !text.contains("\n") && self.width(text, style) <= width { return [text] }
        return typesetter.lines(of: text, font: style.font, width: width)
    }

    /// From the top of a line `leading` points high to its baseline: the space the font does not use
    /// is shared above and below it.
    func baseline(_ style: TextStyle, leading: Double) -> Double {
        let metrics = typesetter.lineMetrics(style.font)
        return (leading - metrics.ascent - metrics.descent) / 2 + metrics.ascent
    }

    /// Sets `text` as a paragraph `width` points wide from `x`, line by line, starting a new page
    /// between lines when one is full.
    mutating func paragraph(
        _ text: String, _ style: TextStyle, leading: Double, x: Double = PDFStyle.marginLeft,
        width: Double = PDFStyle.contentWidth
    ) {
        let baseline = baseline(style, leading: leading)
        for line in lines(text, style, width: width) {
            flow.reserve(leading)
            flow.add(.text(line, origin: Point(x: x, y: flow.y + baseline), style: style))
            flow.advance(leading)
        }
    }

    /// A part's heading: an optional number in the accent colour, the title (wrapped), and a rule under it.
    mutating func heading(_ title: String, number: Int? = nil) {
        let style = PDFStyle.heading
        let leading = PDFStyle.headingLeading
        var x = PDFStyle.marginLeft
        let baseline = baseline(style, leading: leading)
        if let number {
            let label = "\(number)"
            var numbered = style
            numbered.color = PDFStyle.accent
            flow.add(.text(label, origin: Point(x: x, y: flow.y + baseline), style: numbered))
            x += max(width(label, style) + 10, 26)
        }
        paragraph(title, style, leading: leading, x: x, width: PDFStyle.marginLeft + PDFStyle.contentWidth - x)
    }

    /// A full-width hairline at the current position.
    mutating func hairline(color: Color = PDFStyle.hairline, width: Double = 0.6) {
        let y = flow.y
        flow.add(
            .line(
                from: Point(x: PDFStyle.marginLeft, y: y),
                to: Point(x: PDFStyle.marginLeft + PDFStyle.contentWidth, y: y),
                color: color, width: width, dotted: false))
    }
}
