/// Where everything in a ``Figure`` goes, in points, measured with the canvas's fonts.
///
/// Every cell of the grid gets the same insets (room for the title, tick labels and axis labels of
/// the widest panel), so plot areas line up across rows and columns like matplotlib subplots. Tick
/// steps are chosen per panel so that neighbouring tick labels never touch.
struct FigureLayout {
    /// The suptitle's baseline centre, or nil when the figure has no title.
    let suptitleOrigin: Point?
    let panels: [PanelLayout]

    init(figure: Figure, canvas: CairoCanvas) {
        var content = Rect(
            x: Theme.outerMargin, y: Theme.outerMargin,
            width: figure.width - 2 * Theme.outerMargin, height: figure.height - 2 * Theme.outerMargin
        )
        if figure.title.isEmpty {
            suptitleOrigin = nil
        } else {
            let line = canvas.lineMetrics(Theme.suptitle)
            suptitleOrigin = Point(x: figure.width / 2, y: content.y + line.ascent)
            let band = line.ascent + line.descent + Theme.suptitleGap
            content.y += band
            content.height -= band
        }
        let axes = figure.panels
        let cellWidth = content.width / Double(figure.columns)
        let cellHeight = (content.height - Double(figure.rows - 1) * Theme.rowGap) / Double(figure.rows)

        let title = canvas.lineMetrics(Theme.panelTitle)
        let label = canvas.lineMetrics(Theme.axisLabel)
        let tick = canvas.lineMetrics(Theme.tickLabel)
        let tickLineHeight = tick.ascent + tick.descent
        let labelLineHeight = label.ascent + label.descent

        // Vertical insets do not depend on tick values, so plot heights come first.
        let top =
            axes.contains { !$0.title.isEmpty }
            ? title.ascent + title.descent + Theme.titleGap
            : tickLineHeight / 2 + 1
        var bottom = Theme.tickLength + Theme.tickLabelGap + tickLineHeight
        if axes.contains(where: { !$0.xLabel.isEmpty }) { bottom += Theme.labelGap + labelLineHeight }
        let plotHeight = max(1, cellHeight - top - bottom)

        // Then y ticks, whose widest label decides the left inset and so the plot widths.
        let yAxes = axes.map { panel in
            TickedAxis(
                range: panel.resolvedYRange, length: plotHeight, spacing: Theme.yTickSpacing,
                minGap: Theme.tickLabelMinGapY, labelExtent: { _ in tickLineHeight }
            )
        }
        var left = Theme.tickLength + Theme.tickLabelGap
        left += yAxes.flatMap(\.labels).map { canvas.width(of: $0, style: Theme.tickLabel) }.max() ?? 0
        if axes.contains(where: { !$0.yLabel.isEmpty }) { left += labelLineHeight + Theme.labelGap }
        let plotWidth = max(1, cellWidth - left - Theme.panelRightPad)

        panels = axes.indices.map { index in
            let cell = Rect(
                x: content.x + Double(index % figure.columns) * cellWidth,
                y: content.y + Double(index / figure.columns) * (cellHeight + Theme.rowGap),
                width: cellWidth, height: cellHeight
            )
            let xAxis = TickedAxis(
                range: axes[index].resolvedXRange, length: plotWidth, spacing: Theme.xTickSpacing,
                minGap: Theme.tickLabelMinGapX, labelExtent: { canvas.width(of: $0, style: Theme.tickLabel) }
            )
            return PanelLayout(
                axes: axes[index],
                cell: cell,
                plot: Rect(x: cell.x + left, y: cell.y + top, width: plotWidth, height: plotHeight),
                x: xAxis,
                y: yAxes[index]
            )
        }
    }
}
