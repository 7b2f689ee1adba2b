import SERPlot

extension PDFLayout {
    /// A figure, centred, at its own size or shrunk to fit the text width and the page, with its
    /// caption (bold title, then the caption text) under it; figure and caption always share a page.
    /// A figure whose files cannot be read becomes a dashed box that says so.
    mutating func figure(_ figure: ReportFigure, source: FigureSource) {
        var natural = source.size(of: figure)
        if case .missing = source { natural = (PDFStyle.contentWidth, PDFStyle.missingFigureHeight) }
        var scale = min(1, PDFStyle.contentWidth / max(natural.width, 1))
        let captionWidth = min(PDFStyle.contentWidth, max(natural.width * scale, 340))
        let captionX = PDFStyle.marginLeft + (PDFStyle.contentWidth - captionWidth) / 2
        let titleLines = figure.title.isEmpty ? [] : lines(figure.title, PDFStyle.captionTitle, width: captionWidth)
        let captionLines = figure.caption.isEmpty ? [] : lines(figure.caption, PDFStyle.caption, width: captionWidth)
        let leading = PDFStyle.smallLeading
        let captionHeight = Double(titleLines.count + captionLines.count) * leading
        scale = min(scale, (PDFStyle.contentHeight - PDFStyle.captionGap - captionHeight) / max(natural.height, 1))
        let size = (width: natural.width * scale, height: natural.height * scale)

        flow.gap(PDFStyle.blockGap)
        flow.reserve(size.height + PDFStyle.captionGap + captionHeight)
        let rect = Rect(
            x: PDFStyle.marginLeft + (PDFStyle.contentWidth - size.width) / 2, y: flow.y, width: size.width,
            height: size.height)
        if case .missing(let path) = source {
            missingFigure(path: path, in: rect)
        } else {
            flow.add(.figure(source, in: rect))
        }
        flow.advance(size.height + PDFStyle.captionGap)
        for (line, style) in titleLines.map({ ($0, PDFStyle.captionTitle) })
            + captionLines.map({ ($0, PDFStyle.caption) })
        {
            flow.add(
                .text(line, origin: Point(x: captionX, y: flow.y + baseline(style, leading: leading)), style: style))
            flow.advance(leading)
        }
    }

    /// A dashed grey box with "figure missing: <path>" in its middle.
    private mutating func missingFigure(path: String, in rect: Rect) {
        flow.add(.fill(rect, color: PDFStyle.panel, radius: 3))
        let corners = [
            Point(x: rect.minX, y: rect.minY), Point(x: rect.maxX, y: rect.minY), Point(x: rect.maxX, y: rect.maxY),
            Point(x: rect.minX, y: rect.maxY),
        ]
        for index in corners.indices {
            flow.add(
                .line(
                    from: corners[index], to: corners[(index + 1) % corners.count], color: PDFStyle.muted, width: 0.8,
                    dotted: true))
        }
        let style = PDFStyle.meta
        let text = typesetter.fitted("figure missing: \(path)", width: rect.width - 20, font: style.font)
        let origin = Point(
            x: rect.midX - width(text, style) / 2, y: rect.minY + baseline(style, leading: rect.height))
        flow.add(.text(text, origin: origin, style: style))
    }
}
