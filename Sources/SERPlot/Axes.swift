/// One panel of a ``Figure``: a plot area with a title, axis labels, x and y ranges and the
/// ``Mark``s drawn in it, like a matplotlib `Axes`.
public struct Axes: Sendable {
    /// Drawn centred above the plot area; empty for none.
    public var title: String
    /// Drawn under the x tick labels; empty for none.
    public var xLabel: String
    /// Drawn, rotated, left of the y tick labels; empty for none.
    public var yLabel: String
    /// The visible x range; nil to fit the marks with a 5 % margin on each side.
    public var xRange: ClosedRange<Double>?
    /// The visible y range; nil to fit the marks with a 5 % margin on each side.
    public var yRange: ClosedRange<Double>?
    /// What is drawn, in order (later marks on top).
    public var marks: [Mark]

    public init(
        title: String = "",
        xLabel: String = "",
        yLabel: String = "",
        xRange: ClosedRange<Double>? = nil,
        yRange: ClosedRange<Double>? = nil,
        marks: [Mark] = []
    ) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xRange = xRange
        self.yRange = yRange
        self.marks = marks
    }

    /// The x range the panel shows: the explicit one, or the marks' extent with margins.
    var resolvedXRange: ClosedRange<Double> {
        xRange ?? Self.padded(marks.reduce(nil) { Mark.union($0, $1.xExtent) })
    }

    /// The y range the panel shows: the explicit one, or the marks' extent with margins.
    var resolvedYRange: ClosedRange<Double> {
        yRange ?? Self.padded(marks.reduce(nil) { Mark.union($0, $1.yExtent) })
    }

    /// Fraction of the data span added on each side of a fitted range (matplotlib's `axes.xmargin`).
    static let margin = 0.05

    /// `extent` widened by ``margin`` on each side; a single value gets ±0.5 (or ±5 % of itself if
    /// larger), and no data at all gives 0...1.
    static func padded(_ extent: ClosedRange<Double>?) -> ClosedRange<Double> {
        guard let extent else { return 0...1 }
        let span = extent.upperBound - extent.lowerBound
        let pad = span > 0 ? span * margin : max(0.5, abs(extent.lowerBound) * margin)
        return (extent.lowerBound - pad)...(extent.upperBound + pad)
    }
}
