import SERPlot

/// One thing drawn on a page, placed in page coordinates (points, origin at the top left) by
/// ``PDFLayout`` and drawn by ``PDFCanvas``.
enum PDFMark {
    /// One line of text, the left end of its baseline at `origin`.
    case text(String, origin: Point, style: TextStyle)
    /// A filled rectangle with corners rounded by `radius`.
    case fill(Rect, color: Color, radius: Double)
    /// A straight line; dotted when `dotted` is set (contents leaders, placeholder boxes).
    case line(from: Point, to: Point, color: Color, width: Double, dotted: Bool)
    /// A figure scaled into `rect`.
    case figure(FigureSource, in: Rect)
    /// A named place on the page, at height `y`, that links and bookmarks go to.
    case anchor(String, y: Double)
    /// A link over `rect` to the ``anchor(_:y:)`` named `anchor`.
    case link(Rect, anchor: String)
}

/// A bookmark in the PDF's outline: a title and the ``PDFMark/anchor(_:y:)`` it opens.
struct PDFOutlineEntry: Equatable {
    let title: String
    let anchor: String
}
