import SERPlot

/// The PDF report's look: A4 portrait pages, the figures' own type (DejaVu Sans through Pango, with
/// fallback fonts for other scripts), quiet greys with one blue accent, amber for notices and red for
/// errors. Every size is in points.
enum PDFStyle {
    // MARK: Page

    /// A4: 210 × 297 mm.
    static let pageWidth = 595.276
    static let pageHeight = 841.89
    static let marginLeft = 56.0
    static let marginRight = 56.0
    static let marginTop = 58.0
    /// From the bottom edge to the lowest line of content; the footer sits inside it.
    static let marginBottom = 70.0
    static let contentWidth = pageWidth - marginLeft - marginRight
    static let contentTop = marginTop
    static let contentBottom = pageHeight - marginBottom
    static let contentHeight = contentBottom - contentTop
    /// The footer's baseline, and the rule above it.
    static let footerBaseline = pageHeight - 38.0
    static let footerRule = pageHeight - 52.0

    // MARK: Colours

    static let ink = Color(hex: 0x1F2328)
    static let muted = Color(hex: 0x5F6B7A)
    static let accent = Color(hex: 0x1F5FAD)
    static let rule = Color(hex: 0x1F2328)
    static let hairline = Color(hex: 0xD8DEE4)
    static let panel = Color(hex: 0xF3F5F8)
    static let zebra = Color(hex: 0xF7F8FA)
    static let noticeBar = Color(hex: 0xD08700)
    static let noticeFill = Color(hex: 0xFFF5DF)
    static let errorBar = Color(hex: 0xC62828)
    static let errorFill = Color(hex: 0xFDEDED)
    static let errorInk = Color(hex: 0x8E1B1B)

    // MARK: Type

    static let title = TextStyle(size: 24, bold: true, color: ink)
    static let subtitle = TextStyle(size: 13, color: muted)
    static let heading = TextStyle(size: 17, bold: true, color: ink)
    static let subheading = TextStyle(size: 11, bold: true, color: ink)
    static let body = TextStyle(size: 10, color: ink)
    static let meta = TextStyle(size: 8.5, color: muted)
    static let label = TextStyle(size: 8.5, bold: true, color: ink)
    static let caption = TextStyle(size: 8.5, color: muted)
    static let captionTitle = TextStyle(size: 9, bold: true, color: ink)
    static let cell = TextStyle(size: 8.5, color: ink)
    static let codeCell = TextStyle(size: 8, monospaced: true, color: ink)
    static let headerCell = TextStyle(size: 8.5, bold: true, color: ink)
    static let code = TextStyle(size: 8.5, monospaced: true, color: ink)
    static let highlightValue = TextStyle(size: 15, bold: true, color: ink)
    static let highlightKey = TextStyle(size: 8.5, color: muted)
    static let badge = TextStyle(size: 7.5, bold: true, color: ink)
    static let contentsEntry = TextStyle(size: 10.5, color: ink)
    static let footer = TextStyle(size: 8, color: muted)

    /// Line heights: the distance from one baseline to the next.
    static let titleLeading = 30.0
    static let subtitleLeading = 18.0
    static let headingLeading = 22.0
    static let bodyLeading = 14.5
    static let smallLeading = 11.5
    static let contentsLeading = 21.0

    // MARK: Spacing

    static let paragraphGap = 7.0
    /// Between blocks: paragraphs and a table, a table and a figure.
    static let blockGap = 16.0
    /// Padding inside table cells.
    static let cellPaddingX = 5.0
    static let cellPaddingY = 3.5
    /// Padding inside notice and error boxes, and the width of their coloured bar.
    static let boxPadding = 8.0
    static let boxBar = 3.0
    /// Between a figure and its caption.
    static let captionGap = 6.0
    /// A missing figure's placeholder box height.
    static let missingFigureHeight = 56.0

    /// The badge colours (text, fill) for a section's cache state.
    static func stateColors(_ state: String) -> (text: Color, fill: Color) {
        switch state {
        case "ran": (Color(hex: 0x1E6B34), Color(hex: 0xE3F3E7))
        case "cached": (Color(hex: 0x1F5FAD), Color(hex: 0xE5EEFA))
        case "failed": (Color(hex: 0xB42318), Color(hex: 0xFDE8E6))
        default: (Color(hex: 0x57606A), Color(hex: 0xECEFF2))
        }
    }
}
