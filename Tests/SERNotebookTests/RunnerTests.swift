import Foundation
import SERNotebook
import Testing

@Suite("Plan: cells ordered by their inputs, checked before anything runs")
struct PlanTests {
    @Test("cells are ordered after the cells they read, keeping the given order otherwise")
    func order() throws {
        let counter = RunCounter()
        let plan = try Plan([
            SumCell(id: "late", reads: ["early"], counter: counter), SumCell(id: "other", counter: counter),
            SumCell(id: "early", counter: counter),
        ])
        #expect(plan.ids == ["other", "early", "late"])
        #expect(plan.downstream(of: "early") == ["early", "late"])
    }

    @Test("an input no cell makes, a cycle and a duplicate id are errors at plan time")
    func errors() {
        let counter = RunCounter()
        #expect(throws: NotebookError("cell b reads missing's sum (Swift.Int), but no cell is called missing")) {
            try Plan([SumCell(id: "a", counter: counter), SumCell(id: "b", reads: ["missing"], counter: counter)])
        }
        #expect(throws: NotebookError("cells a, b read each other in a cycle")) {
            try Plan([
                SumCell(id: "a", reads: ["b"], counter: counter), SumCell(id: "b", reads: ["a"], counter: counter),
            ])
        }
        #expect(throws: NotebookError("two cells are called a")) {
            try Plan([SumCell(id: "a", counter: counter), SumCell(id: "a", counter: counter)])
        }
    }

    @Test("a typed input whose producer makes it as another type, or does not make it, fails the plan")
    func typedInputs() {
        let counter = RunCounter()
        let asText = ArtifactKey<String>("sum", of: "a").declaration
        #expect(throws: NotebookError("cell b reads a's sum as Swift.String, but a makes it as Swift.Int")) {
            try Plan([SumCell(id: "a", counter: counter), SumCell(id: "b", extraInput: asText, counter: counter)])
        }
        let unknown = ArtifactKey<Int>("total", of: "a").declaration
        #expect(throws: NotebookError("cell b reads a's total (Swift.Int), which a does not make")) {
            try Plan([SumCell(id: "a", counter: counter), SumCell(id: "b", extraInput: unknown, counter: counter)])
        }
        #expect(throws: Never.self) {
            try Plan([SumCell(id: "a", counter: counter), SumCell(id: "b", reads: ["a"], counter: counter)])
        }
    }

    @Test("a cell's key changes with its parameters, version, sources and inputs; upstream keys do not")
    func keys() throws {
        let counter = RunCounter()
        func keys(b: SumCell) throws -> [String: Digest] {
            try Plan([SumCell(id: "a", counter: counter), b, SumCell(id: "c", reads: ["b"], counter: counter)]).keys()
        }
        let base = try keys(b: SumCell(id: "b", reads: ["a"], counter: counter))
        for changed in [
            SumCell(id: "b", reads: ["a"], value: 2, counter: counter),
            SumCell(id: "b", reads: ["a"], version: 2, counter: counter),
            SumCell(
                id: "b", reads: ["a"], sources: SourceSet(digests: ["f": Digest.of(Data("x".utf8))]), counter: counter),
        ] {
            let new = try keys(b: changed)
            #expect(new["a"] == base["a"])
            #expect(new["b"] != base["b"])
            #expect(new["c"] != base["c"], "a reader's key follows its input's")
        }
        #expect(try keys(b: SumCell(id: "b", reads: ["a"], counter: counter)) == base, "keys are stable")
        let salted = try Plan([SumCell(id: "a", counter: counter)], salt: "v2").keys()
        #expect(salted["a"] != base["a"])
    }
}

@Suite("Runner: cached results, forced cells, failures, status")
struct RunnerTests {
    @Test("a second run takes every cell from the cache with the same results")
    func cached() throws {
        let notebook = try TestNotebook()
        let first = try notebook.runner(notebook.chain()).run()
        #expect(first.map(\.state) == [.ran, .ran, .ran, .ran])
        #expect(first.sum("d") == 1000 + 1 + 111)
        let second = try notebook.runner(notebook.chain()).run()
        #expect(second.map(\.state) == [.cached, .cached, .cached, .cached])
        #expect(second.map { $0.bundle } == first.map { $0.bundle })
        #expect(notebook.counter.count("a") == 1 && notebook.counter.count("d") == 1)
    }

    @Test("changing one cell's parameter runs it and the cells after it, not the ones before")
    func changedParameter() throws {
        let notebook = try TestNotebook()
        _ = try notebook.runner(notebook.chain()).run()
        let outcomes = try notebook.runner(notebook.chain(b: 20)).run()
        #expect(outcomes.map(\.state) == [.cached, .ran, .ran, .ran])
        #expect(outcomes.sum("c") == 121)
        #expect(notebook.counter.count("a") == 1)
    }

    @Test("forcing a cell runs it and its readers again, and per-item results are computed anew")
    func forced() throws {
        let notebook = try TestNotebook()
        _ = try notebook.runner(notebook.chain(items: ["x", "y"])).run()
        let plan = try Plan(notebook.chain(items: ["x", "y"]))
        let outcomes = try notebook.runner(notebook.chain(items: ["x", "y"])).run(forcing: plan.downstream(of: "b"))
        #expect(outcomes.map(\.state) == [.cached, .ran, .ran, .ran])
        #expect(notebook.counter.count("b/x") == 2)
    }

    @Test("per-item results are kept: a new item is the only one computed")
    func items() throws {
        let notebook = try TestNotebook()
        _ = try notebook.runner(notebook.chain(items: ["x", "y"])).run()
        let outcomes = try notebook.runner(notebook.chain(b: 11, items: ["x", "y", "z"])).run()
        let count = try #require(outcomes.first { $0.id == "b" }?.items)
        #expect(count.total == 3 && count.cached == 2)
        #expect(notebook.counter.count("b/x") == 1 && notebook.counter.count("b/z") == 1)
    }

    @Test("a failing cell is recorded with its error; cells reading it do not run; cells before it keep their results")
    func failure() throws {
        let notebook = try TestNotebook()
        let outcomes = try notebook.runner(notebook.chain(fails: "b")).run()
        #expect(outcomes.map(\.state) == [.ran, .failed, .notRun, .notRun])
        #expect(outcomes.first { $0.id == "b" }?.error == "b broke on purpose")
        #expect(outcomes.sum("a") == 1)
        #expect(notebook.counter.count("c") == 0)
        let fixed = try notebook.runner(notebook.chain()).run()
        #expect(fixed.map(\.state) == [.cached, .ran, .ran, .ran])
    }

    @Test("a cell whose result lacks an output it declares fails, and is not stored")
    func missingOutput() throws {
        let notebook = try TestNotebook()
        let cells: [any Cell] = [
            SumCell(id: "a", forgetsOutput: true, counter: notebook.counter),
            SumCell(id: "b", reads: ["a"], counter: notebook.counter),
        ]
        let outcomes = try notebook.runner(cells).run()
        #expect(outcomes.map(\.state) == [.failed, .notRun])
        #expect(outcomes[0].error == "a did not make a's sum (Swift.Int), which it declares")
        #expect(try notebook.runner(cells).run().map(\.state) == [.failed, .notRun])
    }

    @Test("a damaged stored result is recomputed, never trusted")
    func damaged() throws {
        let notebook = try TestNotebook()
        let first = try notebook.runner(notebook.chain()).run()
        let key = try #require(first.first { $0.id == "c" }?.key)
        let entry = notebook.folder.url.appendingPathComponent("cache/\(key.hex.prefix(2))/\(key.hex.dropFirst(2))")
        var bytes = try Data(contentsOf: entry)
        bytes[bytes.count - 2] ^= 0xFF
        try bytes.write(to: entry)
        #expect(notebook.store.read(key) == nil)
        #expect(!FileManager.default.fileExists(atPath: entry.path), "a damaged entry is removed")
        let second = try notebook.runner(notebook.chain()).run()
        #expect(second.state("c") == .ran)
        #expect(second.sum("c") == first.sum("c"))
        #expect(try notebook.runner(notebook.chain()).run().state("c") == .cached, "stored again by the second run")
        try Data("truncated".utf8).write(to: entry)
        #expect(try notebook.runner(notebook.chain()).run().state("c") == .ran, "a truncated entry is recomputed too")
    }

    @Test("a result that cannot be stored fails no cell and is used; the next run computes it and its items again")
    func unwritableCache() throws {
        let notebook = try TestNotebook()
        // The store's folder as a regular file: every write fails with ENOTDIR, as root too.
        try Data().write(to: notebook.folder.url.appendingPathComponent("cache"))
        let runner = try notebook.runner(notebook.chain(items: ["x", "y"]))
        let first = runner.run()
        #expect(first.map(\.state) == [.ran, .ran, .ran, .ran])
        #expect(first.sum("d") == 1000 + 1 + 111)
        #expect(runner.store.writeFailure == "Not a directory")
        let second = try notebook.runner(notebook.chain(items: ["x", "y"])).run()
        #expect(second.map(\.state) == [.ran, .ran, .ran, .ran])
        #expect(second.first { $0.id == "b" }?.items?.cached == 0)
        #expect(notebook.counter.count("b/x") == 2 && notebook.counter.count("b/y") == 2)
    }

    @Test("status says which setting changed, what was added, which input is stale, and what was never built")
    func status() throws {
        let notebook = try TestNotebook()
        let never = try notebook.runner(notebook.chain()).status()
        #expect(never.map(\.reasons) == Array(repeating: ["never built"], count: 4))
        _ = try notebook.runner(notebook.chain()).run()
        #expect(try notebook.runner(notebook.chain()).status().allSatisfy(\.fresh))
        let changed = try notebook.runner(notebook.chain(b: 20)).status()
        #expect(changed.map(\.fresh) == [true, false, false, false])
        #expect(changed[1].reasons == ["value 10 → 20"])
        #expect(changed[2].reasons == ["b is stale"])
        #expect(changed[3].reasons == ["c is stale"])

        var cells = notebook.chain()
        cells[0] = SumCell(
            id: "a", label: "y", sources: SourceSet(noun: "clips", digests: ["one.wav": Digest.of(Data([1]))]),
            counter: notebook.counter)
        let added = try notebook.runner(cells).status()
        #expect(added[0].reasons == ["label x → y", "1 clip added"])
    }

    @Test("results do not depend on the number of workers")
    func workers() throws {
        let one = try TestNotebook()
        let two = try TestNotebook()
        let a = try one.runner(one.chain(items: ["p", "q", "r"]), jobs: 1).run()
        let b = try two.runner(two.chain(items: ["p", "q", "r"]), jobs: 4).run()
        #expect(a.map(\.key) == b.map(\.key))
        #expect(a.map(\.bundle) == b.map(\.bundle))
    }
}

@Suite("Store, bundles and parameter lists")
struct StoreTests {
    @Test(
        "an entry reads back as written; a missing one is nil; concurrent writers of one entry never leave a torn file")
    func store() async throws {
        let folder = try ScratchFolder()
        let store = ArtifactStore(folder: folder.url)
        let key = Digest.of(Data("key".utf8))
        #expect(store.read(key) == nil)
        let payload = Data((0..<200_000).map { UInt8($0 % 251) })
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 { group.addTask { #expect(store.write(payload, for: key)) } }
            for _ in 0..<8 { group.addTask { if let read = store.read(key) { #expect(read == payload) } } }
            try await group.waitForAll()
        }
        #expect(store.read(key) == payload)
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: folder.url.path).filter {
            $0.hasSuffix(".tmp")
        }
        #expect(leftovers.isEmpty)
        #expect(store.writeFailure == nil)
    }

    @Test("a store that cannot write keeps nothing, throws at no one, and remembers the first reason")
    func unwritable() throws {
        let folder = try ScratchFolder()
        let file = folder.url.appendingPathComponent("file")
        try Data("not a folder".utf8).write(to: file)
        // A folder under a regular file: every write fails with ENOTDIR, as root too.
        let store = ArtifactStore(folder: file.appendingPathComponent("cache"))
        let key = Digest.of(Data("key".utf8))
        #expect(!store.write(Data("payload".utf8), for: key))
        #expect(store.writeFailure == "Not a directory")
        #expect(store.read(key) == nil && !store.contains(key))
        #expect(!store.write(Data("more".utf8), for: Digest.of(Data("other".utf8))))
        #expect(store.writeFailure == "Not a directory")
        #expect(throws: NotebookError("\(file.path)/x.json: cannot write (Not a directory)")) {
            try ArtifactStore.writeAtomically(Data(), to: file.appendingPathComponent("x.json"))
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
        #expect(leftovers == ["file"], "a failed write leaves no temporary file")
    }

    @Test("a bundle round-trips; other bytes are not a bundle")
    func bundle() throws {
        var bundle = ArtifactBundle(files: ["figures/a.png": Data([1, 2, 3]), "b.csv": Data()])
        try bundle.encode(["x": Double.nan, "y": 1.5], as: "values.json")
        let decoded = try #require(ArtifactBundle(encoded: bundle.encoded()))
        #expect(decoded == bundle)
        #expect(try decoded.decode([String: Double].self, "values.json")["y"] == 1.5)
        #expect(try decoded.decode([String: Double].self, "values.json")["x"]?.isNaN == true)
        #expect(ArtifactBundle(encoded: Data("not a bundle".utf8)) == nil)
        #expect(ArtifactBundle(encoded: bundle.encoded().dropLast()) == nil)
    }

    @Test("parameters flatten to dotted keys; changes read old → new with strings unquoted")
    func parameters() {
        struct Settings: Encodable {
            struct Trim: Encodable {
                var enabled: Bool
                var topDB: Double
                enum CodingKeys: String, CodingKey {
                    case enabled
                    case topDB = "top_db"
                }
            }
            var trim: Trim
            var name: String
            var list: [Int]
        }
        let old = ParameterList(Settings(trim: .init(enabled: true, topDB: 60), name: "a", list: [1, 2]))
        #expect(old.values == ["trim.enabled": "true", "trim.top_db": "60", "name": "\"a\"", "list": "[1,2]"])
        let new = ParameterList(Settings(trim: .init(enabled: false, topDB: 60.5), name: "b", list: [1, 2]))
        #expect(new.changes(since: old) == ["name a → b", "trim.enabled true → false", "trim.top_db 60 → 60.5"])
    }

    @Test("file digests are remembered by stamp and recomputed when the file changes")
    func fileDigests() throws {
        let folder = try ScratchFolder()
        let file = folder.url.appendingPathComponent("clip.wav")
        try Data("one".utf8).write(to: file)
        let digests = FileDigests(file: folder.url.appendingPathComponent("digests.json"))
        #expect(try digests.digest(ofFileAt: file.path) == Digest.of(Data("one".utf8)))
        digests.save()
        try Data("two!".utf8).write(to: file)
        let reread = FileDigests(file: folder.url.appendingPathComponent("digests.json"))
        #expect(try reread.digest(ofFileAt: file.path) == Digest.of(Data("two!".utf8)))
        #expect(throws: NotebookError.self) {
            try reread.digest(ofFileAt: folder.url.appendingPathComponent("none").path)
        }
    }
}
