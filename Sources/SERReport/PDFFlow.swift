import SERPlot

/// Pages being filled from top to bottom: layout code asks for room, and the flow starts a new page
/// when the current one has too little left.
struct PDFFlow {
    /// Every page's marks, the current page last.
    private(set) var pages: [[PDFMark]] = [[]]
    /// The top of the free space on the current page.
    private(set) var y = PDFStyle.contentTop

    /// The current page, counted from 1.
    var page: Int { pages.count }

    /// Free height left on the current page.
    var remaining: Double { PDFStyle.contentBottom - y }

    /// Whether nothing has been placed on the current page yet.
    var atTop: Bool { y == PDFStyle.contentTop }

    mutating func newPage() {
        pages.append([])
        y = PDFStyle.contentTop
    }

    /// Starts a new page unless `height` points fit on this one (or this one is still empty, where
    /// nothing could do better).
    mutating func reserve(_ height: Double) {
        if height > remaining && !atTop { newPage() }
    }

    /// Moves down by `height` points.
    mutating func advance(_ height: Double) {
        y += height
    }

    /// Moves down by `height` points of space between blocks, but never at the top of a page.
    mutating func gap(_ height: Double) {
        if !atTop { y = min(y + height, PDFStyle.contentBottom) }
    }

    mutating func add(_ mark: PDFMark) {
        pages[pages.count - 1].append(mark)
    }

    /// Adds `marks` to page `page` (counted from 1), e.g. footers once the page count is known.
    mutating func add(_ marks: [PDFMark], toPage page: Int) {
        pages[page - 1] += marks
    }
}
