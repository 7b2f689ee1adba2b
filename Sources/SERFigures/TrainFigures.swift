package import SERPlot

/// The train cell's figures about the corpus the models learn from.
package enum TrainFigures {
    /// `train-importance`: permutation importance per feature group, the UAR lost when a group's values are
    /// shuffled among a test fold's clips; one bar per model (mean over folds, ± one standard deviation),
    /// groups ordered by their mean over models, largest first, with a line at 0 (below it, shuffling the
    /// group helped). `models[i].drops` is `[group][fold]`, groups as `groups`.
    package static func importance(groups: [String], models: [(title: String, drops: [[Double]])]) -> Figure {
        let means = models.map { model in model.drops.map { FoldScores($0).mean } }
        let overall = groups.indices.map { group in means.map { $0[group] }.reduce(0, +) / Double(max(models.count, 1))
        }
        let order = groups.indices.sorted { overall[$0] > overall[$1] || (overall[$0] == overall[$1] && $0 < $1) }
        let series = models.enumerated().map { index, model in
            (values: order.map { means[index][$0] }, color: FigureStyle.modelColor(index))
        }
        let errors = models.map { model in
            order.map { group -> ClosedRange<Double> in
                let scores = FoldScores(model.drops[group])
                return (scores.mean - scores.spread)...(scores.mean + scores.spread)
            }
        }
        let low = min(0, errors.flatMap { $0.map(\.lowerBound) }.min() ?? 0)
        let high = max(0.01, errors.flatMap { $0.map(\.upperBound) }.max() ?? 0.01)
        let pad = 0.08 * (high - low)
        var marks = Mark.groupedBars(series, errors: errors)
        marks.append(
            .line(
                xs: [-0.5, Double(groups.count) - 0.5], ys: [0, 0], color: FigureStyle.referenceLine, width: 1))
        return Figure(
            title: "Permutation importance per feature group",
            panels: [
                Axes(
                    xLabel: "feature group", yLabel: "UAR lost when shuffled",
                    xScale: .category(order.map { groups[$0] }),
                    yRange: (low - (low < 0 ? pad : 0))...(high + pad), marks: marks,
                    legend: models.enumerated().map { LegendEntry($1.title, color: FigureStyle.modelColor($0)) })
            ],
            caption:
                "mean over test folds of each fold's UAR minus its UAR with the group's values shuffled among its clips; bars ± one standard deviation over folds",
            width: max(560, min(900, 70 * Double(groups.count) + 200)), height: 320)
    }

    /// `train-feature-importance`: the `shown` features with the largest mean permutation importance over
    /// folds (`rises[feature][fold]`, the cross-entropy rise when the feature is shuffled in a test fold), as
    /// horizontal bars from 0, largest at the top, ± one standard deviation over folds, each bar coloured by
    /// the feature's group (`groups`, one per feature; the legend names them), with a line at 0.
    package static func featureImportance(
        model: String, names: [String], groups: [String], rises: [[Double]], shown: Int
    ) -> Figure {
        let means = rises.map { FoldScores($0).mean }
        let spreads = rises.map { FoldScores($0).spread }
        let order = names.indices.sorted { means[$0] > means[$1] || (means[$0] == means[$1] && $0 < $1) }
        let top = Array(order.prefix(shown))
        // A category axis lists its first category at the top: the largest comes first.
        let rows = top
        var legendGroups: [String] = []
        for group in top.map({ groups[$0] }) where !legendGroups.contains(group) {
            legendGroups.append(group)
        }
        func color(_ group: String) -> Color { Palette.okabeIto[legendGroups.firstIndex(of: group) ?? 0] }
        let cells = rows.enumerated().map { position, feature in
            Mark.Cell(
                x: min(0, means[feature])...max(0, means[feature]),
                y: (Double(position) - 0.38)...(Double(position) + 0.38), color: color(groups[feature]))
        }
        let whiskers = rows.enumerated().map { position, feature in
            (
                x0: means[feature] - spreads[feature], y0: Double(position), x1: means[feature] + spreads[feature],
                y1: Double(position)
            )
        }
        let low = min(0, rows.map { means[$0] - spreads[$0] }.min() ?? 0)
        let high = max(1e-3, rows.map { means[$0] + spreads[$0] }.max() ?? 1e-3)
        let pad = 0.05 * (high - low)
        return Figure(
            title: "Permutation importance per feature: \(model)",
            panels: [
                Axes(
                    xLabel: "cross-entropy rise when shuffled (nats)", yLabel: "",
                    yScale: .category(rows.map { names[$0] }),
                    xRange: (low - (low < 0 ? pad : 0))...(high + pad),
                    marks: [
                        .cells(cells),
                        .segments(whiskers, color: FigureStyle.neutralInk, width: 1),
                        .line(
                            xs: [0, 0], ys: [-0.5, Double(rows.count) - 0.5], color: FigureStyle.referenceLine,
                            width: 1),
                    ],
                    legend: legendGroups.map { LegendEntry($0, color: color($0)) })
            ],
            caption:
                "the \(rows.count) of \(names.count) features with the largest mean over test folds of the rise in cross-entropy when the feature's values are shuffled among a fold's clips; whiskers ± one standard deviation over folds",
            width: 720, height: 140 + 22 * Double(rows.count))
    }

    /// `train-coverage`: clips per speaker (rows) and emotion (columns) as a heat map, the count in each
    /// cell and an empty cell left white: how much of each speaker's voice is confounded with one
    /// emotion, which is what decides whether speaker normalisation helps. `counts[speaker][emotion]`.
    package static func speakerCoverage(speakers: [String], emotions: [String], counts: [[Int]]) -> Figure {
        let top = Double(max(1, counts.flatMap { $0 }.max() ?? 1))
        let range = 0...top
        var cells: [Mark.Cell] = []
        var texts: [Mark.Label] = []
        for (row, speakerCounts) in counts.enumerated() {
            for (column, count) in speakerCounts.enumerated() {
                let color = count == 0 ? Color(hex: 0xFFFFFF) : Colormap.viridis.color(for: Double(count), in: range)
                cells.append(
                    Mark.Cell(
                        x: (Double(column) - 0.5)...(Double(column) + 0.5),
                        y: (Double(row) - 0.5)...(Double(row) + 0.5), color: color))
                if speakers.count <= 40 {
                    texts.append(
                        Mark.Label(
                            x: Double(column), y: Double(row), text: count == 0 ? "–" : "\(count)",
                            color: count == 0 ? FigureStyle.neutralInk : color.contrastingInk))
                }
            }
        }
        let shown = speakers.map { $0.isEmpty ? "unknown" : $0 }
        let covered = counts.map { $0.filter { $0 > 0 }.count }
        let mean = covered.isEmpty ? 0 : Double(covered.reduce(0, +)) / Double(covered.count)
        let rowHeight = speakers.count > 40 ? 10.0 : 20.0
        return Figure(
            title: "Clips per speaker and emotion",
            panels: [
                Axes(
                    xLabel: "emotion", yLabel: "speaker", xScale: .category(emotions), yScale: .category(shown),
                    marks: [.cells(cells, outline: FigureStyle.lightInk), .labels(texts, size: 7)],
                    colorBar: ColorBar(colormap: .viridis, range: range, label: "clips"), showsGrid: false)
            ],
            caption:
                "each speaker shows \((mean * 10).rounded() / 10) of \(emotions.count) emotions on average; an empty cell (–): no clip",
            width: max(420, 44 * Double(emotions.count) + 260),
            height: rowHeight * Double(max(speakers.count, 1)) + 170)
    }
}
