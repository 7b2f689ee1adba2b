import SERParallel

/// The `fusion` model evaluated over a plan's folds (``LateFusion``): in each fold, every fused model of clip
/// statistics is fitted again on the training fold less its validation speakers (the split the `gru` model
/// early-stops on) and predicts those speakers' clips; with the deep models' probabilities for the same clips, they
/// choose the fold's weights. The fold's test clips are then the weighted mean of the fused models' own test
/// probabilities. The test fold is never seen; the weights of the saved model come the same way from every
/// clip's split.
package enum FusionEvaluation {
    package struct Result: Sendable {
        package var evaluation: ModelEvaluationResult
        /// Each fold's weights, then the final model's, in `members` order.
        package var weights: [[Double]]
        package var notes: [String]
    }

    /// - Parameters:
    ///   - members: the evaluations of the models fused, in the order of `train.models`.
    ///   - foldFeatures: per fold, then for the final fit, the clip statistics the models of clip statistics
    ///     learn from (the fold's speaker-normalisation decision applied).
    ///   - splits: per fold, then for the final fit, the validation split (``RecurrentEvaluation/splits``).
    ///   - deepValidation: each deep member's probabilities for each split's validation clips.
    package static func evaluate(
        members: [ModelEvaluationResult], foldFeatures: [Matrix], labels: [Int], classCount: Int, plan: FoldPlan,
        splits: [(fit: [Int], validation: [Int], fallback: String?)], deepValidation: [ModelKind: [[[Double]]]],
        settings: ModelParameters, seed: UInt64, workers: Int
    ) throws(LearnError) -> Result {
        let folds = plan.folds.count
        precondition(foldFeatures.count == folds + 1 && splits.count == folds + 1, "one per fold and the final fit")
        let refitted = members.map(\.kind).filter { !$0.learnsFromFrames }
        let jobs = (0...folds).flatMap { job in refitted.map { (job, $0) } }
        let outcomes = try ParallelJobs.map(count: jobs.count, workers: workers) {
            index throws(LearnError) -> [[Double]] in
            let (job, kind) = jobs[index]
            let split = splits[job]
            guard !split.validation.isEmpty, !split.fit.isEmpty else { return [] }
            let outcome = try CrossValidation.runFold(
                kind, fold: Fold(train: split.fit, test: split.validation), features: foldFeatures[job], labels: labels,
                classCount: classCount, settings: settings,
                seed: SeededGenerator.derived(from: seed, kind.seedIndex, UInt64(job), 0xF05E))
            return (0..<outcome.probabilities.rows).map { Array(outcome.probabilities.row($0)) }
        }
        var weights: [[Double]] = []
        var notes: [String] = []
        for job in 0...folds {
            let validation = splits[job].validation
            let context = job < folds ? "fold \(job + 1)" : "the final model"
            guard !validation.isEmpty, !splits[job].fit.isEmpty else {
                weights.append([Double](repeating: 1 / Double(members.count), count: members.count))
                notes.append("Fusion, \(context): no clips to choose weights on, so every model weighs the same")
                continue
            }
            let probabilities = members.map { member -> [[Double]] in
                if member.kind.learnsFromFrames { return deepValidation[member.kind]?[job] ?? [] }
                let position = refitted.firstIndex(of: member.kind)!
                return outcomes[job * refitted.count + position]
            }
            weights.append(
                LateFusion.weights(probabilities, labels: validation.map { labels[$0] }, classCount: classCount))
        }
        var predictions = [(fold: Int, label: Int, probabilities: [Double])](
            repeating: (-1, -1, []), count: labels.count)
        var foldScores: [ClassificationScores] = []
        for (foldIndex, fold) in plan.folds.enumerated() {
            let fused = LateFusion.fuse(
                members.map { member in fold.test.map { member.predictions[$0].probabilities } },
                weights: weights[foldIndex])
            var predicted: [Int] = []
            for (position, row) in fold.test.enumerated() {
                let p = fused[position]
                var best = 0
                for k in 1..<classCount where p[k] > p[best] { best = k }
                predictions[row] = (foldIndex, best, p)
                predicted.append(best)
            }
            foldScores.append(
                ClassificationScores(truth: fold.test.map { labels[$0] }, predicted: predicted, classCount: classCount))
        }
        let tested = predictions.indices.filter { predictions[$0].fold >= 0 }
        let names = members.map(\.kind.rawValue)
        let evaluation = ModelEvaluationResult(
            kind: .fusion,
            scores: ClassificationScores(
                truth: tested.map { labels[$0] }, predicted: tested.map { predictions[$0].label },
                classCount: classCount),
            foldScores: foldScores, predictions: predictions, fitSeconds: 0, trainingCurves: [],
            chosen: weights.prefix(folds).map { fold in
                Dictionary(uniqueKeysWithValues: zip(names, fold.map { "\($0)" }))
            })
        return Result(evaluation: evaluation, weights: weights, notes: notes)
    }
}
