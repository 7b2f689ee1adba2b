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
    struct Parameters: Encodable, Sendable {
        var value: Int
        var label: String
    }

    let id: String
    var inputs: [String] = []
    var value = 1
    var label = "x"
    var version = 1
    var sources = SourceSet()
    var items: [String] = []
    var fails = false
    let counter: RunCounter

    var summary: String { "test cell \(id)" }
    var parameters: Parameters { Parameters(value: value, label: label) }

    func run(_ context: CellContext) throws -> ArtifactBundle {
        counter.record(id)
        if fails { throw NotebookError("\(id) broke on purpose") }
        var total = value
        for input in inputs { total += Int(String(decoding: try context.input(input).data["sum"]!, as: UTF8.self))! }
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
        return ArtifactBundle(files: ["\(id).txt": Data("\(total)\n".utf8)], data: ["sum": Data("\(total)".utf8)])
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
            SumCell(id: "b", inputs: ["a"], value: b, items: items, fails: fails == "b", counter: counter),
            SumCell(id: "c", inputs: ["b"], value: 100, counter: counter),
            SumCell(id: "d", inputs: ["a", "c"], value: 1000, counter: counter),
        ]
    }
}

extension Array where Element == CellOutcome {
    func state(_ id: String) -> CellState? { first { $0.id == id }?.state }
    func sum(_ id: String) -> Int? {
        first { $0.id == id }?.bundle.flatMap { $0.data["sum"] }.flatMap { Int(String(decoding: $0, as: UTF8.self)) }
    }
}
