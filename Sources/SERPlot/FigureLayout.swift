#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where everything in a ``Figure`` goes, in points, measured with the canvas's fonts.
///
/// Every cell of a row gets the same insets (room for the titles, tick labels and axis labels of that
/// row's panels; side keys of the widest panel), and every plot area the same size, so plot areas line
/// up across rows and columns like matplotlib subplots; a row without titles or x labels gives up
/// their room, and rows where only tick labels meet sit closer together.
/// Tick steps are chosen per panel so that neighbouring tick labels never touch; category labels
/// that do not fit side by side are turned 45° or 90°, and thinned out if even that is too tight.
struct FigureLayout {
    /// The suptitle's baseline centre, or nil when the figure has no title.
    let suptitleOrigin: Point?
    /// The figure legend's entries with the left end of each key's row baseline.
    let legend: [(entry: LegendEntry, origin: Point)]
    /// The caption's lines, each with its baseline start; empty when the figure has none.
    let caption: [(text: String, origin: Point)]
    let panels: [PanelLayout]
    /// The figure's shared colour bar: its strip beside the grid and its ticks; nil when it has none.
    let colorBar: (strip: Rect, ticks: TickedAxis)?

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
            caption = []
        } else {
            let line = canvas.lineMetrics(Theme.caption)
            let lines = canvas.wrapped(figure.caption, width: content.width, style: Theme.caption)
            let lineHeight = line.ascent + line.descent
            let top = content.maxY - Double(lines.count) * lineHeight
            caption = lines.enumerated().map { index, text in
                (text, Point(x: content.x, y: top + Double(index) * lineHeight + line.ascent))
            }
            content.height -= Double(lines.count) * lineHeight + Theme.captionGap
        }
        guard let bar = figure.colorBar else {
            panels = Self.panels(figure, in: content, canvas: canvas)
            colorBar = nil
            return
        }
        content.width -= Self.colorBarWidth(bar, length: content.height, canvas: canvas)
        panels = Self.panels(figure, in: content, canvas: canvas)
        let top = panels.map(\.plot.minY).min() ?? content.minY
        let bottom = panels.map(\.plot.maxY).max() ?? content.maxY
        let strip = Rect(
            x: (panels.map(\.plot.maxX).max() ?? content.maxX) + Theme.sideKeyGap, y: top, width: Theme.colorBarWidth,
            height: max(1, bottom - top))
        colorBar = (strip, Self.colorBarTicks(bar, length: strip.height, canvas: canvas))
    }

    /// The ticks of a colour bar `length` points tall: about one per ``Theme/yTickSpacing``, but no more
    /// than ``Theme/colorBarMaxIntervals`` steps on a tall bar.
    static func colorBarTicks(_ bar: ColorBar, length: Double, canvas: CairoCanvas) -> TickedAxis {
        let tick = canvas.lineMetrics(Theme.tickLabel)
        return TickedAxis(
            range: bar.range, length: length,
            spacing: max(Theme.yTickSpacing, length / Double(Theme.colorBarMaxIntervals)),
            minGap: Theme.tickLabelMinGapY, labelExtent: { _ in tick.ascent + tick.descent })
    }

    /// The width a colour bar about `length` points tall takes beside a plot area, from the gap before
    /// the strip to the end of its label.
    static func colorBarWidth(_ bar: ColorBar, length: Double, canvas: CairoCanvas) -> Double {
        let ticks = colorBarTicks(bar, length: length, canvas: canvas)
        var width = Theme.sideKeyGap + Theme.colorBarWidth + Theme.tickLength + Theme.tickLabelGap
        width += ticks.labels.map { canvas.width(of: $0, style: Theme.tickLabel) }.max() ?? 0
        if !bar.label.isEmpty {
            let label = canvas.lineMetrics(Theme.axisLabel)
            width += Theme.labelGap + label.ascent + label.descent
        }
        return width + 4
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
        let rows = figure.rows
        let cellWidth = content.width / Double(figure.columns)
        let rowOf = { (index: Int) in index / figure.columns }
        let members = { (row: Int) in axes.indices.filter { rowOf($0) == row } }

        let title = canvas.lineMetrics(Theme.panelTitle)
        let label = canvas.lineMetrics(Theme.axisLabel)
        let tick = canvas.lineMetrics(Theme.tickLabel)
        let tickLineHeight = tick.ascent + tick.descent
        let labelLineHeight = label.ascent + label.descent
        let tickWidth = { (text: String) in canvas.width(of: text, style: Theme.tickLabel) }

        // Room above each row's plot areas: a title line if any panel of the row has a title.
        let tops = (0..<rows).map { row in
            members(row).contains { !axes[$0].title.isEmpty }
                ? title.ascent + title.descent + Theme.titleGap : tickLineHeight / 2 + 1
        }
        // Space under each row but the last: less where neither an x label nor a title meets it.
        let gaps = (0..<max(0, rows - 1)).map { row in
            members(row).contains { !axes[$0].xLabel.isEmpty } || members(row + 1).contains { !axes[$0].title.isEmpty }
                ? Theme.rowGap : Theme.compactRowGap
        }
        let legendWidth =
            axes.flatMap(\.legend).map {
                Theme.legendKey + Theme.legendKeyGap + canvas.width(of: $0.label, style: Theme.legendLabel)
            }.max().map { Theme.sideKeyGap + $0 + 4 } ?? 0

        /// Plot sizes, each row's room below its plot areas and the y/colour-bar axes, given each row's
        /// extra height under the x tick labels.
        func arrange(extraBottom: [Double]) -> (
            plot: (width: Double, height: Double), bottoms: [Double], left: Double, y: [TickedAxis],
            bars: [TickedAxis?]
        ) {
            let bottoms = (0..<rows).map { row in
                var bottom = Theme.tickLength + Theme.tickLabelGap + tickLineHeight + extraBottom[row]
                if members(row).contains(where: { !axes[$0].xLabel.isEmpty }) {
                    bottom += Theme.labelGap + labelLineHeight
                }
                return bottom
            }
            let insets = tops.reduce(0, +) + bottoms.reduce(0, +) + gaps.reduce(0, +)
            let plotHeight = max(1, (content.height - insets) / Double(rows))
            let yAxes = axes.map { panel in
                ticked(
                    panel.yScale, range: panel.resolvedYRange, length: plotHeight, spacing: Theme.yTickSpacing,
                    minGap: Theme.tickLabelMinGapY, extent: { _ in tickLineHeight }, crowding: tickLineHeight)
            }
            let bars = axes.map { panel in
                panel.colorBar.map { colorBarTicks($0, length: plotHeight, canvas: canvas) }
            }
            var left = Theme.tickLength + Theme.tickLabelGap
            left += yAxes.flatMap(\.labels).map(tickWidth).max() ?? 0
            if axes.contains(where: { !$0.yLabel.isEmpty }) { left += labelLineHeight + Theme.labelGap }
            var right = Theme.panelRightPad
            right = max(right, legendWidth)
            for panel in axes {
                guard let bar = panel.colorBar else { continue }
                right = max(right, colorBarWidth(bar, length: plotHeight, canvas: canvas))
            }
            return ((max(1, cellWidth - left - right), plotHeight), bottoms, left, yAxes, bars)
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

        let noExtra = Array(repeating: 0.0, count: rows)
        var arranged = arrange(extraBottom: noExtra)
        var settings = axes.map { xLabelSetting($0, plotWidth: arranged.plot.width) }
        let extras = (0..<rows).map { row in members(row).map { settings[$0].extra }.max() ?? 0 }
        if extras != noExtra {
            arranged = arrange(extraBottom: extras)
            settings = axes.map { xLabelSetting($0, plotWidth: arranged.plot.width) }
        }

        var rowTops = [content.y]
        for row in 0..<max(0, rows - 1) {
            rowTops.append(rowTops[row] + tops[row] + arranged.plot.height + arranged.bottoms[row] + gaps[row])
        }
        return axes.indices.map { index in
            let row = rowOf(index)
            let cell = Rect(
                x: content.x + Double(index % figure.columns) * cellWidth, y: rowTops[row], width: cellWidth,
                height: tops[row] + arranged.plot.height + arranged.bottoms[row]
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
                    x: cell.x + arranged.left, y: cell.y + tops[row], width: arranged.plot.width,
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
