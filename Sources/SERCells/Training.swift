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
    /// The clip's frame vectors (``FrameSequence``), when the `gru` model is trained.
    var frames: [Float]? = nil
    /// The clip's log-mel spectrogram (frame-major), when the `cnn` model is trained.
    var logMel: [Float]? = nil
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
    /// What the deep models did where the data did not allow what they usually do (no validation speaker).
    var modelNotes: [String] = []
    /// The frame vector's dimension names, when a model learns from frames.
    var frameNames: [String] = []
    /// The feature groups of permutation importance, in the order of each evaluation's `importance`.
    var importanceGroups: [String]
    /// Wall time of each stage, for run.json (not in any compared output).
    var normalizationTime: Duration
    var evaluateTime: Duration
    var finalFitTime: Duration
    /// Evaluating and fitting the models that learn from frames (folds and final fit together).
    var deepTime: Duration = .zero

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

    /// `frameNames` name the dimensions of each clip's ``TrainingClip/frames`` (empty without the `gru`);
    /// `logMelBands` is the number of bands of each ``TrainingClip/logMel`` (0 without the `cnn`).
    static func run(
        train: TrainingSettings, clips all: [TrainingClip], featureNames: [String], frameNames: [String] = [],
        logMelBands: Int = 0, jobs: Int
    ) throws(CellError) -> Training {
        var clips: [TrainingClip] = []
        var excluded: [SkippedFile] = []
        for clip in all {
            if let bad = zip(featureNames, clip.values).first(where: { !$0.1.isFinite }) {
                excluded.append(
                    SkippedFile(path: clip.path, reason: "feature \(bad.0) is \(bad.1); left out of training"))
            } else if train.models.contains(.gru), clip.frames?.isEmpty ?? true {
                excluded.append(SkippedFile(path: clip.path, reason: "no frame vectors; left out of training"))
            } else if train.models.contains(.cnn), clip.logMel?.isEmpty ?? true {
                excluded.append(SkippedFile(path: clip.path, reason: "no log-mel spectrogram; left out of training"))
            } else {
                clips.append(clip)
            }
        }
        guard !clips.isEmpty else {
            throw CellError(cell: "train", message: "no clip has finite features to train on")
        }
        if train.models.contains(.gru), frameNames.isEmpty {
            throw CellError(cell: "train", message: "the extract cell kept no frame vectors for the GRU")
        }
        if train.models.contains(.cnn), logMelBands == 0 {
            throw CellError(cell: "train", message: "the extract cell kept no log-mel spectrograms for the CNN")
        }
        let emotions = EmotionOrder.sorted(clips.map(\.emotion))
        let classIndex = Dictionary(uniqueKeysWithValues: emotions.enumerated().map { ($1, $0) })
        let labels = clips.map { classIndex[$0.emotion]! }
        let speakers = clips.map(\.speaker)
        let raw = Matrix(rows: clips.map(\.values))
        let normalized = SpeakerNormalization.normalized(raw, speakers: speakers)

        let kinds = train.models.filter { !$0.learnsFromFrames && !$0.combinesModels }
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
            let deep = deepModels(
                train, clips: clips, frameWidth: frameNames.count, logMelBands: logMelBands, labels: labels,
                classCount: emotions.count, speakers: speakers, plan: plan, normalized: decisions.map(\.applied),
                jobs: jobs)
            let deepDone = clock.now
            // The final models' parameters come from the same inner search over every clip.
            let tuned = try GridSearch.tune(
                kinds, features: features, labels: labels, classCount: emotions.count, speakers: speakers, plan: plan,
                settings: train.parameters, grid: grid, seed: seed, workers: jobs)
            let scaler = Standardizer(fitting: features)
            let finalModels = try FinalFit.fit(
                kinds, features: scaler.transform(features), labels: labels, classCount: emotions.count,
                settings: tuned.settings, seed: seed, workers: jobs)
            let typicalSpeaker = final.applied ? SpeakerNormalization.typicalSpeaker(raw, speakers: speakers) : nil
            var byKind = Dictionary(uniqueKeysWithValues: zip(kinds, evaluations).map { ($0, $1) })
            var finalByKind = Dictionary(uniqueKeysWithValues: zip(kinds, finalModels).map { ($0, $1) })
            for model in deep {
                byKind[model.evaluation.kind] = model.evaluation
                finalByKind[model.evaluation.kind] = model.final
            }
            var choices = tuned.chosen
            var notes = deep.flatMap(\.notes)
            if train.models.contains(.fusion) {
                let members = train.models.filter { !$0.combinesModels }
                let splits = RecurrentEvaluation.splits(
                    plan: plan, rowCount: labels.count, speakers: speakers,
                    share: train.validationSpeakers, seed: seed)
                let fusion = try FusionEvaluation.evaluate(
                    members: members.map { byKind[$0]! },
                    foldFeatures: decisions.map { $0.applied ? normalized : raw }, labels: labels,
                    classCount: emotions.count, plan: plan, splits: splits,
                    deepValidation: Dictionary(
                        uniqueKeysWithValues: deep.map { ($0.evaluation.kind, $0.validationProbabilities) }),
                    settings: train.parameters, seed: seed,
                    workers: jobs)
                byKind[.fusion] = fusion.evaluation
                let weights = fusion.weights[plan.folds.count]
                finalByKind[.fusion] = FusionClassifier(FusionWeights(models: members, weights: weights))
                choices[.fusion] = Dictionary(
                    uniqueKeysWithValues: zip(members.map(\.rawValue), weights.map { "\($0)" }))
                if deep.isEmpty {
                    // Without the GRU its splits' fallbacks are fusion's to report.
                    notes += splits.enumerated().compactMap { job, split in
                        split.fallback.map {
                            "Fusion, \(job < plan.folds.count ? "fold \(job + 1)" : "the final model"): \($0)"
                        }
                    }
                }
                notes += fusion.notes
            }
            // Every model in the order the settings list them.
            var training = Training(
                evaluations: train.models.map { byKind[$0]! },
                finalModels: train.models.map { finalByKind[$0]! },
                finalChoices: choices, plan: plan,
                classNames: emotions, clips: clips,
                excluded: excluded, scaler: scaler, featureNames: featureNames, typicalSpeaker: typicalSpeaker,
                normalization: Array(decisions.prefix(plan.folds.count)), finalNormalization: final,
                importanceGroups: importance?.groups.map(\.name) ?? [],
                normalizationTime: decided - start, evaluateTime: evaluated - decided,
                finalFitTime: clock.now - deepDone)
            training.modelNotes = notes
            training.frameNames = train.models.contains(.gru) ? frameNames : []
            training.deepTime = deepDone - evaluated
            return training
        } catch let error as LearnError {
            throw CellError(cell: "train", message: error.message)
        } catch {
            throw CellError(cell: "train", message: "\(error)")
        }
    }

    /// One deep model's results, whatever its kind.
    struct DeepModelResult {
        var evaluation: ModelEvaluationResult
        var final: any TrainedClassifier
        var notes: [String]
        var validationProbabilities: [[[Double]]]
    }

    /// The deep models `train.models` lists, each over every fold and once more on every clip.
    static func deepModels(
        _ train: TrainingSettings, clips: [TrainingClip], frameWidth: Int, logMelBands: Int, labels: [Int],
        classCount: Int, speakers: [String], plan: FoldPlan, normalized: [Bool], jobs: Int
    ) -> [DeepModelResult] {
        var results: [DeepModelResult] = []
        if train.models.contains(.gru) {
            let gru = RecurrentEvaluation.evaluate(
                sequences: clips.map { ($0.frames ?? []).map(Double.init) }, width: frameWidth, labels: labels,
                classCount: classCount, speakers: speakers, plan: plan, normalized: normalized,
                parameters: train.parameters.gru, validationShare: train.validationSpeakers, seed: UInt64(train.seed),
                workers: jobs)
            results.append(
                DeepModelResult(
                    evaluation: gru.evaluation,
                    final: RecurrentClassifier(model: gru.finalModel, typicalSpeaker: gru.typicalSpeaker),
                    notes: gru.notes, validationProbabilities: gru.validationProbabilities))
        }
        if train.models.contains(.cnn) {
            let parameters = train.parameters.cnn
            let cnn = DeepEvaluation.evaluate(
                .cnn, sequences: clips.map { ($0.logMel ?? []).map(Double.init) }, width: logMelBands, labels: labels,
                classCount: classCount, speakers: speakers, plan: plan, normalized: normalized,
                validationShare: train.validationSpeakers, seed: UInt64(train.seed), workers: jobs
            ) { fit, fitLabels, validation, validationLabels, seed in
                ConvolutionalTraining.fit(
                    sequences: fit, labels: fitLabels, validation: validation, validationLabels: validationLabels,
                    bands: logMelBands, classCount: classCount, parameters: parameters, seed: seed)
            }
            results.append(
                DeepModelResult(
                    evaluation: cnn.evaluation,
                    final: ConvolutionalClassifier(model: cnn.finalModel, typicalSpeaker: cnn.typicalSpeaker),
                    notes: cnn.notes, validationProbabilities: cnn.validationProbabilities))
        }
        return results
    }
}
