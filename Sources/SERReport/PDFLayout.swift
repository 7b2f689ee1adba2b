import SERPlot

/// Lays a ``ReportDocument`` out on A4 pages as ``PDFMark``s: the title page, the contents, each
/// section from a new page, the skipped files, and a footer on every page but the title page.
///
/// The contents list page numbers that only a finished layout knows, so ``PDFReport`` lays out twice:
/// first without numbers, then with the first pass's. The contents take the same room either way.
struct PDFLayout {
    /// Where the contents entries start: one page per section, and the skipped files' page.
    struct Contents: Equatable {
        var sectionPages: [Int] = []
        var skippedPage: Int?
    }

    /// A laid-out document: the marks of every page, where its parts start, and its bookmarks.
    struct Pages {
        let pages: [[PDFMark]]
        let contents: Contents
        let outline: [PDFOutlineEntry]
    }

    let document: ReportDocument
    /// Each section's figure sources, in the order of its figures.
    let figures: [[FigureSource]]
    let typesetter: PangoTypesetter
    /// Page numbers from an earlier pass, printed in the contents; nil on the first pass.
    let knownContents: Contents?

    var flow = PDFFlow()
    var contents = Contents()
    var outline: [PDFOutlineEntry] = []

    init(document: ReportDocument, figures: [[FigureSource]], typesetter: PangoTypesetter, contents: Contents?) {
        precondition(figures.count == document.sections.count, "figure sources for every section")
        self.document = document
        self.figures = figures
        self.typesetter = typesetter
        self.knownContents = contents
    }

    /// Lays out the whole document.
    consuming func pages() -> Pages {
        titlePage()
        contentsPage()
        for (index, section) in document.sections.enumerated() {
            self.section(section, number: index + 1, figures: figures[index])
        }
        if !document.skipped.isEmpty { skippedFiles() }
        addFooters()
        return Pages(pages: flow.pages, contents: contents, outline: outline)
    }

    /// The document title at the left and "n / N" at the right, over a hairline, on every page but the first.
    private mutating func addFooters() {
        let count = flow.pages.count
        guard count > 1 else { return }
        let left = PDFStyle.marginLeft
        let right = PDFStyle.pageWidth - PDFStyle.marginRight
        for page in 2...count {
            let number = "\(page) / \(count)"
            let numberWidth = width(number, PDFStyle.footer)
            let title = typesetter.fitted(
                document.title, width: PDFStyle.contentWidth - numberWidth - 24, font: PDFStyle.footer.font)
            flow.add(
                [
                    .line(
                        from: Point(x: left, y: PDFStyle.footerRule), to: Point(x: right, y: PDFStyle.footerRule),
                        color: PDFStyle.hairline, width: 0.6, dotted: false),
                    .text(title, origin: Point(x: left, y: PDFStyle.footerBaseline), style: PDFStyle.footer),
                    .text(
                        number, origin: Point(x: right - numberWidth, y: PDFStyle.footerBaseline),
                        style: PDFStyle.footer
                    ),
                ], toPage: page)
        }
    }
}
