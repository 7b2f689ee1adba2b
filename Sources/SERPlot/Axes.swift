/// One panel of a ``Figure``: a plot area with a title, axis labels, scales, x and y ranges, the
/// ``Mark``s drawn in it and an optional legend or colour bar beside it, like a matplotlib `Axes`.
public struct Axes: Sendable {
    /// Drawn centred above the plot area; empty for none.
    public var title: String
    /// Drawn under the x tick labels; empty for none.
    public var xLabel: String
    /// Drawn, rotated, left of the y tick labels; empty for none.
    public var yLabel: String
    /// How x values map to positions.
    public var xScale: Scale
    /// How y values map to positions.
    public var yScale: Scale
    /// The visible x range; nil to fit the marks with a 5 % margin on each side (see ``Mark``'s sticky edges).
    public var xRange: ClosedRange<Double>?
    /// The visible y range; nil to fit the marks with a 5 % margin on each side.
    public var yRange: ClosedRange<Double>?
    /// What is drawn, in order (later marks on top).
    public var marks: [Mark]
    /// Keys drawn right of the plot area, top first; empty for none.
    public var legend: [LegendEntry]
    /// A colour scale drawn right of the plot area (for heatmaps and images); nil for none.
    public var colorBar: ColorBar?
    /// Whether light grid lines are drawn at the numeric ticks (never on category axes).
    public var showsGrid: Bool

    public init(
        title: String = "",
        xLabel: String = "",
        yLabel: String = "",
        xScale: Scale = .linear,
        yScale: Scale = .linear,
        xRange: ClosedRange<Double>? = nil,
        yRange: ClosedRange<Double>? = nil,
        marks: [Mark] = [],
        legend: [LegendEntry] = [],
        colorBar: ColorBar? = nil,
        showsGrid: Bool = true
    ) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xScale = xScale
        self.yScale = yScale
        self.xRange = xRange
        self.yRange = yRange
        self.marks = marks
        self.legend = legend
        self.colorBar = colorBar
        self.showsGrid = showsGrid
    }
}
