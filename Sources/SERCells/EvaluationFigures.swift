import SERDSP
import SERFigures
import SERLearn
import SERPlot

/// The train and evaluate figures for a set of evaluated models.
enum EvaluationFigures {
    /// Every train/evaluate figure; `note`, when given, replaces each figure's own caption (the gallery
    /// uses it to say the numbers are illustrative).
    static func all(
        models: [ModelEvaluation], curves: [TrainingCurve], coverage: SpeakerCoverage? = nil,
        importance: (groups: [String], models: [(title: String, drops: [[Double]])])? = nil,
        featureImportance: FeatureImportance? = nil, note: String? = nil
    ) -> [NotebookFigure] {
        let figures =
            train(curves: curves, coverage: coverage, importance: importance, featureImportance: featureImportance)
            + evaluate(models: models)
        guard let note else { return figures }
        return figures.map { figure in
            var figure = figure
            figure.figure.caption = note
            return figure
        }
    }

    /// The train cell's figures: the clips per speaker and emotion (when known), the MLP's curves (none
    /// when the MLP was not trained).
    static func train(
        curves: [TrainingCurve], coverage: SpeakerCoverage? = nil,
        importance: (groups: [String], models: [(title: String, drops: [[Double]])])? = nil,
        featureImportance: FeatureImportance? = nil, deepCurves: [TrainingCurve] = [],
        convolutionalCurves: [TrainingCurve] = []
    ) -> [NotebookFigure] {
        var figures: [NotebookFigure] = []
        for (kind, curves, color) in [(ModelKind.gru, deepCurves, 5), (.cnn, convolutionalCurves, 6)]
        where !curves.isEmpty {
            figures.append(
                NotebookFigure(
                    cell: "train", name: "train-\(kind.rawValue)-curves",
                    caption:
                        "The \(kind.title)'s training loss and the UAR of each fold's validation speakers (held out of its training clips, never its test clips) after each epoch, one line per fold; the dot marks the epoch whose weights the fold kept.",
                    figure: EvaluateFigures.trainingCurves(
                        curves, model: kind.title, score: "UAR (validation speakers)", colorIndex: color)))
        }
        if let importance, !importance.groups.isEmpty, !importance.models.isEmpty {
            figures.append(
                NotebookFigure(
                    cell: "train", name: "train-importance",
                    caption:
                        "How much of each model's recognition rests on each feature group: the UAR a test fold loses when that group's values are shuffled among its clips (permutation importance, the models fitted without that fold).",
                    figure: TrainFigures.importance(groups: importance.groups, models: importance.models)))
        }
        if let featureImportance {
            figures.append(
                NotebookFigure(
                    cell: "train", name: "train-feature-importance",
                    caption:
                        "The \(FeatureImportance.shown) features \(featureImportance.model.lowercased()) rests on most: how much a test fold's cross-entropy rises when one feature's values are shuffled among its clips (permutation importance, the model fitted without that fold). Correlated features share their importance: a feature that another can stand in for looks unimportant alone.",
                    figure: TrainFigures.featureImportance(
                        model: featureImportance.model, names: featureImportance.names,
                        groups: featureImportance.names.map { FeatureNames.group(ofColumn: $0)?.rawValue ?? "other" },
                        rises: featureImportance.rises, shown: FeatureImportance.shown)))
        }
        if let coverage {
            figures.append(
                NotebookFigure(
                    cell: "train", name: "train-coverage",
                    caption:
                        "Clips per speaker and emotion in the clips trained on. Speaker normalisation removes each speaker's mean: where a speaker shows one emotion, that is the emotion's signal too.",
                    figure: TrainFigures.speakerCoverage(
                        speakers: coverage.speakers, emotions: coverage.emotions, counts: coverage.counts)))
        }
        guard !curves.isEmpty else { return figures }
        return figures + [
            NotebookFigure(
                cell: "train", name: "train-mlp-loss",
                caption: "The MLP's training loss and validation accuracy after each epoch, one line per fold.",
                figure: EvaluateFigures.trainingCurves(curves))
        ]
    }

    /// The evaluate cell's figures: a confusion matrix per model, then the comparisons.
    static func evaluate(models: [ModelEvaluation]) -> [NotebookFigure] {
        guard !models.isEmpty else { return [] }
        var figures: [NotebookFigure] = []
        for model in models {
            figures.append(
                NotebookFigure(
                    cell: "evaluate", name: "evaluate-confusion-\(model.name)",
                    caption: "\(model.title): confusion matrix over all test folds, as counts and as row percentages.",
                    figure: EvaluateFigures.confusion(model)))
        }
        figures += [
            NotebookFigure(
                cell: "evaluate", name: "evaluate-models",
                caption:
                    "Accuracy, UAR and macro-F1 per model: mean over folds with ± one standard deviation; each dot is one fold's UAR.",
                figure: EvaluateFigures.comparison(models)),
            NotebookFigure(
                cell: "evaluate", name: "evaluate-f1", caption: "F1 per emotion and model.",
                figure: EvaluateFigures.perClassF1(models)),
            NotebookFigure(
                cell: "evaluate", name: "evaluate-speakers", caption: "Accuracy on each speaker's clips, per model.",
                figure: EvaluateFigures.perSpeaker(models)),
        ]
        return figures
    }
}

/// Clips per speaker and emotion, for the `train-coverage` figure.
struct SpeakerCoverage {
    var speakers: [String]
    var emotions: [String]
    /// `counts[speaker][emotion]`.
    var counts: [[Int]]
}

/// One model's permutation importance per feature, for the `train-feature-importance` figure.
struct FeatureImportance {
    /// How many features the figure shows, the most important first.
    static let shown = 20

    /// The model's title.
    var model: String
    /// Every feature's name, in column order.
    var names: [String]
    /// `rises[feature][fold]`: the cross-entropy rise when that feature is shuffled in that test fold.
    var rises: [[Double]]
}
