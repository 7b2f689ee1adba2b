extension Mark {
    /// A box plot at `position`: the box from the lower to the upper quartile filled lightly in
    /// `color`, the median as a dark line, whiskers with caps, and outliers as small dots. The box's
    /// outline, the whiskers and the outliers are drawn in `stroke` (`color` when nil): a darker shade
    /// keeps a light colour such as yellow readable on white.
    package static func boxPlot(
        _ stats: BoxStatistics, at position: Double, width: Double = 0.6, color: Color, stroke: Color? = nil
    ) -> [Mark] {
        let stroke = stroke ?? color
        let half = width / 2
        let cap = width / 4
        let box = Cell(
            x: (position - half)...(position + half), y: stats.lowerQuartile...stats.upperQuartile,
            color: color.withAlpha(0.35))
        return [
            .segments(
                [
                    (position, stats.lowerWhisker, position, stats.lowerQuartile),
                    (position, stats.upperQuartile, position, stats.upperWhisker),
                    (position - cap, stats.lowerWhisker, position + cap, stats.lowerWhisker),
                    (position - cap, stats.upperWhisker, position + cap, stats.upperWhisker),
                ].map { (x0: $0.0, y0: $0.1, x1: $0.2, y1: $0.3) }, color: stroke, width: 1),
            .cells([box], outline: stroke),
            .segments(
                [(x0: position - half, y0: stats.median, x1: position + half, y1: stats.median)],
                color: Theme.ink, width: 1.5),
            .scatter(
                xs: Array(repeating: position, count: stats.outliers.count), ys: stats.outliers,
                color: stroke.withAlpha(0.7), radius: 1.6, outline: nil),
        ]
    }

    /// The values as dots spread sideways around `position` (a strip plot), so that equal values do not
    /// hide each other. The spread is a fixed low-discrepancy sequence, so the same data always draws the
    /// same dots.
    package static func strip(
        _ values: [Double], at position: Double, spread: Double = 0.5, color: Color, radius: Double = 1.6
    )
        -> Mark
    {
        // The golden-ratio sequence fills an interval evenly for any number of points.
        let offsets = values.indices.map { index in
            let fraction = (Double(index) * 0.618_033_988_749_894_8).truncatingRemainder(dividingBy: 1)
            return (fraction - 0.5) * spread
        }
        return .scatter(xs: offsets.map { position + $0 }, ys: values, color: color, radius: radius, outline: nil)
    }

    /// A histogram's bins as bars in `color`, separated by thin white lines; the y range starts at 0.
    package static func histogram(_ histogram: Histogram, color: Color) -> Mark {
        let cells = histogram.counts.indices.map { index in
            Cell(
                x: histogram.edges[index]...histogram.edges[index + 1], y: 0...Double(histogram.counts[index]),
                color: color)
        }
        var mark = Mark.cells(cells, outline: Theme.background)
        mark.stickyY = [0]
        return mark
    }

    /// Bars for several groups side by side at each category `0, 1, 2, …` (grouped bars, as seaborn's
    /// `barplot(hue=…)`): group `g`'s bars are shifted so that all groups together span `width`. With
    /// `errors`, each bar gets an error bar from `errors[g][i].lowerBound` to `.upperBound`.
    package static func groupedBars(
        _ groups: [(values: [Double], color: Color)], width: Double = 0.8, errors: [[ClosedRange<Double>]]? = nil
    ) -> [Mark] {
        let barWidth = width / Double(max(groups.count, 1))
        var marks: [Mark] = []
        for (group, series) in groups.enumerated() {
            let shift = (Double(group) - Double(groups.count - 1) / 2) * barWidth
            let positions = series.values.indices.map { Double($0) + shift }
            marks.append(
                .bars(positions: positions, values: series.values, width: barWidth * 0.92, color: series.color))
            if let ranges = errors?[group] {
                marks.append(
                    .errorBars(
                        positions: positions, lower: ranges.map(\.lowerBound), upper: ranges.map(\.upperBound),
                        capWidth: barWidth * 0.4))
            }
        }
        return marks
    }

    /// Bars stacked on each other at each category `0, 1, 2, …`, the first layer at the bottom.
    package static func stackedBars(_ layers: [(values: [Double], color: Color)], width: Double = 0.8) -> [Mark] {
        var base = Array(repeating: 0.0, count: layers.map(\.values.count).max() ?? 0)
        var marks: [Mark] = []
        for layer in layers {
            let positions = layer.values.indices.map(Double.init)
            var mark = Mark.bars(
                positions: positions, values: layer.values, width: width, base: Array(base.prefix(layer.values.count)),
                color: layer.color)
            mark.stickyY = [0]
            marks.append(mark)
            for index in layer.values.indices { base[index] += layer.values[index] }
        }
        return marks
    }
}
