import SERParallel

/// Fits several models on the same standardised data at once, one thread each, seeded per model as
/// ``CrossValidation`` does, so the result does not depend on `workers`.
package enum FinalFit {
    package static func fit(
        _ kinds: [ModelKind], features: Matrix, labels: [Int], classCount: Int, settings: ModelParameters,
        seed: UInt64, workers: Int
    ) throws -> [any TrainedClassifier] {
        try ParallelJobs.map(count: kinds.count, workers: workers) { index throws in
            Box(
                model: try kinds[index].fit(
                    features: features, labels: labels, classCount: classCount, settings: settings,
                    seed: SeededGenerator.derived(
                        from: seed, UInt64(ModelKind.allCases.firstIndex(of: kinds[index])!), UInt64.max)))
        }
        .map(\.model)
    }

    /// A fitted model crossing from the worker thread that made it to the caller; it is not used by
    /// two threads at once.
    private struct Box: @unchecked Sendable {
        let model: any TrainedClassifier
    }
}
