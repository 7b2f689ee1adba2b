import Dispatch
import Foundation
import Synchronization

/// Runs independent jobs `0..<count` on up to `workers` threads, each worker taking the next
/// unstarted index, and returns their results in index order: the outcome does not depend on
/// `workers` or on scheduling, as long as each job depends on its index alone (folds, models and
/// clips are seeded and keyed by index).
///
/// The one loop behind per-clip work and figure rendering (SERCells), cross-validation folds, grid
/// searches and final fits (SERLearn).
package enum ParallelJobs {
    /// `body(&state, 0)`, `body(&state, 1)`, … `body(&state, count - 1)`, where each worker builds its
    /// own `state` once (an FFT plan, buffers) and reuses it for every job it takes.
    ///
    /// When jobs throw, the error of the lowest failing index is thrown. Jobs after an index known to
    /// have failed are not started; every job before it still runs, so which error is thrown does not
    /// depend on `workers` either.
    ///
    /// `order`, when given, is a permutation of `0..<count`: the order in which jobs are started (the
    /// longest first, so that none of them is left to run alone at the end). It changes no result: values
    /// still come back in index order, and "lowest" above means earliest in `order`.
    package static func map<State, Value: Sendable, Failure: Error>(
        count: Int, workers: Int, order: [Int]? = nil, makeState: @Sendable () -> State,
        body: @Sendable (inout State, Int) throws(Failure) -> Value
    ) throws(Failure) -> [Value] {
        guard count > 0 else { return [] }
        let order = order ?? Array(0..<count)
        precondition(
            order.count == count && Set(order).count == count && order.allSatisfy { (0..<count).contains($0) },
            "order must be a permutation of the jobs")
        let outcomes = Mutex<[Int: Result<Value, Failure>]>([:])
        let next = Atomic<Int>(0)
        let lowestFailure = Atomic<Int>(Int.max)
        DispatchQueue.concurrentPerform(iterations: min(max(1, workers), count)) { _ in
            var state = makeState()
            while true {
                let position = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard position < count, position < lowestFailure.load(ordering: .relaxed) else { break }
                let index = order[position]
                let outcome = Result { () throws(Failure) -> Value in try body(&state, index) }
                if case .failure = outcome { lowestFailure.min(position, ordering: .relaxed) }
                outcomes.withLock { $0[index] = outcome }
            }
        }
        // Positions are handed out in increasing order and only positions after a failure are left
        // unstarted, so every job up to the earliest failure (or every job, without one) has its
        // outcome: the loop throws before it meets a missing one.
        let stored = outcomes.withLock { $0 }
        var values = [Value?](repeating: nil, count: count)
        for index in order { values[index] = try stored[index]!.get() }
        return values.map { $0! }
    }

    /// `body(0)`, `body(1)`, … `body(count - 1)`, with no per-worker state; errors as in
    /// ``map(count:workers:makeState:body:)``.
    package static func map<Value: Sendable, Failure: Error>(
        count: Int, workers: Int, order: [Int]? = nil, body: @Sendable (Int) throws(Failure) -> Value
    ) throws(Failure) -> [Value] {
        try map(
            count: count, workers: workers, order: order, makeState: {},
            body: { (_: inout Void, index: Int) throws(Failure) in try body(index) })
    }

    /// The machine's core count (as the scheduler allows this process), the default for `--jobs`.
    package static var coreCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}
