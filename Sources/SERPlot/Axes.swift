/// One panel of a ``Figure``: a plot area with a title, axis labels, scales, x and y ranges, the
/// ``Mark``s drawn in it and an optional legend or colour bar beside it, like a matplotlib `Axes`.
package struct Axes: Sendable {
    /// Drawn centred above the plot area; empty for none.
    package var title: String
    /// Drawn under the x tick labels; empty for none.
    package var xLabel: String
    /// Drawn, rotated, left of the y tick labels; empty for none.
    package var yLabel: String
    /// How x values map to positions.
    package var xScale: Scale
    /// How y values map to positions.
    package var yScale: Scale
    /// The visible x range; nil to fit the marks with a 5 % margin on each side (see ``Mark``'s sticky edges).
    package var xRange: ClosedRange<Double>?
    /// The visible y range; nil to fit the marks with a 5 % margin on each side.
    package var yRange: ClosedRange<Double>?
    /// What is drawn, in order (later marks on top).
    package var marks: [Mark]
    /// Keys drawn right of the plot area, top first; empty for none.
    package var legend: [LegendEntry]
    /// A colour scale drawn right of the plot area (for heatmaps and images); nil for none.
    package var colorBar: ColorBar?
    /// Whether light grid lines are drawn at the numeric ticks (never on category axes).
    package var showsGrid: Bool

    package init(
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
