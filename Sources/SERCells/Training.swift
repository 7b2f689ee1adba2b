import Foundation
import SERLearn

/// The train and evaluate cells: the feature matrix of the analysed clips, the protocol's folds, every
/// model evaluated fold by fold, and every model fitted again on all clips to be saved.
struct Training {
    /// The models that were evaluated, in the order the settings list them.
    var evaluations: [ModelEvaluationResult]
    /// The same models fitted on every clip, for `predict`.
    var finalModels: [any TrainedClassifier]
    var plan: FoldPlan
    /// Class names in label-index order (the corpus's emotion order).
    var classNames: [String]
    /// The clips the models saw, as indices into the analysed results.
    var rows: [Int]
    /// Clips left out because a feature was NaN or infinite.
    var excluded: [SkippedFile]
    /// The scaler fitted on all clips (after speaker normalisation, when on), saved with the models.
    var scaler: Standardizer
    var featureNames: [String]
    /// With speaker normalisation: the mean over training speakers of each speaker's feature means and
    /// deviations, used by `predict` for a clip whose speaker has no other clips.
    var typicalSpeaker: (mean: [Double], scale: [Double])?
    /// Wall time of each stage, for the report (not in any compared output).
    var evaluateTime: Duration
    var finalFitTime: Duration

    /// The model with the highest pooled UAR (the first on a tie).
    var best: ModelEvaluationResult? {
        evaluations.enumerated().max { a, b in (a.element.scores.uar, -a.offset) < (b.element.scores.uar, -b.offset) }?
            .element
    }

    static func run(
        settings: Settings, emotions: [String], results: [(clip: Clip, run: ClipAnalysis)], jobs: Int
    ) throws(CellError) -> Training {
        let train = settings.train
        var rows: [Int] = []
        var excluded: [SkippedFile] = []
        for (index, result) in results.enumerated() {
            if let bad = zip(result.run.features.summaryNames, result.run.features.summary).first(where: {
                !$0.1.isFinite
            }) {
                excluded.append(
                    SkippedFile(path: result.clip.path, reason: "feature \(bad.0) is \(bad.1); left out of training"))
            } else {
                rows.append(index)
            }
        }
        guard !rows.isEmpty else { throw CellError(cell: "train", message: "no clip has finite features to train on") }
        let classIndex = Dictionary(uniqueKeysWithValues: emotions.enumerated().map { ($1, $0) })
        let labels = rows.map { classIndex[results[$0].clip.emotion]! }
        let speakers = rows.map { results[$0].clip.speaker }
        var features = Matrix(rows: rows.map { results[$0].run.features.summary })
        let typicalSpeaker =
            train.speakerNormalization ? SpeakerNormalization.typicalSpeaker(features, speakers: speakers) : nil
        if train.speakerNormalization { features = SpeakerNormalization.normalized(features, speakers: speakers) }

        let kinds = train.models.compactMap(ModelKind.init(rawValue:))
        let modelSettings = settings.modelSettings
        let seed = UInt64(train.seed)
        let clock = ContinuousClock()
        do {
            let plan = try FoldPlan(
                EvaluationProtocol(rawValue: train.protocolName) ?? .speakerIndependent, labels: labels,
                speakers: speakers, folds: train.folds, seed: seed)
            let start = clock.now
            let evaluations = try CrossValidation.evaluate(
                kinds, features: features, labels: labels, classCount: emotions.count, plan: plan,
                settings: modelSettings, seed: seed, workers: jobs)
            let evaluated = clock.now
            let scaler = Standardizer(fitting: features)
            let scaled = scaler.transform(features)
            let finalModels = try FinalFit.fit(
                kinds, features: scaled, labels: labels, classCount: emotions.count, settings: modelSettings,
                seed: seed, workers: jobs)
            return Training(
                evaluations: evaluations, finalModels: finalModels, plan: plan, classNames: emotions, rows: rows,
                excluded: excluded, scaler: scaler, featureNames: results[0].run.features.summaryNames,
                typicalSpeaker: typicalSpeaker,
                evaluateTime: evaluated - start, finalFitTime: clock.now - evaluated)
        } catch let error as LearnError {
            throw CellError(cell: "train", message: error.message)
        } catch {
            throw CellError(cell: "train", message: "\(error)")
        }
    }
}

extension Settings {
    /// The train settings as SERLearn's model settings.
    var modelSettings: ModelSettings {
        var settings = ModelSettings()
        settings.forestTrees = train.rf.nEstimators
        settings.boostingRounds = train.xgb.nEstimators
        settings.boostingLearningRate = train.xgb.learningRate
        settings.boostingDepth = train.xgb.maxDepth
        settings.svmC = train.svm.c
        settings.svmGamma = train.svm.gamma == "scale" ? nil : Double(train.svm.gamma)
        settings.svmBalanced = train.svm.classWeight == "balanced"
        settings.mlp.hiddenUnits = train.mlp.hiddenLayerSize
        settings.mlp.alpha = train.mlp.alpha
        settings.mlp.learningRate = train.mlp.learningRateInit
        settings.mlp.batchSize = train.mlp.batchSize
        settings.mlp.maxEpochs = train.mlp.maxIter
        settings.mlp.validationFraction = train.mlp.validationFraction
        settings.mlp.patience = train.mlp.nIterNoChange
        return settings
    }
}
