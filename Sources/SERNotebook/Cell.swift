package import Foundation
import Synchronization

/// One step of the notebook: what it is called, what it reads and makes, which settings it depends
/// on, and how it runs. The runner knows cells only through this protocol (it knows nothing of audio).
///
/// A cell's cache key is the SHA-256 of its id, its version, its parameters, its sources and the
/// keys of the cells it reads: change any of them and the cell, and every cell downstream of it,
/// runs again; change none and its stored result is used.
package protocol Cell: Sendable {
    /// Short name, used on the command line (`serreport run extract`) and as the report's anchor.
    var id: String { get }
    /// A sentence for `serreport list`.
    var summary: String { get }
    /// Bumped when the cell's code changes what it computes: every stored result of the older
    /// version is then stale.
    var version: Int { get }
    /// The values of other cells this one reads (``ArtifactKey/declaration``).
    var inputs: [ArtifactDeclaration] { get }
    /// The values this cell makes for others; its result must hold each.
    var outputs: [ArtifactDeclaration] { get }
    /// The cell's slice of the settings under their own key names, so a change reads as
    /// `features.mfcc.n_mfcc 20 → 40`.
    var parameters: ParameterList { get }
    /// Content the cell reads from outside the notebook (the corpus's files), by name and digest.
    var sources: SourceSet { get }

    func run(_ context: CellContext) throws -> ArtifactBundle
}

extension Cell {
    package var sources: SourceSet { SourceSet() }

    /// The cells this one reads, by id, in the order its inputs name them.
    package var inputCells: [String] {
        var seen = Set<String>()
        return inputs.map(\.producer).filter { seen.insert($0).inserted }
    }
}

/// Named inputs from outside the notebook and the digests of their content, e.g. every clip of a
/// corpus by its path. `noun` names them in status messages ("3 clips added").
package struct SourceSet: Sendable, Equatable, Codable {
    package var noun: String
    package var digests: [String: Digest]

    package init(noun: String = "files", digests: [String: Digest] = [:]) {
        self.noun = noun
        self.digests = digests
    }

    /// One digest for the whole set (names in order).
    package var digest: Digest {
        var builder = KeyBuilder("sources")
        for name in digests.keys.sorted() { builder.add(name, digests[name]!) }
        return builder.finish()
    }
}

/// What a cell's run function gets: the results of its inputs, the cache for per-item work, the
/// number of workers and a progress counter.
package struct CellContext: Sendable {
    package let cellID: String
    /// This run's cache key.
    package let key: Digest
    package let store: ArtifactStore
    package let jobs: Int
    /// `serreport run CELL` forces this cell: per-item results stored earlier are not reused.
    package let forced: Bool
    package let progress: CellProgress
    let inputBundles: [String: ArtifactBundle]
    /// What the cell declared it reads.
    let declaredInputs: Set<ArtifactDeclaration>
    /// Set by ``keepOutOfCache(because:)``.
    let passingFailures = PassingFailures()

    /// A value of an input cell, declared in ``Cell/inputs``.
    package func read<Value>(_ key: ArtifactKey<Value>) throws(NotebookError) -> Value {
        guard declaredInputs.contains(key.declaration), let bundle = inputBundles[key.producer] else {
            throw NotebookError("\(cellID): reads \(key.declaration), which it does not declare as an input")
        }
        return try bundle.get(key.artifact)
    }

    /// A stored per-item result, unless this run is forced.
    package func cachedItem(_ key: Digest) -> Data? {
        forced ? nil : store.read(key)
    }

    /// Marks this run's result as not to be stored: some item failed for a reason of the moment (a full
    /// disk, an I/O error, a file that vanished), so the same key must run again next time rather than
    /// give this result back. The result is still this build's; the cells that read it are not stored
    /// either, and `serreport status` shows the reason.
    package func keepOutOfCache(because reason: String) {
        passingFailures.record(reason)
    }

    /// Stores a per-item result as soon as it is computed, so an interrupted build keeps it; `false`
    /// when it cannot be stored, so the item is not cached (the store remembers why, for the build
    /// to say once) but is as good for this build.
    @discardableResult
    package func storeItem(_ payload: Data, for key: Digest) -> Bool {
        store.write(payload, for: key)
    }
}

/// The first reason a cell's run gave for keeping its result out of the cache.
final class PassingFailures: Sendable {
    private let first = Mutex<String?>(nil)

    func record(_ reason: String) {
        first.withLock { if $0 == nil { $0 = reason } }
    }

    var reason: String? { first.withLock { $0 } }
}
