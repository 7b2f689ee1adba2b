import Dispatch
import Foundation
import Synchronization

/// Runs per-clip work on all cores with results in input order, so output never depends on the
/// number of workers or on scheduling.
///
/// Each worker builds its own state once (an FFT plan, buffers) and reuses it for every clip it takes.
package enum ParallelClips {
    package static func map<State, Result: Sendable>(
        count: Int,
        workers requested: Int,
        makeState: @Sendable () -> State,
        body: @Sendable (inout State, Int) -> Result
    ) -> [Result] {
        let workers = max(1, min(requested, count))
        let next = Atomic<Int>(0)
        let results = Mutex<[Int: Result]>([:])
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var state = makeState()
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < count else { break }
                let result = body(&state, index)
                results.withLock { $0[index] = result }
            }
        }
        // Every index below `count` was taken by exactly one worker, so every slot is filled.
        return results.withLock { stored in (0..<count).compactMap { stored[$0] } }
    }

    /// The machine's core count, the default for `--jobs`.
    package static var coreCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}
