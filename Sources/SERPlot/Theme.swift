/// How text is drawn: size in points, weight and colour. The family is ``Theme/fontFamily`` (or
/// ``Theme/monospaceFontFamily``), with fontconfig's fallback for scripts it lacks.
package struct TextStyle {
    /// What decides a string's shape and size: everything but the colour.
    package struct Font: Hashable {
        package var size: Double
        package var bold = false
        /// Set in the house's monospaced font (code, configuration keys, file paths).
        package var monospaced = false

        package init(size: Double, bold: Bool = false, monospaced: Bool = false) {
            self.size = size
            self.bold = bold
            self.monospaced = monospaced
        }
    }

    package var font: Font
    package var color: Color

    package init(size: Double, bold: Bool = false, monospaced: Bool = false, color: Color) {
        font = Font(size: size, bold: bold, monospaced: monospaced)
        self.color = color
    }

    package var size: Double { font.size }
}

/// The house look, close to matplotlib's and seaborn's defaults: white background, light grid,
/// dark-grey axes and labels. Every size is in points.
enum Theme {
    static let fontFamily = "DejaVu Sans"
    /// For ``TextStyle/Font/monospaced`` text.
    static let monospaceFontFamily = "DejaVu Sans Mono"
    /// For Arabic-script text (Debian's fonts-noto-ui-core); fontconfig falls back to others if missing.
    static let arabicFontFamily = "Noto Sans Arabic UI"

    static let background = Color(hex: 0xFFFFFF)
    static let grid = Color(hex: 0xE5E5E5)
    static let axis = Color(hex: 0x4D4D4D)
    static let ink = Color(hex: 0x262626)

    static let suptitle = TextStyle(size: 14, bold: true, color: ink)
    static let panelTitle = TextStyle(size: 11, color: ink)
    static let axisLabel = TextStyle(size: 9.5, color: ink)
    static let tickLabel = TextStyle(size: 8.5, color: axis)
    static let legendLabel = TextStyle(size: 8.5, color: ink)
    static let caption = TextStyle(size: 8, color: Color(hex: 0x6B6B6B))

    /// Space between the figure's edge and anything drawn.
    static let outerMargin = 10.0
    /// Space below the suptitle.
    static let suptitleGap = 10.0
    /// Space between a panel title's baseline and the plot area.
    static let titleGap = 6.0
    /// Space between tick labels and the axis label next to them.
    static let labelGap = 4.0
    /// Space between a tick's end and its label.
    static let tickLabelGap = 2.5
    /// Free space kept right of each plot area, so one panel's last tick label never meets the next panel.
    static let panelRightPad = 18.0
    /// Free space between one row of panels and the next, so an x label never meets the title below it.
    static let rowGap = 14.0
    /// Free space between rows when the upper has no x label and the lower no title: only tick labels meet.
    static let compactRowGap = 6.0

    static let tickLength = 3.5
    static let axisWidth = 0.8
    static let gridWidth = 0.8

    /// Closest spacing between ticks to aim for; the step is the nice number that gives this or a little more.
    static let xTickSpacing = 36.0
    static let yTickSpacing = 30.0
    /// Smallest horizontal gap between neighbouring x tick labels, and vertical gap between y tick labels.
    static let tickLabelMinGapX = 8.0
    static let tickLabelMinGapY = 2.0

    /// Space above the caption.
    static let captionGap = 8.0
    /// Side of a legend's square key, and the gap between key and label.
    static let legendKey = 8.0
    static let legendKeyGap = 4.0
    /// Space between entries of a figure legend row.
    static let legendEntryGap = 14.0
    /// Height of one legend line.
    static let legendRowHeight = 13.0
    /// Space between a plot area and a legend or colour bar beside it.
    static let sideKeyGap = 10.0
    /// Width of a colour bar.
    static let colorBarWidth = 10.0
    /// The most steps between a colour bar's ticks, however tall it is.
    static let colorBarMaxIntervals = 8
    /// Extra width a default-size figure gives each panel with a legend or colour bar beside it.
    static let sideKeyAllowance = 70.0

    /// The default size of one panel, for figures built without an explicit size.
    static let panelWidth = 300.0
    static let panelHeight = 210.0
}
