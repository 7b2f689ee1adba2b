/// One panel's place in the figure: its grid cell, its plot area and its two axes' ticks.
struct PanelLayout {
    let axes: Axes
    /// The whole grid cell, labels included.
    let cell: Rect
    /// The area the marks are drawn in, inside the spines.
    let plot: Rect
    let x: TickedAxis
    let y: TickedAxis

    /// Data x to figure x.
    var xScale: LinearScale { LinearScale(domain: x.range, start: plot.minX, end: plot.maxX) }
    /// Data y to figure y (upwards).
    var yScale: LinearScale { LinearScale(domain: y.range, start: plot.maxY, end: plot.minY) }
}
