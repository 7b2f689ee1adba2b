import SERParallel

/// The `gru` model evaluated over every fold of a plan and fitted once more on every clip, as
/// ``CrossValidation`` and ``FinalFit`` do for the models of clip statistics: in each fold, a share of the
/// training fold's speakers is held out for early stopping (never a test speaker), the rest trains. Folds
/// and the final fit run in parallel, one thread each, each seeded by its fold alone, so the results are
/// identical whatever `workers` is.
package enum RecurrentEvaluation {
    package struct Result: Sendable {
        package var evaluation: ModelEvaluationResult
        /// Fitted on every clip (its own validation speakers held out the same way), for `predict`.
        package var finalModel: RecurrentModel
        /// Where a training fold could not hold out a validation speaker, what was done instead.
        package var notes: [String]
        /// The mean over speakers of each speaker's frame means and deviations: how `predict` scales a clip whose
        /// speaker has no other clips, when speaker normalisation applies (nil when it does not).
        package var typicalSpeaker: FrameStandardizer?
        /// Per fold, then for the final fit: the probabilities of the clips held out for early stopping
        /// (``validationSplit(_:speakers:share:seed:)``'s `validation` rows, in order), for late fusion.
        package var validationProbabilities: [[[Double]]]
    }

    /// The validation split of each fold's training rows, then of every row (the final fit's): the split the
    /// `gru` model early-stops on, and late fusion chooses its weights on.
    package static func splits(
        plan: FoldPlan, rowCount: Int, speakers: [String], share: Double, seed: UInt64
    ) -> [(fit: [Int], validation: [Int], fallback: String?)] {
        (0...plan.folds.count).map { job in
            let rows = job < plan.folds.count ? plan.folds[job].train : Array(0..<rowCount)
            return validationSplit(
                rows, speakers: speakers, share: share,
                seed: SeededGenerator.derived(from: jobSeed(seed, job: job, folds: plan.folds.count), 0x5E1EC7))
        }
    }

    /// The seed of fold `job`'s fit (`folds`: the final fit's).
    static func jobSeed(_ seed: UInt64, job: Int, folds: Int) -> UInt64 {
        SeededGenerator.derived(
            from: seed, UInt64(ModelKind.allCases.firstIndex(of: .gru)!), job < folds ? UInt64(job) : .max)
    }

    /// - Parameters:
    ///   - sequences: each clip's frames, `frames × width` values (NaN where a descriptor is undefined).
    ///   - normalized: per fold, then for the final fit (`plan.folds.count + 1` values): whether each speaker's
    ///     frames are standardised by that speaker's own frames first (the fold's speaker-normalisation decision).
    package static func evaluate(
        sequences: [[Double]], width: Int, labels: [Int], classCount: Int, speakers: [String], plan: FoldPlan,
        normalized: [Bool], parameters: RecurrentTrainingParameters, seed: UInt64, workers: Int
    ) -> Result {
        precondition(sequences.count == labels.count && speakers.count == labels.count, "one label per clip")
        precondition(normalized.count == plan.folds.count + 1, "a decision per fold and for the final fit")
        let perSpeaker = normalized.contains(true) ? speakerNormalized(sequences, speakers: speakers, width: width) : []
        let jobs = plan.folds.count + 1
        let splits = self.splits(
            plan: plan, rowCount: labels.count, speakers: speakers, share: parameters.validationSpeakers, seed: seed)
        // The final fit is the longest (every clip): it starts first.
        let order = [plan.folds.count] + Array(plan.folds.indices)
        let outcomes = ParallelJobs.map(count: jobs, workers: workers, order: order) { job -> FoldFit in
            let inputs = normalized[job] ? perSpeaker : sequences
            let foldSeed = jobSeed(seed, job: job, folds: plan.folds.count)
            let split = splits[job]
            let start = ThreadClock.seconds()
            let model = RecurrentTraining.fit(
                sequences: split.fit.map { inputs[$0] }, labels: split.fit.map { labels[$0] },
                validation: split.validation.map { inputs[$0] }, validationLabels: split.validation.map { labels[$0] },
                width: width, classCount: classCount, parameters: parameters, seed: foldSeed)
            let seconds = ThreadClock.seconds() - start
            let test = job < plan.folds.count ? model.probabilities(plan.folds[job].test.map { inputs[$0] }) : []
            let context = job < plan.folds.count ? "fold \(job + 1)" : "the final model"
            return FoldFit(
                model: model, test: test, validation: model.probabilities(split.validation.map { inputs[$0] }),
                seconds: seconds, note: split.fallback.map { "GRU, \(context): \($0)" })
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
            kind: .gru,
            scores: ClassificationScores(
                truth: tested.map { labels[$0] }, predicted: tested.map { predictions[$0].label },
                classCount: classCount),
            foldScores: foldScores, predictions: predictions, fitSeconds: folds.map(\.seconds).reduce(0, +),
            trainingCurves: folds.map { ($0.model.curve.map(\.trainingLoss), $0.model.curve.map(\.validationUAR)) },
            chosenEpochs: folds.map(\.model.chosenEpoch), parameterCount: outcomes[0].model.network.parameterCount)
        let typical = normalized[plan.folds.count] ? typicalSpeaker(sequences, speakers: speakers, width: width) : nil
        return Result(
            evaluation: evaluation, finalModel: outcomes[plan.folds.count].model,
            notes: outcomes.compactMap(\.note), typicalSpeaker: typical,
            validationProbabilities: outcomes.map(\.validation))
    }

    private struct FoldFit: Sendable {
        var model: RecurrentModel
        var test: [[Double]]
        var validation: [[Double]]
        var seconds: Double
        var note: String?
    }

    /// `rows` split into clips to train on and clips early stopping validates on: a `share` of their speakers
    /// (at least one, never all) drawn by `seed`. With fewer than two known speakers, a `share` of the clips
    /// instead (at least one; not speaker-independent), and with fewer than four clips no validation at all
    /// (every epoch runs, the last is kept); `fallback` says which.
    package static func validationSplit(
        _ rows: [Int], speakers: [String], share: Double, seed: UInt64
    ) -> (fit: [Int], validation: [Int], fallback: String?) {
        var generator = SeededGenerator(seed: seed)
        let known = Array(Set(rows.map { speakers[$0] }.filter { !$0.isEmpty })).sorted()
        if known.count >= 2 {
            let count = min(known.count - 1, max(1, Int((Double(known.count) * share).rounded())))
            let held = Set(known.shuffled(using: &generator).prefix(count))
            return (rows.filter { !held.contains(speakers[$0]) }, rows.filter { held.contains(speakers[$0]) }, nil)
        }
        guard rows.count >= 4 else {
            return (
                rows, [],
                "\(rows.count) training clips are too few to hold any out, so no early stopping: every epoch ran and the last was kept"
            )
        }
        let count = min(rows.count - 1, max(1, Int((Double(rows.count) * share).rounded())))
        let held = Set(rows.shuffled(using: &generator).prefix(count))
        let why = known.isEmpty ? "no clip names its speaker" : "every training clip is one speaker's"
        return (
            rows.filter { !held.contains($0) }, rows.filter { held.contains($0) },
            "\(why), so early stopping validated on \(count) of the same speakers' clips (not speaker-independent)"
        )
    }

    /// Each speaker's frames standardised by that speaker's own frames (labels unused); frames of clips with no
    /// speaker are left as they are.
    package static func speakerNormalized(_ sequences: [[Double]], speakers: [String], width: Int) -> [[Double]] {
        var result = sequences
        let rowsBySpeaker = Dictionary(grouping: speakers.indices, by: { speakers[$0] })
        for speaker in rowsBySpeaker.keys.sorted() where !speaker.isEmpty {
            let rows = rowsBySpeaker[speaker] ?? []
            let scaler = FrameStandardizer(fitting: rows.map { sequences[$0] }, width: width)
            for row in rows { result[row] = scaler.scaled(sequences[row]) }
        }
        return result
    }

    /// The mean over speakers of each speaker's frame means and deviations; nil when no clip names a speaker.
    static func typicalSpeaker(_ sequences: [[Double]], speakers: [String], width: Int) -> FrameStandardizer? {
        let rowsBySpeaker = Dictionary(grouping: speakers.indices, by: { speakers[$0] })
        let names = rowsBySpeaker.keys.sorted().filter { !$0.isEmpty }
        guard !names.isEmpty else { return nil }
        var mean = [Double](repeating: 0, count: width)
        var scale = [Double](repeating: 0, count: width)
        for name in names {
            let scaler = FrameStandardizer(fitting: (rowsBySpeaker[name] ?? []).map { sequences[$0] }, width: width)
            for d in 0..<width {
                mean[d] += scaler.mean[d] / Double(names.count)
                scale[d] += scaler.scale[d] / Double(names.count)
            }
        }
        return FrameStandardizer(mean: mean, scale: scale)
    }
}
