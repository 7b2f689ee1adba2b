/// One panel's place in the figure: its grid cell, its plot area, its two axes' ticks and its colour
/// bar's ticks.
struct PanelLayout {
    let axes: Axes
    /// The whole grid cell, labels included.
    let cell: Rect
    /// The area the marks are drawn in, inside the spines.
    let plot: Rect
    let x: TickedAxis
    let y: TickedAxis
    /// How far the x tick labels are turned anticlockwise, in degrees: 0, 45 or 90.
    var xLabelAngle: Double = 0
    /// The colour bar's ticks, when the panel has one.
    var colorBar: TickedAxis? = nil

    /// Data x to figure x.
    var xScale: PositionScale { PositionScale(scale: axes.xScale, range: x.range, start: plot.minX, end: plot.maxX) }
    /// Data y to figure y: upwards, except on a category axis, whose first category is at the top.
    var yScale: PositionScale {
        axes.yScale.categories == nil
            ? PositionScale(scale: axes.yScale, range: y.range, start: plot.maxY, end: plot.minY)
            : PositionScale(scale: axes.yScale, range: y.range, start: plot.minY, end: plot.maxY)
    }
}
