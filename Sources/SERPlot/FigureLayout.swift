#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where everything in a ``Figure`` goes, in points, measured with the canvas's fonts.
///
/// Every cell of the grid gets the same insets (room for the title, tick labels, axis labels and side
/// keys of the widest panel), so plot areas line up across rows and columns like matplotlib subplots.
/// Tick steps are chosen per panel so that neighbouring tick labels never touch; category labels
/// that do not fit side by side are turned 45° or 90°, and thinned out if even that is too tight.
struct FigureLayout {
    /// The suptitle's baseline centre, or nil when the figure has no title.
    let suptitleOrigin: Point?
    /// The figure legend's entries with the left end of each key's row baseline.
    let legend: [(entry: LegendEntry, origin: Point)]
    /// The caption's baseline start, or nil when the figure has none.
    let captionOrigin: Point?
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
            content.cutTop(line.ascent + line.descent + Theme.suptitleGap)
        }
        legend = Self.legendRows(figure.legend, in: &content, canvas: canvas)
        if figure.caption.isEmpty {
            captionOrigin = nil
        } else {
            let line = canvas.lineMetrics(Theme.caption)
            captionOrigin = Point(x: content.x, y: content.maxY - line.descent)
            content.height -= line.ascent + line.descent + Theme.captionGap
        }
        panels = Self.panels(figure, in: content, canvas: canvas)
    }

    /// Lays the figure legend out in centred rows under the title, taking their height off `content`.
    private static func legendRows(_ entries: [LegendEntry], in content: inout Rect, canvas: CairoCanvas)
        -> [(entry: LegendEntry, origin: Point)]
    {
        guard !entries.isEmpty else { return [] }
        let widths = entries.map {
            Theme.legendKey + Theme.legendKeyGap + canvas.width(of: $0.label, style: Theme.legendLabel)
        }
        var rows: [[Int]] = [[]]
        var rowWidth = 0.0
        for index in entries.indices {
            let needed = (rows[rows.count - 1].isEmpty ? 0 : Theme.legendEntryGap) + widths[index]
            if !rows[rows.count - 1].isEmpty && rowWidth + needed > content.width {
                rows.append([])
                rowWidth = 0
            }
            rowWidth += rows[rows.count - 1].isEmpty ? widths[index] : needed
            rows[rows.count - 1].append(index)
        }
        let line = canvas.lineMetrics(Theme.legendLabel)
        var placed: [(entry: LegendEntry, origin: Point)] = []
        for (row, members) in rows.enumerated() {
            let total = members.map { widths[$0] }.reduce(0, +) + Double(members.count - 1) * Theme.legendEntryGap
            var x = content.midX - total / 2
            let baseline = content.y + Double(row) * Theme.legendRowHeight + line.ascent
            for index in members {
                placed.append((entries[index], Point(x: x, y: baseline)))
                x += widths[index] + Theme.legendEntryGap
            }
        }
        content.cutTop(Double(rows.count) * Theme.legendRowHeight + Theme.suptitleGap)
        return placed
    }

    private static func panels(_ figure: Figure, in content: Rect, canvas: CairoCanvas) -> [PanelLayout] {
        let axes = figure.panels
        let cellWidth = content.width / Double(figure.columns)
        let cellHeight = (content.height - Double(figure.rows - 1) * Theme.rowGap) / Double(figure.rows)

        let title = canvas.lineMetrics(Theme.panelTitle)
        let label = canvas.lineMetrics(Theme.axisLabel)
        let tick = canvas.lineMetrics(Theme.tickLabel)
        let tickLineHeight = tick.ascent + tick.descent
        let labelLineHeight = label.ascent + label.descent
        let tickWidth = { (text: String) in canvas.width(of: text, style: Theme.tickLabel) }

        let top =
            axes.contains { !$0.title.isEmpty } ? title.ascent + title.descent + Theme.titleGap : tickLineHeight / 2 + 1
        let legendWidth =
            axes.flatMap(\.legend).map {
                Theme.legendKey + Theme.legendKeyGap + canvas.width(of: $0.label, style: Theme.legendLabel)
            }.max().map { Theme.sideKeyGap + $0 + 4 } ?? 0

        /// Plot sizes and y/colour-bar axes for a given extra height under the x tick labels.
        func arrange(extraBottom: Double) -> (
            plot: (width: Double, height: Double), left: Double, y: [TickedAxis], bars: [TickedAxis?]
        ) {
            var bottom = Theme.tickLength + Theme.tickLabelGap + tickLineHeight + extraBottom
            if axes.contains(where: { !$0.xLabel.isEmpty }) { bottom += Theme.labelGap + labelLineHeight }
            let plotHeight = max(1, cellHeight - top - bottom)
            let yAxes = axes.map { panel in
                ticked(
                    panel.yScale, range: panel.resolvedYRange, length: plotHeight, spacing: Theme.yTickSpacing,
                    minGap: Theme.tickLabelMinGapY, extent: { _ in tickLineHeight }, crowding: tickLineHeight)
            }
            let bars = axes.map { panel in
                panel.colorBar.map {
                    TickedAxis(
                        range: $0.range, length: plotHeight, spacing: Theme.yTickSpacing,
                        minGap: Theme.tickLabelMinGapY, labelExtent: { _ in tickLineHeight })
                }
            }
            var left = Theme.tickLength + Theme.tickLabelGap
            left += yAxes.flatMap(\.labels).map(tickWidth).max() ?? 0
            if axes.contains(where: { !$0.yLabel.isEmpty }) { left += labelLineHeight + Theme.labelGap }
            var right = Theme.panelRightPad
            right = max(right, legendWidth)
            for (panel, bar) in zip(axes, bars) {
                guard let bar else { continue }
                var width = Theme.sideKeyGap + Theme.colorBarWidth + Theme.tickLength + Theme.tickLabelGap
                width += bar.labels.map(tickWidth).max() ?? 0
                if panel.colorBar?.label.isEmpty == false { width += Theme.labelGap + labelLineHeight }
                right = max(right, width + 4)
            }
            return ((max(1, cellWidth - left - right), plotHeight), left, yAxes, bars)
        }

        /// How each panel's x tick labels are set: their angle and which are shown, and the extra height.
        func xLabelSetting(_ panel: Axes, plotWidth: Double) -> (angle: Double, every: Int, extra: Double) {
            guard let names = panel.xScale.categories, !names.isEmpty else { return (0, 1, 0) }
            let range = panel.resolvedXRange
            let pitch = plotWidth / max(range.upperBound - range.lowerBound, 1e-9)
            let widest = names.map(tickWidth).max() ?? 0
            if widest + Theme.tickLabelMinGapX <= pitch { return (0, 1, 0) }
            let angle: Double = tickLineHeight * 1.6 <= pitch ? 45 : 90
            let every = max(1, Int(((tickLineHeight + 2) / pitch).rounded(.up)))
            let radians = angle * Double.pi / 180
            return (
                angle, angle == 45 ? 1 : every, tickLineHeight * cos(radians) + widest * sin(radians) - tickLineHeight
            )
        }

        var arranged = arrange(extraBottom: 0)
        var settings = axes.map { xLabelSetting($0, plotWidth: arranged.plot.width) }
        let extra = settings.map(\.extra).max() ?? 0
        if extra > 0 {
            arranged = arrange(extraBottom: extra)
            settings = axes.map { xLabelSetting($0, plotWidth: arranged.plot.width) }
        }

        return axes.indices.map { index in
            let cell = Rect(
                x: content.x + Double(index % figure.columns) * cellWidth,
                y: content.y + Double(index / figure.columns) * (cellHeight + Theme.rowGap),
                width: cellWidth, height: cellHeight
            )
            let panel = axes[index]
            var xAxis = ticked(
                panel.xScale, range: panel.resolvedXRange, length: arranged.plot.width, spacing: Theme.xTickSpacing,
                minGap: Theme.tickLabelMinGapX, extent: tickWidth, crowding: nil)
            if settings[index].every > 1 { xAxis = xAxis.keepingEvery(settings[index].every) }
            return PanelLayout(
                axes: panel,
                cell: cell,
                plot: Rect(
                    x: cell.x + arranged.left, y: cell.y + top, width: arranged.plot.width,
                    height: arranged.plot.height),
                x: xAxis,
                y: arranged.y[index],
                xLabelAngle: settings[index].angle,
                colorBar: arranged.bars[index]
            )
        }
    }
}

/// The ticks for an axis of any scale. On a category axis whose labels would crowd (`crowding` is the
/// label extent along the axis, nil to keep them all), only every second, third… label is kept.
private func ticked(
    _ scale: Scale, range: ClosedRange<Double>, length: Double, spacing: Double, minGap: Double,
    extent: (String) -> Double, crowding: Double?
) -> TickedAxis {
    switch scale {
    case .linear:
        return TickedAxis(range: range, length: length, spacing: spacing, minGap: minGap, labelExtent: extent)
    case .log:
        return .logarithmic(range: range, length: length, spacing: spacing, minGap: minGap, labelExtent: extent)
    case .category(let names):
        let axis = TickedAxis.categorical(names, range: range)
        guard let crowding else { return axis }
        let pitch = length / max(range.upperBound - range.lowerBound, 1e-9)
        return axis.keepingEvery(max(1, Int(((crowding + minGap) / pitch).rounded(.up))))
    }
}

extension TickedAxis {
    /// The same ticks with only every `step`-th label kept (the others blank).
    func keepingEvery(_ step: Int) -> TickedAxis {
        TickedAxis(range: range, values: values, labels: labels.indices.map { $0 % step == 0 ? labels[$0] : "" })
    }
}

extension Rect {
    /// Removes `height` from the top.
    mutating func cutTop(_ height: Double) {
        y += height
        self.height -= height
    }
}
