import Dispatch
import Synchronization

/// One model evaluated over every fold of a plan: its predictions for every clip (each from the
/// fold that held the clip out), scores per fold and pooled, and the time spent fitting.
public struct ModelEvaluationResult: Sendable {
    public var kind: ModelKind
    /// Pooled over all test folds.
    public var scores: ClassificationScores
    public var foldScores: [ClassificationScores]
    /// For each row of the data: the fold it was tested in, the predicted class and the probabilities.
    public var predictions: [(fold: Int, label: Int, probabilities: [Double])]
    /// CPU time of all fits on their threads, summed over folds, in seconds (what Python's
    /// `time.process_time` measures for a single-threaded fit).
    public var fitSeconds: Double
    /// For the MLP: the loss and validation accuracy per epoch in each fold.
    public var trainingCurves: [(loss: [Double], validation: [Double])]
}

/// k-fold evaluation of several models: per fold, standardise on the training rows only, fit, and
/// predict the test rows. Folds and models run in parallel (`workers` at a time), each fit on a
/// single thread with a seed derived from `seed`, the model and the fold, so results are identical
/// whatever `workers` is.
public enum CrossValidation {
    public static func evaluate(
        _ kinds: [ModelKind], features: Matrix, labels: [Int], classCount: Int, plan: FoldPlan,
        settings: ModelSettings, seed: UInt64, workers: Int
    ) throws -> [ModelEvaluationResult] {
        guard features.rows == labels.count, features.rows > 0 else {
            throw LearnError(.tooFewRows, "there are no clips to evaluate")
        }
        guard features.isFinite else { throw LearnError(.nonFiniteValue, "the features hold NaN or infinite values") }
        let jobs = kinds.flatMap { kind in plan.folds.indices.map { (kind, $0) } }
        let outcomes = Mutex<[Int: Result<FoldOutcome, LearnError>]>([:])
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, jobs.count))) { _ in
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < jobs.count else { break }
                let (kind, foldIndex) = jobs[index]
                let outcome = Result { () throws(LearnError) -> FoldOutcome in
                    try runFold(
                        kind, fold: plan.folds[foldIndex], features: features, labels: labels, classCount: classCount,
                        settings: settings,
                        seed: SeededGenerator.derived(
                            from: seed, UInt64(ModelKind.allCases.firstIndex(of: kind)!), UInt64(foldIndex)))
                }
                outcomes.withLock { $0[index] = outcome }
            }
        }
        let results = try outcomes.withLock { stored in try jobs.indices.map { try stored[$0]!.get() } }
        return kinds.enumerated().map { kindIndex, kind in
            let folds = Array(results[(kindIndex * plan.folds.count)..<((kindIndex + 1) * plan.folds.count)])
            var predictions = [(fold: Int, label: Int, probabilities: [Double])](
                repeating: (-1, -1, []), count: labels.count)
            for (foldIndex, outcome) in folds.enumerated() {
                for (position, row) in plan.folds[foldIndex].test.enumerated() {
                    predictions[row] = (foldIndex, outcome.labels[position], Array(outcome.probabilities.row(position)))
                }
            }
            let tested = predictions.indices.filter { predictions[$0].fold >= 0 }
            return ModelEvaluationResult(
                kind: kind,
                scores: ClassificationScores(
                    truth: tested.map { labels[$0] }, predicted: tested.map { predictions[$0].label },
                    classCount: classCount),
                foldScores: folds.enumerated().map { foldIndex, outcome in
                    ClassificationScores(
                        truth: plan.folds[foldIndex].test.map { labels[$0] }, predicted: outcome.labels,
                        classCount: classCount)
                },
                predictions: predictions, fitSeconds: folds.map(\.fitSeconds).reduce(0, +),
                trainingCurves: folds.compactMap(\.curve))
        }
    }

    private struct FoldOutcome: @unchecked Sendable {
        var labels: [Int]
        var probabilities: Matrix
        var fitSeconds: Double
        var curve: (loss: [Double], validation: [Double])?
    }

    private static func runFold(
        _ kind: ModelKind, fold: Fold, features: Matrix, labels: [Int], classCount: Int, settings: ModelSettings,
        seed: UInt64
    ) throws(LearnError) -> FoldOutcome {
        let training = features.selecting(rows: fold.train)
        let scaler = Standardizer(fitting: training)
        let start = ThreadClock.seconds()
        do {
            let model = try kind.fit(
                features: scaler.transform(training), labels: fold.train.map { labels[$0] }, classCount: classCount,
                settings: settings, seed: seed)
            let elapsed = ThreadClock.seconds() - start
            let predicted = try model.predict(scaler.transform(features.selecting(rows: fold.test)))
            let network = (model as? NeuralNetwork)?.network
            return FoldOutcome(
                labels: predicted.labels, probabilities: predicted.probabilities,
                fitSeconds: elapsed,
                curve: network.map { ($0.lossCurve, $0.validationScores) })
        } catch let error as LearnError {
            throw error
        } catch {
            throw LearnError(.libraryFailure, "\(kind.title): \(error)")
        }
    }
}

#if canImport(Glibc)
    import Glibc
#endif

/// CPU time of the calling thread.
enum ThreadClock {
    static func seconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}
