import Foundation
import SERFigures
import SERLearn
import SERReport

extension Training {
    /// The evaluated models as the evaluate figures take them.
    func figureEvaluations(results: [(clip: Clip, run: ClipAnalysis)]) -> [ModelEvaluation] {
        evaluations.map { evaluation in
            ModelEvaluation(
                name: evaluation.kind.rawValue, title: evaluation.kind.title, labels: classNames,
                confusion: evaluation.scores.confusion, f1: evaluation.scores.perClass.map(\.f1),
                accuracy: FoldScores(evaluation.foldScores.map(\.accuracy)),
                uar: FoldScores(evaluation.foldScores.map(\.uar)),
                macroF1: FoldScores(evaluation.foldScores.map(\.macroF1)),
                speakerAccuracy: speakerAccuracy(evaluation, results: results))
        }
    }

    /// The MLP's loss and validation curves, one per fold; empty when the MLP was not trained.
    var mlpCurves: [TrainingCurve] {
        guard let mlp = evaluations.first(where: { $0.kind == .mlp }) else { return [] }
        return mlp.trainingCurves.enumerated().map {
            TrainingCurve(fold: $0 + 1, loss: $1.loss, validationScore: $1.validation)
        }
    }
}

/// The report's train and evaluate sections.
struct TrainingSections {
    let training: Training
    let settings: Settings
    let results: [(clip: Clip, run: ClipAnalysis)]

    func sections(train trainFigures: [ReportFigure], evaluate: [ReportFigure]) -> [ReportSection] {
        let plan = training.plan
        let train = settings.train
        let protocolLine =
            plan.used == plan.requested
            ? "\(plan.used.rawValue), \(plan.folds.count) folds"
            : "\(plan.used.rawValue) (asked: \(plan.requested.rawValue)), \(plan.folds.count) folds"
        var narrative = """
            Each fold's features are standardised with the mean and deviation of its training clips only, \
            then every model is fitted on the training clips and predicts the held-out ones. \
            Protocol: \(protocolLine).
            """
        if train.speakerNormalization {
            narrative += """
                 Before that, each speaker's features are z-scored with that speaker's own mean and \
                deviation (speaker normalisation; no labels are used, and a test speaker's statistics come \
                from that speaker's clips only).
                """
        }
        for note in plan.notes { narrative += " " + note }
        let trainSection = ReportSection(
            id: "train", title: "Train", narrative: narrative,
            parameters: [
                ReportPair("protocol", train.protocolName), ReportPair("folds", "\(train.folds)"),
                ReportPair("seed", "\(train.seed)"),
                ReportPair("speaker_normalization", "\(train.speakerNormalization)"),
                ReportPair("rf", "n_estimators \(train.rf.nEstimators) (XGBoost random-forest mode)"),
                ReportPair(
                    "xgb",
                    "n_estimators \(train.xgb.nEstimators), learning_rate \(train.xgb.learningRate), max_depth \(train.xgb.maxDepth)"
                ),
                ReportPair(
                    "svm", "RBF, C \(train.svm.c), gamma \(train.svm.gamma), class_weight \(train.svm.classWeight)"),
                ReportPair(
                    "mlp",
                    "ReLU \(train.mlp.hiddenLayerSize), Adam, alpha \(train.mlp.alpha), early stopping on \(train.mlp.validationFraction) of each training fold"
                ),
            ],
            timing:
                "cross-validation \(Self.seconds(training.evaluateTime)), final fit on all clips \(Self.seconds(training.finalFitTime))",
            figures: trainFigures, tables: [])

        let best = training.best?.kind
        let summary = ReportTable(
            caption: "Scores pooled over the test folds (mean ± standard deviation over folds in brackets)",
            columns: ["model", "UAR", "accuracy", "macro-F1"],
            rows: training.evaluations.map { evaluation in
                [
                    evaluation.kind.title + (evaluation.kind == best ? " (best)" : ""),
                    Self.score(evaluation.scores.uar, evaluation.foldScores.map(\.uar)),
                    Self.score(evaluation.scores.accuracy, evaluation.foldScores.map(\.accuracy)),
                    Self.score(evaluation.scores.macroF1, evaluation.foldScores.map(\.macroF1)),
                ]
            })
        var tables = [summary]
        if let bestResult = training.best {
            tables.append(
                ReportTable(
                    caption: "Per emotion, \(bestResult.kind.title)",
                    columns: ["emotion", "precision", "recall", "F1", "clips"],
                    rows: zip(training.classNames, bestResult.scores.perClass).map { name, scores in
                        [
                            name, Self.fixed(scores.precision), Self.fixed(scores.recall), Self.fixed(scores.f1),
                            "\(scores.support)",
                        ]
                    }))
        }
        let evaluateSection = ReportSection(
            id: "evaluate", title: "Evaluate",
            narrative: """
                UAR (unweighted average recall, scikit-learn's balanced accuracy) is the headline: it does not \
                reward guessing the largest class. Chance level is \(Self.fixed(1 / Double(max(training.classNames.count, 1)))). \
                metrics.json has every number; predictions.csv every clip's prediction and probabilities.
                """,
            parameters: [], timing: "", figures: evaluate, tables: tables)
        return [trainSection, evaluateSection]
    }

    /// The train section when training could not run: what failed, in one line.
    static func failed(_ error: CellError) -> ReportSection {
        ReportSection(
            id: "train", title: "Train", narrative: "Training could not run: \(error.message)", parameters: [],
            timing: "", figures: [], tables: [])
    }

    static func fixed(_ value: Double) -> String { String(format: "%.3f", value) }

    static func score(_ pooled: Double, _ folds: [Double]) -> String {
        let scores = FoldScores(folds)
        return "\(fixed(pooled)) (\(fixed(scores.mean)) ± \(fixed(scores.spread)))"
    }

    static func seconds(_ duration: Duration) -> String {
        String(format: "%.2f s", Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18)
    }
}
