import SERPlot

extension PDFLayout {
    /// The contents, from a new page: each section's number, title and page, joined by a dotted
    /// leader and linked to the page, then the skipped files if any.
    mutating func contentsPage() {
        flow.newPage()
        heading("Contents")
        flow.advance(10)
        for (index, section) in document.sections.enumerated() {
            contentsEntry(
                number: "\(index + 1)", title: section.title, page: knownContents?.sectionPages[index],
                anchor: Self.sectionAnchor(index + 1))
        }
        if !document.skipped.isEmpty {
            contentsEntry(
                number: "", title: "Skipped files", page: knownContents?.skippedPage, anchor: Self.skippedAnchor)
        }
    }

    private mutating func contentsEntry(number: String, title: String, page: Int?, anchor: String) {
        let style = PDFStyle.contentsEntry
        let leading = PDFStyle.contentsLeading
        let numberWidth = 26.0
        let pageWidth = 40.0
        let left = PDFStyle.marginLeft
        let right = left + PDFStyle.contentWidth
        let titleX = left + numberWidth
        let titleLines = lines(title, style, width: PDFStyle.contentWidth - numberWidth - pageWidth)
        let height = Double(titleLines.count) * leading
        flow.reserve(height)
        let top = flow.y
        let baseline = baseline(style, leading: leading)
        var numbered = style
        numbered.color = PDFStyle.accent
        flow.add(.text(number, origin: Point(x: left, y: top + baseline), style: numbered))
        for (index, line) in titleLines.enumerated() {
            flow.add(.text(line, origin: Point(x: titleX, y: top + Double(index) * leading + baseline), style: style))
        }
        let lastBaseline = top + height - leading + baseline
        if let page {
            let label = "\(page)"
            let labelWidth = width(label, style)
            let leaderStart = titleX + width(titleLines.last ?? "", style) + 8
            let leaderEnd = right - labelWidth - 8
            if leaderEnd > leaderStart {
                flow.add(
                    .line(
                        from: Point(x: leaderStart, y: lastBaseline), to: Point(x: leaderEnd, y: lastBaseline),
                        color: PDFStyle.muted, width: 0.8, dotted: true))
            }
            flow.add(.text(label, origin: Point(x: right - labelWidth, y: lastBaseline), style: style))
            flow.add(.link(Rect(x: left, y: top, width: PDFStyle.contentWidth, height: height), anchor: anchor))
        }
        flow.advance(height)
    }
}
