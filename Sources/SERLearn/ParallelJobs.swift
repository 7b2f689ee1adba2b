import Dispatch
import Synchronization

/// Independent jobs run `workers` at a time, each taking the next unstarted index, with results
/// returned in index order, so the outcome does not depend on `workers` as long as each job is
/// seeded by its index alone.
enum ParallelJobs {
    /// `job(0)`, `job(1)`, … `job(count - 1)`; the first error by index is thrown.
    static func map<Value: Sendable>(
        _ count: Int, workers: Int, _ job: @Sendable (Int) throws(LearnError) -> Value
    ) throws(LearnError) -> [Value] {
        let outcomes = Mutex<[Int: Result<Value, LearnError>]>([:])
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, count))) { _ in
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < count else { break }
                let outcome = Result { () throws(LearnError) -> Value in try job(index) }
                outcomes.withLock { $0[index] = outcome }
            }
        }
        let stored = outcomes.withLock { $0 }
        return try (0..<count).map { index throws(LearnError) in try stored[index]!.get() }
    }
}
