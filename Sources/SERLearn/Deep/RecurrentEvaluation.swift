import SERParallel

/// The `gru` model over a plan (``DeepEvaluation``), and what every deep model shares: the validation split of
/// each training fold, speaker normalisation of frames, the typical speaker.
package enum RecurrentEvaluation {
    package typealias Result = DeepEvaluation.Result<RecurrentModel>

    /// The `gru` model over `plan` (``DeepEvaluation``).
    package static func evaluate(
        sequences: [[Double]], width: Int, labels: [Int], classCount: Int, speakers: [String], plan: FoldPlan,
        normalized: [Bool], parameters: RecurrentTrainingParameters, validationShare: Double = 0.2, seed: UInt64,
        workers: Int
    ) -> Result {
        DeepEvaluation.evaluate(
            .gru, sequences: sequences, width: width, labels: labels, classCount: classCount, speakers: speakers,
            plan: plan, normalized: normalized, validationShare: validationShare, seed: seed, workers: workers
        ) { fit, fitLabels, validation, validationLabels, foldSeed in
            RecurrentTraining.fit(
                sequences: fit, labels: fitLabels, validation: validation, validationLabels: validationLabels,
                width: width, classCount: classCount, parameters: parameters, seed: foldSeed)
        }
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
    /// (The validation splits of every deep model and of fusion come from the gru's, so they are the same.)
    static func jobSeed(_ seed: UInt64, job: Int, folds: Int, kind: ModelKind = .gru) -> UInt64 {
        SeededGenerator.derived(from: seed, kind.seedIndex, job < folds ? UInt64(job) : .max)
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
