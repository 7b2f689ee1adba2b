import Foundation
import SERNotebook
import Synchronization

/// A folder under the temporary directory, removed when the value goes.
final class ScratchFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("serreport-notebook-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// How often each test cell ran.
final class RunCounter: Sendable {
    private let counts = Mutex<[String: Int]>([:])

    func record(_ id: String) { counts.withLock { $0[id, default: 0] += 1 } }
    func count(_ id: String) -> Int { counts.withLock { $0[id] ?? 0 } }
}

/// A cell for runner tests: its result is its parameter plus its inputs' results, so a wrong input or
/// a stale cache shows in the value. `items` are per-item work cached by name.
struct SumCell: Cell {
    let id: String
    /// The cells whose sums this one reads.
    var reads: [String] = []
    var value = 1
    var label = "x"
    var version = 1
    var sources = SourceSet()
    var items: [String] = []
    var fails = false
    /// A failure of the moment to report (``CellContext/keepOutOfCache(because:)``), if any.
    var passingFailure: String?
    /// An input declared besides the sums read (a wrong type or name, for the plan's checks).
    var extraInput: ArtifactDeclaration?
    /// Declares its sum without making it.
    var forgetsOutput = false
    let counter: RunCounter

    /// A cell's one output: the sum, a whole number.
    static func sum(of id: String) -> ArtifactKey<Int> { ArtifactKey("sum", of: id) }

    var summary: String { "test cell \(id)" }
    var inputs: [ArtifactDeclaration] { reads.map { Self.sum(of: $0).declaration } + (extraInput.map { [$0] } ?? []) }
    var outputs: [ArtifactDeclaration] { [Self.sum(of: id).declaration] }
    var parameters: ParameterList { ParameterList(values: ["value": "\(value)", "label": "\"\(label)\""]) }

    func run(_ context: CellContext) throws -> ArtifactBundle {
        counter.record(id)
        if fails { throw NotebookError("\(id) broke on purpose") }
        if let passingFailure { context.keepOutOfCache(because: passingFailure) }
        var total = value
        for input in reads { total += try context.read(Self.sum(of: input)) }
        context.progress.expect(items.count, "items")
        for item in items {
            var builder = KeyBuilder("test-item")
            builder.add("name", item)
            let key = builder.finish()
            if context.cachedItem(key) != nil {
                context.progress.advance(cached: true)
            } else {
                counter.record("\(id)/\(item)")
                context.storeItem(Data(item.utf8), for: key)
                context.progress.advance()
            }
        }
        return ArtifactBundle(
            files: ["\(id).txt": Data("\(total)\n".utf8)], data: forgetsOutput ? [:] : ["sum": Data("\(total)".utf8)])
    }
}

/// A store, a record book and a runner over some cells, in a scratch folder.
struct TestNotebook {
    let folder: ScratchFolder
    let counter = RunCounter()

    init() throws { folder = try ScratchFolder() }

    var store: ArtifactStore { ArtifactStore(folder: folder.url.appendingPathComponent("cache")) }

    func runner(_ cells: [any Cell], jobs: Int = 2) throws -> NotebookRunner {
        NotebookRunner(
            plan: try Plan(cells), store: store,
            records: RecordBook(folder: folder.url.appendingPathComponent("state")),
            jobs: jobs, display: ProgressDisplay(mode: .quiet, write: { _ in }))
    }

    /// a → b → c, and d reading a and c.
    func chain(a: Int = 1, b: Int = 10, items: [String] = [], fails: String? = nil) -> [any Cell] {
        [
            SumCell(id: "a", value: a, counter: counter),
            SumCell(id: "b", reads: ["a"], value: b, items: items, fails: fails == "b", counter: counter),
            SumCell(id: "c", reads: ["b"], value: 100, counter: counter),
            SumCell(id: "d", reads: ["a", "c"], value: 1000, counter: counter),
        ]
    }
}

extension Array where Element == CellOutcome {
    func state(_ id: String) -> CellState? { first { $0.id == id }?.state }
    func sum(_ id: String) -> Int? {
        first { $0.id == id }?.bundle.flatMap { $0.data["sum"] }.flatMap { Int(String(decoding: $0, as: UTF8.self)) }
    }
}
