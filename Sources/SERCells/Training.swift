import Foundation
import SERCorpus
import SERDSP
import SERFigures
import SERLearn

/// A clip as training sees it: its label, its speaker and its summary features.
struct TrainingClip: Sendable {
    var path: String
    var emotion: String
    var speaker: String
    var values: [Double]
}

/// The train cell's work: the feature matrix of the extracted clips, the protocol's folds, every
/// model evaluated fold by fold, and every model fitted again on all clips to be saved.
struct Training {
    /// The models that were evaluated, in the order the settings list them.
    var evaluations: [ModelEvaluationResult]
    /// The same models fitted on every clip, for `predict`.
    var finalModels: [any TrainedClassifier]
    /// The parameters the inner search chose for the final models, by model (none without a search).
    var finalChoices: [ModelKind: [String: String]]
    var plan: FoldPlan
    /// Class names in label-index order (the emotion order of every table and figure).
    var classNames: [String]
    /// The clips the models saw, in matrix row order.
    var clips: [TrainingClip]
    /// Clips left out because a feature was NaN or infinite.
    var excluded: [SkippedFile]
    /// The scaler fitted on all clips (after speaker normalisation, when applied), saved with the models.
    var scaler: Standardizer
    var featureNames: [String]
    /// With speaker normalisation: the mean over training speakers of each speaker's feature means and
    /// deviations, used by `predict` for a clip whose speaker has no other clips.
    var typicalSpeaker: (mean: [Double], scale: [Double])?
    /// Whether each fold's features were speaker-normalised, and why (`train.speaker_normalization`).
    var normalization: [SpeakerNormalizationDecision]
    /// The same decision for the final models, made from every clip.
    var finalNormalization: SpeakerNormalizationDecision
    /// The feature groups of permutation importance, in the order of each evaluation's `importance`.
    var importanceGroups: [String]
    /// Wall time of each stage, for run.json (not in any compared output).
    var normalizationTime: Duration
    var evaluateTime: Duration
    var finalFitTime: Duration

    /// The summary's columns by ``FeatureGroup``, in the order groups first appear; a column of no group
    /// (a feature table not made by serreport) falls in `other`.
    static func importanceGroups(_ names: [String]) -> [ColumnGroup] {
        var columns: [String: [Int]] = [:]
        var order: [String] = []
        for (index, name) in names.enumerated() {
            let group = FeatureNames.group(ofColumn: name)?.rawValue ?? "other"
            if columns[group] == nil { order.append(group) }
            columns[group, default: []].append(index)
        }
        return order.map { ColumnGroup(name: $0, columns: columns[$0]!) }
    }

    static func run(
        train: TrainingSettings, clips all: [TrainingClip], featureNames: [String], jobs: Int
    ) throws(CellError) -> Training {
        var clips: [TrainingClip] = []
        var excluded: [SkippedFile] = []
        for clip in all {
            if let bad = zip(featureNames, clip.values).first(where: { !$0.1.isFinite }) {
                excluded.append(
                    SkippedFile(path: clip.path, reason: "feature \(bad.0) is \(bad.1); left out of training"))
            } else {
                clips.append(clip)
            }
        }
        guard !clips.isEmpty else {
            throw CellError(cell: "train", message: "no clip has finite features to train on")
        }
        let emotions = EmotionOrder.sorted(clips.map(\.emotion))
        let classIndex = Dictionary(uniqueKeysWithValues: emotions.enumerated().map { ($1, $0) })
        let labels = clips.map { classIndex[$0.emotion]! }
        let speakers = clips.map(\.speaker)
        let raw = Matrix(rows: clips.map(\.values))
        let normalized = SpeakerNormalization.normalized(raw, speakers: speakers)

        let kinds = train.models
        let seed = UInt64(train.seed)
        let clock = ContinuousClock()
        do {
            let plan = try FoldPlan(
                train.evaluation, labels: labels,
                speakers: speakers, folds: train.folds, seed: seed)
            let start = clock.now
            // Each outer fold decides from its training clips; the final model from every clip.
            let decisions = SpeakerNormalizationChoice.decide(
                train.speakerNormalization, rowSets: plan.folds.map(\.train) + [Array(clips.indices)],
                features: raw, labels: labels, classCount: emotions.count, speakers: speakers,
                innerFolds: train.search.innerFolds, settings: train.parameters, seed: seed, workers: jobs)
            let decided = clock.now
            let final = decisions[plan.folds.count]
            let features = final.applied ? normalized : raw
            let grid = train.search
            let importance =
                train.importanceRepeats > 0
                ? ImportancePlan(groups: Self.importanceGroups(featureNames), repeats: train.importanceRepeats) : nil
            let evaluations = try CrossValidation.evaluate(
                kinds, features: features, labels: labels, classCount: emotions.count, plan: plan,
                settings: train.parameters, seed: seed, workers: jobs, grid: grid, speakers: speakers,
                foldFeatures: decisions.prefix(plan.folds.count).map { $0.applied ? normalized : raw },
                importance: importance)
            let evaluated = clock.now
            // The final models' parameters come from the same inner search over every clip.
            let tuned = try GridSearch.tune(
                kinds, features: features, labels: labels, classCount: emotions.count, speakers: speakers, plan: plan,
                settings: train.parameters, grid: grid, seed: seed, workers: jobs)
            let scaler = Standardizer(fitting: features)
            let finalModels = try FinalFit.fit(
                kinds, features: scaler.transform(features), labels: labels, classCount: emotions.count,
                settings: tuned.settings, seed: seed, workers: jobs)
            let typicalSpeaker = final.applied ? SpeakerNormalization.typicalSpeaker(raw, speakers: speakers) : nil
            return Training(
                evaluations: evaluations, finalModels: finalModels, finalChoices: tuned.chosen, plan: plan,
                classNames: emotions, clips: clips,
                excluded: excluded, scaler: scaler, featureNames: featureNames, typicalSpeaker: typicalSpeaker,
                normalization: Array(decisions.prefix(plan.folds.count)), finalNormalization: final,
                importanceGroups: importance?.groups.map(\.name) ?? [],
                normalizationTime: decided - start, evaluateTime: evaluated - decided,
                finalFitTime: clock.now - evaluated)
        } catch let error as LearnError {
            throw CellError(cell: "train", message: error.message)
        } catch {
            throw CellError(cell: "train", message: "\(error)")
        }
    }
}
