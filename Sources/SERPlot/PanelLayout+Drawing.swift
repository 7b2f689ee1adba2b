#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension PanelLayout {
    /// Draws the panel: grid, marks (clipped to the plot area), spines, ticks, tick labels, axis
    /// labels, title, legend and colour bar, in that order.
    func draw(on canvas: CairoCanvas) {
        let xScale = xScale
        let yScale = yScale
        let xTicks = x.values.map { xScale($0) }
        let yTicks = y.values.map { yScale($0) }

        if axes.showsGrid {
            let verticals = axes.xScale.categories == nil ? xTicks : []
            let horizontals = axes.yScale.categories == nil ? yTicks : []
            canvas.strokeSegments(
                verticals.map { (Point(x: $0, y: plot.minY), Point(x: $0, y: plot.maxY)) }
                    + horizontals.map { (Point(x: plot.minX, y: $0), Point(x: plot.maxX, y: $0)) },
                color: Theme.grid, width: Theme.gridWidth
            )
        }
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
        let labelTop = spineY + Theme.tickLength + Theme.tickLabelGap
        var xLabelsBottom = labelTop + tick.ascent + tick.descent
        if xLabelAngle == 0 {
            for (position, label) in zip(xTicks, x.labels) {
                canvas.draw(
                    label, at: Point(x: position, y: labelTop + tick.ascent), style: Theme.tickLabel, anchor: .middle)
            }
        } else {
            // Turned labels end at their tick, the middle of their line on the tick's line.
            let radians = xLabelAngle * Double.pi / 180
            let centre = (tick.ascent - tick.descent) / 2
            for (position, label) in zip(xTicks, x.labels) where !label.isEmpty {
                let end = Point(x: position + centre * sin(radians), y: labelTop + tick.ascent * cos(radians))
                canvas.draw(label, at: end, style: Theme.tickLabel, anchor: .end, angle: xLabelAngle)
                let width = canvas.width(of: label, style: Theme.tickLabel)
                xLabelsBottom = max(
                    xLabelsBottom, labelTop + (tick.ascent + tick.descent) * cos(radians) + width * sin(radians))
            }
        }
        let yTickRight = spineX - Theme.tickLength - Theme.tickLabelGap
        var yTickLeft = yTickRight
        for (position, label) in zip(yTicks, y.labels) {
            let baseline = position + (tick.ascent - tick.descent) / 2
            canvas.draw(label, at: Point(x: yTickRight, y: baseline), style: Theme.tickLabel, anchor: .end)
            yTickLeft = min(yTickLeft, yTickRight - canvas.width(of: label, style: Theme.tickLabel))
        }

        let label = canvas.lineMetrics(Theme.axisLabel)
        canvas.draw(
            canvas.fitted(axes.xLabel, width: plot.width, style: Theme.axisLabel),
            at: Point(x: plot.midX, y: xLabelsBottom + Theme.labelGap + label.ascent), style: Theme.axisLabel,
            anchor: .middle
        )
        // The y label sits beside this panel's own tick labels, as in matplotlib.
        canvas.draw(
            canvas.fitted(axes.yLabel, width: plot.height, style: Theme.axisLabel),
            at: Point(x: yTickLeft - Theme.labelGap - label.descent, y: plot.midY), style: Theme.axisLabel,
            anchor: .middle, angle: 90
        )

        // Centred over the plot area and kept inside the cell.
        let title = canvas.lineMetrics(Theme.panelTitle)
        let titleWidth = 2 * min(plot.midX - cell.minX, cell.maxX - plot.midX)
        canvas.draw(
            canvas.fitted(axes.title, width: titleWidth, style: Theme.panelTitle),
            at: Point(x: plot.midX, y: plot.minY - Theme.titleGap - title.descent), style: Theme.panelTitle,
            anchor: .middle
        )

        drawLegend(on: canvas)
        drawColorBar(on: canvas)
    }

    /// The legend, top-aligned with the plot area, right of it.
    private func drawLegend(on canvas: CairoCanvas) {
        let line = canvas.lineMetrics(Theme.legendLabel)
        let available = cell.maxX - plot.maxX - Theme.sideKeyGap - Theme.legendKey - Theme.legendKeyGap
        for (row, entry) in axes.legend.enumerated() {
            let origin = Point(
                x: plot.maxX + Theme.sideKeyGap, y: plot.minY + Double(row) * Theme.legendRowHeight + line.ascent)
            drawLegendEntry(
                LegendEntry(
                    canvas.fitted(entry.label, width: available, style: Theme.legendLabel), color: entry.color,
                    symbol: entry.symbol),
                at: origin, on: canvas)
        }
    }

    /// The colour bar: the colour map as a vertical strip beside the plot area, ticks and labels right of it.
    private func drawColorBar(on canvas: CairoCanvas) {
        guard let bar = axes.colorBar, let ticks = colorBar else { return }
        let strip = Rect(x: plot.maxX + Theme.sideKeyGap, y: plot.minY, width: Theme.colorBarWidth, height: plot.height)
        SERPlot.drawColorBar(bar, ticks: ticks, strip: strip, on: canvas)
    }
}

/// Draws a colour bar: its colour map as the vertical `strip`, with ticks, tick labels and its label
/// right of it.
func drawColorBar(_ bar: ColorBar, ticks: TickedAxis, strip: Rect, on canvas: CairoCanvas) {
    let levels = 256
    canvas.drawImage(
        (0..<levels).reversed().map { bar.colormap.rgb(at: (Double($0) + 0.5) / Double(levels)) }, width: 1,
        height: levels, in: strip)
    let scale = PositionScale(scale: .linear, range: bar.range, start: strip.maxY, end: strip.minY)
    let positions = ticks.values.map { scale($0) }
    canvas.strokeSegments(
        positions.map { (Point(x: strip.maxX, y: $0), Point(x: strip.maxX + Theme.tickLength, y: $0)) },
        color: Theme.axis, width: Theme.axisWidth)
    let tick = canvas.lineMetrics(Theme.tickLabel)
    let labelLeft = strip.maxX + Theme.tickLength + Theme.tickLabelGap
    var labelRight = labelLeft
    for (position, text) in zip(positions, ticks.labels) {
        canvas.draw(
            text, at: Point(x: labelLeft, y: position + (tick.ascent - tick.descent) / 2), style: Theme.tickLabel,
            anchor: .start)
        labelRight = max(labelRight, labelLeft + canvas.width(of: text, style: Theme.tickLabel))
    }
    let label = canvas.lineMetrics(Theme.axisLabel)
    canvas.draw(
        canvas.fitted(bar.label, width: strip.height, style: Theme.axisLabel),
        at: Point(x: labelRight + Theme.labelGap + label.ascent, y: strip.midY), style: Theme.axisLabel,
        anchor: .middle, angle: 90)
}

/// Draws one legend key and its label, the key's row baseline starting at `origin`.
func drawLegendEntry(_ entry: LegendEntry, at origin: Point, on canvas: CairoCanvas) {
    let line = canvas.lineMetrics(Theme.legendLabel)
    let middle = origin.y - (line.ascent - line.descent) / 2
    let key = Theme.legendKey
    switch entry.symbol {
    case .box:
        canvas.fillRects(
            [(Rect(x: origin.x, y: middle - key / 2, width: key, height: key), entry.color)],
            outline: nil, outlineWidth: 0)
    case .line:
        canvas.strokeSegments(
            [(Point(x: origin.x, y: middle), Point(x: origin.x + key, y: middle))],
            color: entry.color, width: 2)
    case .dot:
        canvas.fillCircles(
            [Point(x: origin.x + key / 2, y: middle)], radius: key / 2.6, color: entry.color, outline: nil)
    }
    canvas.draw(
        entry.label, at: Point(x: origin.x + key + Theme.legendKeyGap, y: origin.y), style: Theme.legendLabel,
        anchor: .start)
}
