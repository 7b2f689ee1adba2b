import Dispatch
import Synchronization

/// Fits several models on the same standardised data at once, one thread each, seeded per model as
/// ``CrossValidation`` does, so the result does not depend on `workers`.
package enum FinalFit {
    package static func fit(
        _ kinds: [ModelKind], features: Matrix, labels: [Int], classCount: Int, settings: ModelParameters,
        seed: UInt64, workers: Int
    ) throws -> [any TrainedClassifier] {
        let fitted = Mutex<[Int: Result<Box, any Error>]>([:])
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, kinds.count))) { _ in
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < kinds.count else { break }
                let result = Result {
                    Box(
                        model: try kinds[index].fit(
                            features: features, labels: labels, classCount: classCount, settings: settings,
                            seed: SeededGenerator.derived(
                                from: seed, UInt64(ModelKind.allCases.firstIndex(of: kinds[index])!), UInt64.max)))
                }
                fitted.withLock { $0[index] = result }
            }
        }
        return try fitted.withLock { stored in try kinds.indices.map { try stored[$0]!.get().model } }
    }

    /// A fitted model crossing from the worker thread that made it to the caller; it is not used by
    /// two threads at once.
    private struct Box: @unchecked Sendable {
        let model: any TrainedClassifier
    }
}
