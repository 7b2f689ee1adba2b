import Foundation

/// How a cell fared in one build.
package enum CellState: String, Codable, Sendable {
    /// Executed in this build.
    case ran
    /// Its stored result for the same key was used.
    case cached
    /// Executed and threw; the cells after it did not run.
    case failed
    /// An input failed or did not run.
    case notRun = "not run"
}

/// One cell's part in a build: its state, result, error and time.
package struct CellOutcome: Sendable {
    package let id: String
    package let state: CellState
    package let key: Digest
    /// The cell's result, for ``CellState/ran`` and ``CellState/cached``.
    package let bundle: ArtifactBundle?
    package let error: String?
    package let duration: Duration
    /// Per-item work (clips), when the cell counted any: how many were computed and how many cached.
    package let items: ItemCount?
    /// Why this result was not stored although the cell ran (a failure of the moment in it or in a cell
    /// it reads: the next build runs it again); nil when it was stored or came from the cache.
    package var notStored: String? = nil

    package struct ItemCount: Sendable, Codable {
        package var total: Int
        package var cached: Int
        package var unit: String
    }
}

/// `serreport status` for one cell: fresh (its result for the current key is stored) or stale, and why.
package struct CellStatus: Sendable {
    package let id: String
    package let fresh: Bool
    package let reasons: [String]
}

/// Runs a plan: each cell in order, from the cache when its key is stored, else executed and stored.
///
/// Failure is contained: a cell that throws is recorded as failed, the cells that read it are
/// "not run", and the build still returns every outcome so a report can be written. A result that
/// cannot be stored (a full disk) is not a failure: the cell ran, and the next build runs it again.
package struct NotebookRunner: Sendable {
    package let plan: Plan
    package let store: ArtifactStore
    package let records: RecordBook
    package let jobs: Int
    package let display: ProgressDisplay

    package init(plan: Plan, store: ArtifactStore, records: RecordBook, jobs: Int, display: ProgressDisplay) {
        self.plan = plan
        self.store = store
        self.records = records
        self.jobs = jobs
        self.display = display
    }

    /// Runs every cell; the cells in `forced` execute even when their result is stored.
    package func run(forcing forced: Set<String> = []) -> [CellOutcome] {
        let keys = plan.keys()
        let clock = ContinuousClock()
        var outcomes: [String: CellOutcome] = [:]
        var ordered: [CellOutcome] = []
        for cell in plan.cells {
            let key = keys[cell.id]!
            let start = clock.now
            let inputOutcomes = cell.inputCells.map { outcomes[$0]! }
            let outcome: CellOutcome
            if inputOutcomes.contains(where: { $0.bundle == nil }) {
                outcome = CellOutcome(
                    id: cell.id, state: .notRun, key: key, bundle: nil, error: nil, duration: .zero, items: nil)
            } else if !forced.contains(cell.id), let bytes = store.read(key),
                let bundle = ArtifactBundle(encoded: bytes)
            {
                outcome = CellOutcome(
                    id: cell.id, state: .cached, key: key, bundle: bundle, error: nil, duration: clock.now - start,
                    items: nil)
            } else {
                let progress = CellProgress()
                display.begin(cell.id, progress: progress)
                let context = CellContext(
                    cellID: cell.id, key: key, store: store, jobs: jobs, forced: forced.contains(cell.id),
                    progress: progress,
                    inputBundles: Dictionary(uniqueKeysWithValues: inputOutcomes.map { ($0.id, $0.bundle!) }),
                    declaredInputs: Set(cell.inputs))
                do {
                    let bundle = try cell.run(context)
                    if let missing = cell.outputs.first(where: { bundle.data[$0.name] == nil }) {
                        throw NotebookError("\(cell.id) did not make \(missing), which it declares")
                    }
                    // A result that cannot be stored is still this build's; the store remembers why.
                    let notStored = context.passingFailures.reason ?? Self.notStored(inputOutcomes)
                    if notStored == nil {
                        store.write(bundle.encoded(), for: key)
                        store.flush()
                    }
                    outcome = CellOutcome(
                        id: cell.id, state: .ran, key: key, bundle: bundle, error: nil, duration: clock.now - start,
                        items: progress.total > 0
                            ? .init(total: progress.done, cached: progress.cached, unit: progress.unit) : nil,
                        notStored: notStored)
                } catch {
                    outcome = CellOutcome(
                        id: cell.id, state: .failed, key: key, bundle: nil, error: "\(error)",
                        duration: clock.now - start, items: nil)
                }
            }
            if outcome.bundle != nil {
                var record = CellRecord(
                    cell: cell, key: key,
                    inputKeys: Dictionary(uniqueKeysWithValues: cell.inputCells.map { ($0, keys[$0]!) }))
                record.notStored = outcome.notStored
                try? records.save(record, for: cell.id)
            }
            display.end(outcome)
            outcomes[cell.id] = outcome
            ordered.append(outcome)
        }
        return ordered
    }

    /// Why a cell reading these results cannot store its own: an input's result was not stored.
    private static func notStored(_ inputs: [CellOutcome]) -> String? {
        guard let input = inputs.first(where: { $0.notStored != nil }) else { return nil }
        return "\(input.id) was not kept (\(input.notStored ?? ""))"
    }

    /// Each cell fresh or stale, with the reasons, without running anything.
    package func status() -> [CellStatus] {
        let keys = plan.keys()
        var stale: [String] = []
        return plan.cells.map { cell in
            let key = keys[cell.id]!
            if store.contains(key) { return CellStatus(id: cell.id, fresh: true, reasons: []) }
            defer { stale.append(cell.id) }
            let now = CellRecord(
                cell: cell, key: key,
                inputKeys: Dictionary(uniqueKeysWithValues: cell.inputCells.map { ($0, keys[$0]!) }))
            guard let last = records.record(of: cell.id) else {
                return CellStatus(id: cell.id, fresh: false, reasons: ["never built"])
            }
            let reasons = last.reasons(comparedTo: now, staleInputs: stale)
            let gone =
                last.notStored.map { "its last result was not kept: \($0)" }
                ?? "its stored result is gone (cleaned or damaged)"
            return CellStatus(id: cell.id, fresh: false, reasons: reasons.isEmpty ? [gone] : reasons)
        }
    }
}
