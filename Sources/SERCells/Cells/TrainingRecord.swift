import SERCorpus
import SERFigures
import SERLearn

/// What the train cell hands to the evaluate cell: every model's cross-validated predictions, the
/// folds and the MLP's curves — enough to score the models without fitting them again.
struct TrainingRecord: Codable, Sendable {
    struct Row: Codable, Sendable {
        var path: String
        var emotion: String
        var speaker: String
    }

    struct Prediction: Codable, Sendable {
        /// The fold the clip was tested in (-1: in no test fold, e.g. holdout's training part).
        var fold: Int
        var label: Int
        var probabilities: [Double]
    }

    struct Curve: Codable, Sendable {
        var loss: [Double]
        var validation: [Double]
    }

    struct Model: Codable, Sendable {
        var kind: ModelKind
        /// One per row, in row order.
        var predictions: [Prediction]
        var curves: [Curve]
        /// The parameters the inner grid search chose in each fold (empty entries: not searched).
        var chosen: [[String: String]]
        /// What the search chose for the final model fitted on every clip.
        var finalChoice: [String: String]
        /// Permutation importance: each group's UAR drop in each fold (`[group][fold]`, groups as
        /// ``TrainingRecord/importanceGroups``); empty when not measured.
        var importance: [[Double]]
        /// Logistic regression's permutation importance per feature: each feature's cross-entropy rise in
        /// each fold (`[feature][fold]`, features as ``TrainingRecord/featureNames``); empty for other models
        /// or when not measured.
        var featureImportance: [[Double]]
        /// The deep models: the epoch (0-based) whose weights each fold kept, and the network's trainable values
        /// (nil for the models of clip statistics).
        var chosenEpochs: [Int]?
        var parameterCount: Int?
    }

    var classNames: [String]
    var rows: [Row]
    var excluded: [SkippedFile]
    var requestedProtocol: String
    var usedProtocol: String
    var foldCount: Int
    var notes: [String]
    /// Whether each fold's features were speaker-normalised, and why.
    var normalization: [SpeakerNormalizationDecision]
    /// The same for the final models, decided on every clip (what `predict` applies).
    var finalNormalization: SpeakerNormalizationDecision
    var models: [Model]
    /// The feature groups of every model's ``Model/importance``.
    var importanceGroups: [String]
    /// The summary's column names, in matrix column order.
    var featureNames: [String]

    init(_ training: Training) {
        classNames = training.classNames
        rows = training.clips.map { Row(path: $0.path, emotion: $0.emotion, speaker: $0.speaker) }
        excluded = training.excluded
        requestedProtocol = training.plan.requested.rawValue
        usedProtocol = training.plan.used.rawValue
        foldCount = training.plan.folds.count
        notes = training.plan.notes + training.modelNotes
        normalization = training.normalization
        finalNormalization = training.finalNormalization
        models = training.evaluations.map { evaluation in
            Model(
                kind: evaluation.kind,
                predictions: evaluation.predictions.map {
                    Prediction(fold: $0.fold, label: $0.label, probabilities: $0.probabilities)
                },
                curves: evaluation.trainingCurves.map { Curve(loss: $0.loss, validation: $0.validation) },
                chosen: evaluation.chosen, finalChoice: training.finalChoices[evaluation.kind] ?? [:],
                importance: evaluation.importance, featureImportance: evaluation.featureImportance,
                chosenEpochs: evaluation.chosenEpochs.isEmpty ? nil : evaluation.chosenEpochs,
                parameterCount: evaluation.parameterCount)
        }
        importanceGroups = training.importanceGroups
        featureNames = training.featureNames
    }

    /// The label index of each row.
    var truth: [Int] {
        let index = Dictionary(uniqueKeysWithValues: classNames.enumerated().map { ($1, $0) })
        return rows.map { index[$0.emotion] ?? -1 }
    }
}

extension TrainingRecord {
    /// Clips per known speaker and emotion; nil when no clip has a speaker.
    var coverage: SpeakerCoverage? {
        let speakers = Set(rows.map(\.speaker).filter { !$0.isEmpty }).sorted()
        guard !speakers.isEmpty else { return nil }
        let speakerIndex = Dictionary(uniqueKeysWithValues: speakers.enumerated().map { ($1, $0) })
        let classIndex = Dictionary(uniqueKeysWithValues: classNames.enumerated().map { ($1, $0) })
        var counts = [[Int]](repeating: [Int](repeating: 0, count: classNames.count), count: speakers.count)
        for row in rows {
            if let speaker = speakerIndex[row.speaker], let emotion = classIndex[row.emotion] {
                counts[speaker][emotion] += 1
            }
        }
        return SpeakerCoverage(speakers: speakers, emotions: classNames, counts: counts)
    }

    /// An importance measured per column (`name`) and fold, each with its mean and spread over folds, largest
    /// mean first (ties in record order).
    typealias RankedImportance = [(name: String, mean: Double, spread: Double, folds: [Double])]

    /// Each feature group's permutation importance for `kind`, largest first; nil when not measured.
    func importance(of kind: ModelKind) -> RankedImportance? {
        guard let model = models.first(where: { $0.kind == kind }), !model.importance.isEmpty else { return nil }
        return Self.ranked(importanceGroups, model.importance)
    }

    /// Each feature's permutation importance for `kind`, largest first; nil when not measured for that model.
    func featureImportance(of kind: ModelKind) -> RankedImportance? {
        guard let model = models.first(where: { $0.kind == kind }), !featureNames.isEmpty else { return nil }
        return Self.ranked(featureNames, model.featureImportance)
    }

    /// `names` with their `[name][fold]` values, ranked; nil when the two do not match.
    private static func ranked(_ names: [String], _ values: [[Double]]) -> RankedImportance? {
        guard values.count == names.count else { return nil }
        let entries = zip(names, values).map { name, folds in
            let scores = FoldScores(folds)
            return (name: name, mean: scores.mean, spread: scores.spread, folds: folds)
        }
        return entries.enumerated().sorted {
            $0.element.mean > $1.element.mean || ($0.element.mean == $1.element.mean && $0.offset < $1.offset)
        }.map(\.element)
    }

    /// The importance figure's input: every model that measured it, groups in record order.
    var importanceFigure: (groups: [String], models: [(title: String, drops: [[Double]])])? {
        let measured = models.filter { !$0.importance.isEmpty && $0.importance.count == importanceGroups.count }
        guard !measured.isEmpty else { return nil }
        return (importanceGroups, measured.map { (title: $0.kind.title, drops: $0.importance) })
    }

    /// The per-feature importance figure's input: the first model that measured it (logistic regression).
    var featureImportanceFigure: FeatureImportance? {
        guard
            let model = models.first(where: {
                $0.featureImportance.count == featureNames.count && !featureNames.isEmpty
            })
        else { return nil }
        return FeatureImportance(model: model.kind.title, names: featureNames, rises: model.featureImportance)
    }

    /// The MLP's loss and validation curves, one per fold; empty when the MLP was not trained.
    var mlpCurves: [TrainingCurve] { curves(of: .mlp) }

    /// `kind`'s training loss and validation score per epoch, one curve per fold (with the epoch each fold
    /// kept, for the deep models); empty when `kind` was not trained.
    func curves(of kind: ModelKind) -> [TrainingCurve] {
        guard let model = models.first(where: { $0.kind == kind }) else { return [] }
        return model.curves.enumerated().map { fold, curve in
            var result = TrainingCurve(fold: fold + 1, loss: curve.loss, validationScore: curve.validation)
            if let epochs = model.chosenEpochs, fold < epochs.count { result.chosenEpoch = epochs[fold] }
            return result
        }
    }
}
