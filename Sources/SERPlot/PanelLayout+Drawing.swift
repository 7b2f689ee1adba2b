extension PanelLayout {
    /// Draws the panel: grid, marks (clipped to the plot area), spines, ticks, tick labels, axis labels
    /// and title, in that order.
    func draw(on canvas: CairoCanvas) {
        let xScale = xScale
        let yScale = yScale
        let xTicks = x.ticks.values.map { xScale($0) }
        let yTicks = y.ticks.values.map { yScale($0) }

        canvas.strokeSegments(
            xTicks.map { (Point(x: $0, y: plot.minY), Point(x: $0, y: plot.maxY)) }
                + yTicks.map { (Point(x: plot.minX, y: $0), Point(x: plot.maxX, y: $0)) },
            color: Theme.grid, width: Theme.gridWidth
        )
        canvas.clipped(to: plot) {
            for mark in axes.marks { mark.draw(on: canvas, x: xScale, y: yScale) }
        }

        // Left and bottom spines, with ticks pointing out of the plot area.
        let spineX = plot.minX
        let spineY = plot.maxY
        canvas.strokeSegments(
            [
                (Point(x: spineX, y: plot.minY), Point(x: spineX, y: plot.maxY + Theme.axisWidth / 2)),
                (Point(x: plot.minX - Theme.axisWidth / 2, y: spineY), Point(x: plot.maxX, y: spineY)),
            ]
                + xTicks.map { (Point(x: $0, y: spineY), Point(x: $0, y: spineY + Theme.tickLength)) }
                + yTicks.map { (Point(x: spineX, y: $0), Point(x: spineX - Theme.tickLength, y: $0)) },
            color: Theme.axis, width: Theme.axisWidth
        )

        let tick = canvas.lineMetrics(Theme.tickLabel)
        let xTickBaseline = spineY + Theme.tickLength + Theme.tickLabelGap + tick.ascent
        for (position, label) in zip(xTicks, x.labels) {
            canvas.draw(label, at: Point(x: position, y: xTickBaseline), style: Theme.tickLabel, anchor: .middle)
        }
        let yTickRight = spineX - Theme.tickLength - Theme.tickLabelGap
        var yTickLeft = yTickRight
        for (position, label) in zip(yTicks, y.labels) {
            let baseline = position + (tick.ascent - tick.descent) / 2
            canvas.draw(label, at: Point(x: yTickRight, y: baseline), style: Theme.tickLabel, anchor: .end)
            yTickLeft = min(yTickLeft, yTickRight - canvas.width(of: label, style: Theme.tickLabel))
        }

        let label = canvas.lineMetrics(Theme.axisLabel)
        let xLabelBaseline = xTickBaseline + tick.descent + Theme.labelGap + label.ascent
        canvas.draw(
            canvas.fitted(axes.xLabel, width: plot.width, style: Theme.axisLabel),
            at: Point(x: plot.midX, y: xLabelBaseline), style: Theme.axisLabel, anchor: .middle
        )
        // The y label sits beside this panel's own tick labels, as in matplotlib.
        canvas.draw(
            canvas.fitted(axes.yLabel, width: plot.height, style: Theme.axisLabel),
            at: Point(x: yTickLeft - Theme.labelGap - label.descent, y: plot.midY), style: Theme.axisLabel,
            anchor: .middle, vertical: true
        )

        // Centred over the plot area and kept inside the cell.
        let title = canvas.lineMetrics(Theme.panelTitle)
        let titleWidth = 2 * min(plot.midX - cell.minX, cell.maxX - plot.midX)
        canvas.draw(
            canvas.fitted(axes.title, width: titleWidth, style: Theme.panelTitle),
            at: Point(x: plot.midX, y: plot.minY - Theme.titleGap - title.descent), style: Theme.panelTitle,
            anchor: .middle
        )
    }
}
