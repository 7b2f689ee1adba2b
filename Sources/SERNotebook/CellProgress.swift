import Synchronization

/// A cell's progress counter, advanced from any thread: how many items of how many are done, and how
/// many of those came from the cache.
package final class CellProgress: Sendable {
    private let state = Mutex<(total: Int, unit: String)>((0, "items"))
    private let doneCount = Atomic<Int>(0)
    private let cachedCount = Atomic<Int>(0)

    package init() {}

    /// Announces the amount of work, e.g. `expect(720, "clips")`.
    package func expect(_ total: Int, _ unit: String) {
        state.withLock { $0 = (total, unit) }
        doneCount.store(0, ordering: .relaxed)
        cachedCount.store(0, ordering: .relaxed)
    }

    /// One item finished; `cached` when it came from the cache.
    package func advance(cached: Bool = false) {
        doneCount.add(1, ordering: .relaxed)
        if cached { cachedCount.add(1, ordering: .relaxed) }
    }

    package var total: Int { state.withLock { $0.total } }
    package var unit: String { state.withLock { $0.unit } }
    package var done: Int { doneCount.load(ordering: .relaxed) }
    package var cached: Int { cachedCount.load(ordering: .relaxed) }
}
