import SERParallel

/// A deep model evaluated over every fold of a plan and fitted once more on every clip, as ``CrossValidation``
/// and ``FinalFit`` do for the models of clip statistics: in each fold, a share of the training fold's speakers
/// is held out for early stopping (never a test speaker; ``RecurrentEvaluation/splits(plan:rowCount:speakers:share:seed:)``),
/// the rest trains. Folds and the final fit run in parallel, one thread each, each seeded by its fold alone, so
/// the results are identical whatever `workers` is.
package enum DeepEvaluation {
    package struct Result<Model: TrainedSequenceModel>: Sendable {
        package var evaluation: ModelEvaluationResult
        /// Fitted on every clip (its own validation speakers held out the same way), for `predict`.
        package var finalModel: Model
        /// Where a training fold could not hold out a validation speaker, what was done instead.
        package var notes: [String]
        /// The mean over speakers of each speaker's frame means and deviations: how `predict` scales a clip whose
        /// speaker has no other clips, when speaker normalisation applies (nil when it does not).
        package var typicalSpeaker: FrameStandardizer?
        /// Per fold, then for the final fit: the probabilities of the clips held out for early stopping
        /// (``RecurrentEvaluation/validationSplit(_:speakers:share:seed:)``'s `validation` rows, in order), for late fusion.
        package var validationProbabilities: [[[Double]]]
    }

    /// - Parameters:
    ///   - sequences: each clip's frames, `frames × width` values (NaN where a descriptor is undefined).
    ///   - normalized: per fold, then for the final fit (`plan.folds.count + 1` values): whether each speaker's
    ///     frames are standardised by that speaker's own frames first (the fold's speaker-normalisation decision).
    ///   - fit: trains one model from its training clips and labels, validation clips and labels, and seed.
    package static func evaluate<Model: TrainedSequenceModel>(
        _ kind: ModelKind, sequences: [[Double]], width: Int, labels: [Int], classCount: Int, speakers: [String],
        plan: FoldPlan, normalized: [Bool], validationShare: Double, seed: UInt64, workers: Int,
        fit: @Sendable ([[Double]], [Int], [[Double]], [Int], UInt64) -> Model
    ) -> Result<Model> {
        precondition(sequences.count == labels.count && speakers.count == labels.count, "one label per clip")
        precondition(normalized.count == plan.folds.count + 1, "a decision per fold and for the final fit")
        let perSpeaker =
            normalized.contains(true)
            ? RecurrentEvaluation.speakerNormalized(sequences, speakers: speakers, width: width) : []
        let jobs = plan.folds.count + 1
        let splits = RecurrentEvaluation.splits(
            plan: plan, rowCount: labels.count, speakers: speakers, share: validationShare, seed: seed)
        // The final fit is the longest (every clip): it starts first.
        let order = [plan.folds.count] + Array(plan.folds.indices)
        let outcomes = ParallelJobs.map(count: jobs, workers: workers, order: order) { job -> FoldFit<Model> in
            let inputs = normalized[job] ? perSpeaker : sequences
            let foldSeed = RecurrentEvaluation.jobSeed(seed, job: job, folds: plan.folds.count, kind: kind)
            let split = splits[job]
            let start = ThreadClock.seconds()
            let model = fit(
                split.fit.map { inputs[$0] }, split.fit.map { labels[$0] }, split.validation.map { inputs[$0] },
                split.validation.map { labels[$0] }, foldSeed)
            let seconds = ThreadClock.seconds() - start
            let test = job < plan.folds.count ? model.probabilities(plan.folds[job].test.map { inputs[$0] }) : []
            let context = job < plan.folds.count ? "fold \(job + 1)" : "the final model"
            return FoldFit(
                model: model, test: test, validation: model.probabilities(split.validation.map { inputs[$0] }),
                seconds: seconds, note: split.fallback.map { "\(kind.title), \(context): \($0)" })
        }
        var predictions = [(fold: Int, label: Int, probabilities: [Double])](
            repeating: (-1, -1, []), count: labels.count)
        var foldScores: [ClassificationScores] = []
        for (foldIndex, fold) in plan.folds.enumerated() {
            var predicted: [Int] = []
            for (position, row) in fold.test.enumerated() {
                let probabilities = outcomes[foldIndex].test[position]
                var best = 0
                for k in 1..<classCount where probabilities[k] > probabilities[best] { best = k }
                predictions[row] = (foldIndex, best, probabilities)
                predicted.append(best)
            }
            foldScores.append(
                ClassificationScores(truth: fold.test.map { labels[$0] }, predicted: predicted, classCount: classCount))
        }
        let tested = predictions.indices.filter { predictions[$0].fold >= 0 }
        let folds = outcomes.prefix(plan.folds.count)
        let evaluation = ModelEvaluationResult(
            kind: kind,
            scores: ClassificationScores(
                truth: tested.map { labels[$0] }, predicted: tested.map { predictions[$0].label },
                classCount: classCount),
            foldScores: foldScores, predictions: predictions, fitSeconds: folds.map(\.seconds).reduce(0, +),
            trainingCurves: folds.map { ($0.model.curve.map(\.trainingLoss), $0.model.curve.map(\.validationUAR)) },
            chosenEpochs: folds.map(\.model.chosenEpoch), parameterCount: outcomes[0].model.parameterCount)
        let typical =
            normalized[plan.folds.count]
            ? RecurrentEvaluation.typicalSpeaker(sequences, speakers: speakers, width: width) : nil
        return Result(
            evaluation: evaluation, finalModel: outcomes[plan.folds.count].model,
            notes: outcomes.compactMap(\.note), typicalSpeaker: typical,
            validationProbabilities: outcomes.map(\.validation))
    }

    struct FoldFit<Model: TrainedSequenceModel>: Sendable {
        var model: Model
        var test: [[Double]]
        var validation: [[Double]]
        var seconds: Double
        var note: String?
    }
}
