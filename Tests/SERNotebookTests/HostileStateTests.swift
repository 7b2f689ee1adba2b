import Foundation
import SERNotebook
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `.serreport/state/file-digests.json` decides which clip's cached results a file gets, so it is not
/// trusted blindly: an edited or damaged copy is discarded and the files are hashed again, and a
/// file rewritten behind a restored modification time is noticed by its change time.
@Suite("Hostile: remembered file digests and results kept out of the cache")
struct HostileStateTests {
    /// Two files of the same size and different bytes, hashed and remembered.
    struct TwoFiles {
        let folder: ScratchFolder
        let state: URL
        let a: String
        let b: String

        init() throws {
            folder = try ScratchFolder()
            state = folder.url.appendingPathComponent("state/file-digests.json")
            a = folder.url.appendingPathComponent("a.wav").path
            b = folder.url.appendingPathComponent("b.wav").path
            try Data(repeating: 0x61, count: 4096).write(to: URL(fileURLWithPath: a))
            try Data(repeating: 0x62, count: 4096).write(to: URL(fileURLWithPath: b))
        }

        var truth: (a: Digest, b: Digest) {
            get throws {
                (
                    Digest.of(try Data(contentsOf: URL(fileURLWithPath: a))),
                    Digest.of(try Data(contentsOf: URL(fileURLWithPath: b)))
                )
            }
        }
    }

    @Test("a digests file edited by hand (two digests swapped) is discarded, not trusted")
    func swappedDigests() throws {
        let files = try TwoFiles()
        let digests = FileDigests(file: files.state)
        let truth = try files.truth
        #expect(try digests.digest(ofFileAt: files.a) == truth.a)
        #expect(try digests.digest(ofFileAt: files.b) == truth.b)
        digests.save()
        // The edit a person or a script makes: the JSON, digests swapped, written back as plain JSON.
        let stored = try Data(contentsOf: files.state)
        let payload = ArtifactStore.unsealed(stored) ?? stored
        var entries = try #require(try JSONSerialization.jsonObject(with: payload) as? [String: [String: Any]])
        let digestA = entries[files.a]?["digest"]
        let digestB = entries[files.b]?["digest"]
        entries[files.a]?["digest"] = digestB
        entries[files.b]?["digest"] = digestA
        let edited = try JSONSerialization.data(withJSONObject: entries)
        try edited.write(to: files.state)
        let reread = FileDigests(file: files.state)
        #expect(try reread.digest(ofFileAt: files.a) == truth.a)
        #expect(try reread.digest(ofFileAt: files.b) == truth.b)
        // The same edit inside a sealed file fails the seal's digest.
        var sealed = ArtifactStore.sealed(edited)
        sealed[sealed.count - 3] ^= 0x01
        try sealed.write(to: files.state)
        let damaged = FileDigests(file: files.state)
        #expect(try damaged.digest(ofFileAt: files.a) == truth.a)
        #expect(try damaged.digest(ofFileAt: files.b) == truth.b)
    }

    @Test("a file rewritten in place with its size and modification time restored is hashed again")
    func restoredModificationTime() throws {
        let files = try TwoFiles()
        let digests = FileDigests(file: files.state)
        let truth = try files.truth
        #expect(try digests.digest(ofFileAt: files.a) == truth.a)
        var before = stat()
        #expect(stat(files.a, &before) == 0)
        // File times move in clock ticks of a few milliseconds: let the change time move on.
        Thread.sleep(forTimeInterval: 0.05)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: files.a))
        try handle.write(contentsOf: try Data(contentsOf: URL(fileURLWithPath: files.b)))
        try handle.close()
        var times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, files.a, &times, 0) == 0)
        var after = stat()
        #expect(stat(files.a, &after) == 0)
        #expect(after.st_size == before.st_size && after.st_ino == before.st_ino)
        #expect(after.st_mtim.tv_sec == before.st_mtim.tv_sec && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)
        #expect(try digests.digest(ofFileAt: files.a) == truth.b)
    }

    @Test("a named pipe is refused at once, not read", .timeLimit(.minutes(1)))
    func namedPipe() throws {
        let folder = try ScratchFolder()
        let pipe = folder.url.appendingPathComponent("pipe.wav").path
        #expect(mkfifo(pipe, 0o644) == 0)
        let digests = FileDigests(file: folder.url.appendingPathComponent("digests"))
        #expect(throws: NotebookError("is a named pipe (FIFO), not an audio file")) {
            try digests.digest(ofFileAt: pipe)
        }
    }

    @Test(
        "a named pipe where the digests file, a record or a cache entry belongs reads as missing",
        .timeLimit(.minutes(1)))
    func pipesInTheState() throws {
        let notebook = try TestNotebook()
        let cells = notebook.chain()
        let keys = try Plan(cells).keys()
        let folder = notebook.folder.url
        let key = try #require(keys["a"])
        let entry = folder.appendingPathComponent("cache/\(key.hex.prefix(2))/\(key.hex.dropFirst(2))")
        let pipes = [
            folder.appendingPathComponent("state/file-digests.json"), folder.appendingPathComponent("state/b.json"),
            entry,
        ]
        for pipe in pipes {
            try FileManager.default.createDirectory(
                at: pipe.deletingLastPathComponent(), withIntermediateDirectories: true)
            #expect(mkfifo(pipe.path, 0o644) == 0)
        }
        // Without the check each read waits for a writer: these come after 20 s, so the test ends.
        let paths = pipes.map(\.path)
        let unblock = Thread {
            Thread.sleep(forTimeInterval: 20)
            for path in paths {
                let writer = open(path, O_WRONLY | O_NONBLOCK)
                if writer >= 0 { close(writer) }
            }
        }
        unblock.start()
        let start = Date()
        let file = folder.appendingPathComponent("a.wav")
        try Data("abc".utf8).write(to: file)
        #expect(try FileDigests(file: pipes[0]).digest(ofFileAt: file.path) == Digest.of(Data("abc".utf8)))
        #expect(notebook.store.read(key) == nil)
        #expect(try notebook.runner(cells).status()[1].reasons == ["never built"])
        #expect(try notebook.runner(cells).run().map(\.state) == [.ran, .ran, .ran, .ran])
        #expect(Date().timeIntervalSince(start) < 15)
    }

    @Test("a cell that met a failure of the moment is not stored, nor the cells after it; status says why")
    func passingFailureIsNotStored() throws {
        let notebook = try TestNotebook()
        var cells = notebook.chain()
        var b = try #require(cells[1] as? SumCell)
        b.passingFailure = "clip.wav could not be read (No space left on device)"
        cells[1] = b
        let first = try notebook.runner(cells).run()
        #expect(first.map(\.state) == [.ran, .ran, .ran, .ran])
        #expect(
            first.map(\.notStored) == [
                nil, "clip.wav could not be read (No space left on device)",
                "b was not kept (clip.wav could not be read (No space left on device))",
                "c was not kept (b was not kept (clip.wav could not be read (No space left on device)))",
            ])
        #expect(first.sum("d") == 1 + 1 + 10 + 100 + 1000)
        let status = try notebook.runner(cells).status()
        #expect(status.map(\.fresh) == [true, false, false, false])
        #expect(
            status[1].reasons == ["its last result was not kept: clip.wav could not be read (No space left on device)"])
        let second = try notebook.runner(notebook.chain()).run()
        #expect(second.map(\.state) == [.cached, .ran, .ran, .ran])
        #expect(second.allSatisfy { $0.notStored == nil })
        #expect(try notebook.runner(notebook.chain()).run().map(\.state) == [.cached, .cached, .cached, .cached])
    }

    @Test(
        "a cache entry swapped with another (each whole and well sealed) reads as missing and is removed, never trusted"
    )
    func swappedEntries() throws {
        let folder = try ScratchFolder()
        let store = ArtifactStore(folder: folder.url)
        let (a, b) = (Digest.of(Data("clip a".utf8)), Digest.of(Data("clip b".utf8)))
        #expect(store.write(Data("features of a".utf8), for: a))
        #expect(store.write(Data("features of b".utf8), for: b))
        #expect(store.read(a) == Data("features of a".utf8))
        func file(_ key: Digest) -> URL {
            folder.url.appendingPathComponent(String(key.hex.prefix(2))).appendingPathComponent(
                String(key.hex.dropFirst(2)))
        }
        let entryA = try Data(contentsOf: file(a))
        try Data(contentsOf: file(b)).write(to: file(a))
        try entryA.write(to: file(b))
        #expect(store.read(a) == nil)
        #expect(store.read(b) == nil)
        #expect(!store.contains(a) && !store.contains(b), "both removed, so the work is done again")
    }
}
