package import SERPlot

/// The train and evaluate cells' figures: how well each model recognises each emotion.
package enum EvaluateFigures {
    /// `evaluate-confusion-<model>`: the confusion matrix as clip counts and as row percentages (the
    /// share of each true emotion given each prediction; the diagonal is the recall), each row's
    /// percentages rounded so that they add up to 100.
    package static func confusion(_ model: ModelEvaluation) -> Figure {
        let labels = model.labels
        let counts = model.confusion.map { $0.map(Double.init) }
        let rowShares = counts.map { row in
            let total = row.reduce(0, +)
            return row.map { total > 0 ? 100 * $0 / total : 0 }
        }
        let countTexts = model.confusion.map { $0.map { "\($0)" } }
        let shareTexts = model.confusion.map { Self.wholePercentages($0).map { "\($0)" } }
        let countPanel = heatmap(
            counts, texts: countTexts, labels: labels, range: 0...max(1, counts.flatMap { $0 }.max() ?? 1),
            title: "clips", yLabel: "true", colorLabel: "clips")
        // No y label on the second panel: the rows are the first panel's, and its colour bar sits close.
        let sharePanel = heatmap(
            rowShares, texts: shareTexts, labels: labels, range: 0...100, title: "row %", yLabel: "",
            colorLabel: "% of true class")
        let side = 30 * Double(max(labels.count, 1))
        return Figure(
            title: "Confusion matrix: \(model.title)", columns: 2, panels: [countPanel, sharePanel],
            caption:
                "rows: true emotion, columns: predicted; UAR \(Self.score(model.uar)), accuracy \(Self.score(model.accuracy))",
            width: 2 * (side + 190) + 20, height: side + 200)
    }

    /// `evaluate-f1`: F1 per emotion, one bar per model side by side.
    package static func perClassF1(_ models: [ModelEvaluation]) -> Figure {
        let labels = models.first?.labels ?? []
        let groups = models.enumerated().map { index, model in (values: model.f1, color: FigureStyle.modelColor(index))
        }
        return Figure(
            title: "F1 per emotion",
            panels: [
                Axes(
                    xLabel: "emotion", yLabel: "F1", xScale: .category(labels), yRange: 0...1,
                    marks: Mark.groupedBars(groups), legend: legend(models))
            ],
            width: max(460, 34 * Double(labels.count * max(models.count, 1)) / 2 + 200), height: 300)
    }

    /// `evaluate-models`: accuracy, UAR and macro-F1 per model (mean over folds, error bars ± one
    /// standard deviation), each fold's UAR as a dot on its model's UAR bar (how much the ranking of
    /// the models can rest on one fold), with the UAR of guessing (one over the number of emotions)
    /// dashed across the UAR bars only: accuracy's and macro-F1's chance levels depend on the class
    /// balance.
    package static func comparison(_ models: [ModelEvaluation]) -> Figure {
        let metrics = ["accuracy", "UAR", "macro-F1"]
        let groups = models.enumerated().map { index, model in
            (values: [model.accuracy.mean, model.uar.mean, model.macroF1.mean], color: FigureStyle.modelColor(index))
        }
        let errors = models.map { model in
            [model.accuracy, model.uar, model.macroF1].map { max(0, $0.mean - $0.spread)...min(1, $0.mean + $0.spread) }
        }
        var marks = Mark.groupedBars(groups, errors: errors)
        var chanceNote = ""
        if let uar = metrics.firstIndex(of: "UAR"), models.contains(where: { $0.uar.folds.count > 1 }) {
            let barWidth = 0.8 / Double(max(models.count, 1))
            for (index, model) in models.enumerated() where model.uar.folds.count > 1 {
                let x = Double(uar) + (Double(index) - Double(models.count - 1) / 2) * barWidth
                marks.append(
                    .scatter(
                        xs: Array(repeating: x, count: model.uar.folds.count), ys: model.uar.folds,
                        color: FigureStyle.markerEdge, radius: 1.8))
            }
            chanceNote = "; dots: each fold's UAR"
        }
        if let classes = models.first?.labels.count, classes > 0, let uar = metrics.firstIndex(of: "UAR") {
            let chance = 1 / Double(classes)
            marks.append(
                .line(
                    xs: [Double(uar) - 0.45, Double(uar) + 0.45], ys: [chance, chance],
                    color: FigureStyle.referenceLine, width: 1.2, dash: [4, 3]))
            chanceNote += "; dashed: UAR by chance (1/\(classes))"
        }
        let folds = models.first?.uar.folds.count ?? 0
        return Figure(
            title: "Model comparison",
            panels: [
                Axes(
                    yLabel: "score", xScale: .category(metrics), yRange: 0...1, marks: marks, legend: legend(models))
            ],
            caption:
                "mean over \(folds) fold\(folds == 1 ? "" : "s"), bars ± one standard deviation\(chanceNote)",
            width: 520, height: 300)
    }

    /// `evaluate-speakers`: each model's accuracy on each speaker's clips.
    package static func perSpeaker(_ models: [ModelEvaluation]) -> Figure {
        let speakers = models.first?.speakerAccuracy.map(\.speaker) ?? []
        let groups = models.enumerated().map { index, model in
            (
                values: speakers.map { speaker in
                    model.speakerAccuracy.first { $0.speaker == speaker }?.accuracy ?? .nan
                },
                color: FigureStyle.modelColor(index)
            )
        }
        return Figure(
            title: "Accuracy per speaker",
            panels: [
                Axes(
                    xLabel: "speaker (in a test fold)", yLabel: "accuracy", xScale: .category(speakers), yRange: 0...1,
                    marks: Mark.groupedBars(groups), legend: legend(models))
            ],
            width: min(1100, max(480, 9 * Double(speakers.count * max(models.count, 1)) + 240)), height: 300)
    }

    /// `train-mlp-loss` and `train-gru-curves`: a model's training loss (log scale) and validation score per
    /// epoch, a line per fold, every fold alike (translucent, so that where they overlap shows darker); a dot
    /// on each validation line marks the epoch whose weights the fold kept, when training keeps its best.
    package static func trainingCurves(
        _ curves: [TrainingCurve], model: String = "MLP", score scoreLabel: String = "accuracy", colorIndex: Int = 3
    ) -> Figure {
        let color = FigureStyle.modelColor(colorIndex).withAlpha(0.7)
        let loss = curves.map { curve in
            Mark.line(xs: curve.loss.indices.map { Double($0 + 1) }, ys: curve.loss, color: color, width: 1.2)
        }
        var score = curves.map { curve in
            Mark.line(
                xs: curve.validationScore.indices.map { Double($0 + 1) }, ys: curve.validationScore, color: color,
                width: 1.2)
        }
        let kept = curves.compactMap { curve -> (Double, Double)? in
            guard let epoch = curve.chosenEpoch, curve.validationScore.indices.contains(epoch),
                curve.validationScore[epoch].isFinite
            else { return nil }
            return (Double(epoch + 1), curve.validationScore[epoch])
        }
        if !kept.isEmpty {
            score.append(
                .scatter(
                    xs: kept.map(\.0), ys: kept.map(\.1), color: FigureStyle.modelColor(colorIndex), radius: 3.5))
        }
        return Figure(
            title: "\(model) training, one line per fold" + (kept.isEmpty ? "" : " (dots: the epoch kept)"), columns: 2,
            panels: [
                Axes(
                    title: "training loss", xLabel: "epoch", yLabel: "cross-entropy (log scale)", yScale: .log,
                    marks: loss),
                Axes(title: "validation score", xLabel: "epoch", yLabel: scoreLabel, yRange: 0...1, marks: score),
            ],
            width: 700, height: 290)
    }

    /// A heatmap panel of `values` coloured in viridis over `range`, with `texts` written in the cells.
    private static func heatmap(
        _ values: [[Double]], texts cellTexts: [[String]], labels: [String], range: ClosedRange<Double>,
        title: String, yLabel: String, colorLabel: String
    ) -> Axes {
        var cells: [Mark.Cell] = []
        var texts: [Mark.Label] = []
        for (row, rowValues) in values.enumerated() {
            for (column, value) in rowValues.enumerated() {
                let color = Colormap.viridis.color(for: value, in: range)
                cells.append(
                    Mark.Cell(
                        x: (Double(column) - 0.5)...(Double(column) + 0.5),
                        y: (Double(row) - 0.5)...(Double(row) + 0.5), color: color))
                texts.append(
                    Mark.Label(
                        x: Double(column), y: Double(row), text: cellTexts[row][column], color: color.contrastingInk))
            }
        }
        return Axes(
            title: title, xLabel: "predicted", yLabel: yLabel, xScale: .category(labels), yScale: .category(labels),
            marks: [.cells(cells), .labels(texts, size: labels.count > 10 ? 6.5 : 7.5)],
            colorBar: ColorBar(colormap: .viridis, range: range, label: colorLabel), showsGrid: false)
    }

    private static func legend(_ models: [ModelEvaluation]) -> [LegendEntry] {
        models.enumerated().map { LegendEntry($1.title, color: FigureStyle.modelColor($0)) }
    }

    /// `counts` as whole percentages of their sum that add up to exactly 100 (all 0 for a zero sum):
    /// each share rounded down, then the points left over given one each to the largest remainders
    /// (the earlier of equal ones first).
    static func wholePercentages(_ counts: [Int]) -> [Int] {
        let total = counts.reduce(0, +)
        guard total > 0 else { return counts.map { _ in 0 } }
        var shares = counts.map { 100 * $0 / total }
        let remainders = counts.map { 100 * $0 % total }
        let leftOver = 100 - shares.reduce(0, +)
        let order = counts.indices.sorted {
            remainders[$0] > remainders[$1] || (remainders[$0] == remainders[$1] && $0 < $1)
        }
        for index in order.prefix(leftOver) { shares[index] += 1 }
        return shares
    }

    /// Mean ± spread to two decimals.
    static func score(_ scores: FoldScores) -> String {
        let mean = Int((scores.mean * 100).rounded())
        let spread = Int((scores.spread * 100).rounded())
        return "0.\(mean < 10 ? "0" : "")\(mean) ± 0.\(spread < 10 ? "0" : "")\(spread)"
    }
}
