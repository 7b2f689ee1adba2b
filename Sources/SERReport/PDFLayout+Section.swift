import SERPlot

extension PDFLayout {
    /// One section from a new page: numbered heading, cache state and timing, narrative, the error
    /// if it failed, parameters, figures, then tables.
    mutating func section(_ section: ReportSection, number: Int, figures: [FigureSource]) {
        flow.newPage()
        contents.sectionPages.append(flow.page)
        anchor(Self.sectionAnchor(number), title: "\(number)  \(section.title)")
        heading(section.title, number: number)
        stateLine(section)
        for paragraph in section.paragraphs {
            self.paragraph(paragraph, PDFStyle.body, leading: PDFStyle.bodyLeading)
            flow.gap(PDFStyle.paragraphGap)
        }
        if let error = section.error {
            flow.gap(PDFStyle.paragraphGap)
            callout(
                label: "Error", labelColor: PDFStyle.errorInk, text: error, style: PDFStyle.code,
                leading: PDFStyle.smallLeading + 1, fill: PDFStyle.errorFill, bar: PDFStyle.errorBar)
        }
        if !section.parameters.isEmpty {
            table(
                PDFTable(
                    caption: "Parameters", columns: ["parameter", "value"],
                    rows: section.parameters.map { [$0.key, $0.value] }, codeColumns: [0]))
        }
        for (figure, source) in zip(section.figures, figures) {
            self.figure(figure, source: source)
        }
        for table in section.tables {
            self.table(PDFTable(caption: table.caption, columns: table.columns, rows: table.rows.map(\.cells)))
        }
    }

    /// The skipped files, from a new page: a sentence and a two-column table.
    mutating func skippedFiles() {
        flow.newPage()
        contents.skippedPage = flow.page
        anchor(Self.skippedAnchor, title: "Skipped files")
        heading("Skipped files")
        flow.advance(6)
        hairline()
        flow.advance(10)
        paragraph(
            "These inputs were not used; each row names the file and the reason.", PDFStyle.body,
            leading: PDFStyle.bodyLeading)
        table(
            PDFTable(
                caption: "\(document.skipped.count) skipped \(document.skipped.count == 1 ? "file" : "files")",
                columns: ["file", "reason"], rows: document.skipped.map { [$0.key, $0.value] }, codeColumns: [0]))
    }

    /// The anchor of section `number`'s heading.
    static func sectionAnchor(_ number: Int) -> String { "section-\(number)" }
    static let skippedAnchor = "skipped-files"

    /// A place links go to, here at the top of the free space, with a bookmark titled `title`.
    private mutating func anchor(_ name: String, title: String) {
        flow.add(.anchor(name, y: flow.y))
        outline.append(PDFOutlineEntry(title: title, anchor: name))
    }

    /// The cache state as a coloured badge, then the timing in grey, over a hairline; only the
    /// hairline when the section has no state (a report that leaves build details to run.json).
    private mutating func stateLine(_ section: ReportSection) {
        guard !section.state.isEmpty else {
            flow.advance(6)
            hairline()
            flow.advance(14)
            return
        }
        let leading = 18.0
        flow.advance(6)
        flow.reserve(leading)
        let colors = PDFStyle.stateColors(section.state)
        var style = PDFStyle.badge
        style.color = colors.text
        let label = section.state.uppercased()
        let padding = 5.0
        let badge = Rect(
            x: PDFStyle.marginLeft, y: flow.y + 2, width: width(label, style) + 2 * padding, height: leading - 4)
        flow.add(.fill(badge, color: colors.fill, radius: 3))
        flow.add(
            .text(
                label, origin: Point(x: badge.x + padding, y: flow.y + baseline(style, leading: leading)), style: style)
        )
        if !section.timing.isEmpty {
            let x = badge.maxX + 8
            let timing = typesetter.fitted(
                section.timing, width: PDFStyle.marginLeft + PDFStyle.contentWidth - x, font: PDFStyle.meta.font)
            flow.add(
                .text(
                    timing, origin: Point(x: x, y: flow.y + baseline(PDFStyle.meta, leading: leading)),
                    style: PDFStyle.meta))
        }
        flow.advance(leading + 8)
        hairline()
        flow.advance(14)
    }
}
