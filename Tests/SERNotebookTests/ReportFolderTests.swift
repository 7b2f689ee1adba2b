import Foundation
import SERNotebook
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A scratch working folder with a report folder `out` in it, and what is on disk, file by file.
final class FolderScene {
    let project: URL
    let out: URL

    init() throws {
        project = FileManager.default.temporaryDirectory.appendingPathComponent("serreport-folder-\(UUID())")
        out = project.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: project) }

    var cache: URL { project.appendingPathComponent(".serreport") }

    func folder(_ shown: String = "out", inputs: [ReportFolder.Input] = []) throws -> ReportFolder {
        try ReportFolder(shown, project: project, cache: cache, inputs: inputs)
    }

    func write(_ text: String, _ relative: String) throws {
        let url = out.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func text(_ relative: String) -> String? {
        (try? Data(contentsOf: out.appendingPathComponent(relative))).map { String(decoding: $0, as: UTF8.self) }
    }

    func inode(_ relative: String) -> UInt64? {
        var info = stat()
        return lstat(out.appendingPathComponent(relative).path, &info) == 0 ? UInt64(info.st_ino) : nil
    }

    /// Every regular file under `out` (relative path → text), symbolic links as `-> target`.
    func snapshot() -> [String: String] {
        var files: [String: String] = [:]
        guard let walk = FileManager.default.enumerator(atPath: out.path) else { return files }
        while let relative = walk.nextObject() as? String {
            let path = out.appendingPathComponent(relative).path
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
                files[relative] = "-> " + target
            } else if let data = FileManager.default.contents(atPath: path) {
                files[relative] = String(decoding: data, as: UTF8.self)
            }
        }
        return files
    }

    /// Names beside `out` that a build uses for its temporary folders.
    func leftovers() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: project.path).filter { $0.hasPrefix(".out.serreport-") }
    }

    func record() -> [String] {
        (text(".serreport-files") ?? "").split(separator: "\n").dropFirst().map(String.init)
    }
}

@Suite("Hostile: report folder, file by file")
struct ReportFolderTests {
    static let report: [String: Data] = [
        "index.html": Data("page".utf8), "metrics.json": Data("{}".utf8), "models/svm.model": Data("svm".utf8),
        "models/rf.json": Data("rf".utf8), "figures/load-durations.png": Data("png".utf8),
    ]

    @Test(
        "a user's files, folders, links and FIFOs in the folder are kept, as the same files; only serreport's are recorded"
    )
    func keepsUserFiles() throws {
        let scene = try FolderScene()
        try scene.write("mine", "models/my.pt")
        try scene.write("mine", "figures/mine.png")
        try scene.write("notes", "notes/deep/todo.txt")
        try FileManager.default.createSymbolicLink(
            atPath: scene.out.appendingPathComponent("link").path, withDestinationPath: "/nowhere")
        #expect(mkfifo(scene.out.appendingPathComponent("pipe").path, 0o644) == 0)
        let inode = scene.inode("models/my.pt")
        try scene.folder().publish(Self.report)
        #expect(scene.text("models/my.pt") == "mine" && scene.inode("models/my.pt") == inode)
        #expect(scene.text("figures/mine.png") == "mine" && scene.text("notes/deep/todo.txt") == "notes")
        #expect(scene.snapshot()["link"] == "-> /nowhere")
        #expect(FileManager.default.fileExists(atPath: scene.out.appendingPathComponent("pipe").path))
        #expect(scene.text("models/svm.model") == "svm")
        #expect(scene.record() == Self.report.keys.sorted())
        #expect(try scene.leftovers().isEmpty)

        var fewer = Self.report
        fewer["models/svm.model"] = nil
        let unchanged = scene.inode("models/rf.json")
        try scene.folder().publish(fewer)
        #expect(scene.text("models/svm.model") == nil, "a file serreport wrote and no longer makes is removed")
        #expect(scene.inode("models/rf.json") == unchanged, "an unchanged file is kept as it was")
        #expect(scene.text("models/my.pt") == "mine" && scene.text("notes/deep/todo.txt") == "notes")
        #expect(try scene.leftovers().isEmpty)
    }

    @Test("a file or link of the user's where serreport writes stops the publish; nothing changes")
    func collisions() throws {
        for (relative, make) in [
            ("metrics.json", { (scene: FolderScene) in try scene.write("my metrics", "metrics.json") }),
            (
                "figures",
                { (scene: FolderScene) in
                    try FileManager.default.createSymbolicLink(
                        atPath: scene.out.appendingPathComponent("figures").path, withDestinationPath: "/tmp")
                }
            ),
            ("models", { (scene: FolderScene) in try scene.write("a file", "models") }),
        ] as [(String, (FolderScene) throws -> Void)] {
            let scene = try FolderScene()
            try scene.folder().publish(["index.html": Data("old".utf8)])
            try make(scene)
            let before = scene.snapshot()
            #expect {
                try scene.folder().publish(Self.report)
            } throws: { error in
                "\(error)" == "out/\(relative): exists and serreport did not write it (it is not in "
                    + "out/.serreport-files); move it away or choose another folder"
            }
            #expect(scene.snapshot() == before, "\(relative)")
            #expect(try scene.leftovers().isEmpty)
        }
    }

    @Test("a failure while the new report is made (the PDF) leaves the old report whole and nothing beside it")
    func failureLeavesOldReport() throws {
        let scene = try FolderScene()
        try scene.folder().publish(Self.report)
        try scene.write("mine", "mine.txt")
        let before = scene.snapshot()
        var changed = Self.report
        changed["index.html"] = Data("new page".utf8)
        #expect(throws: NotebookError("out/report.pdf: cannot write (No space left on device)")) {
            try scene.folder().publish(
                changed,
                finishing: { _ throws(NotebookError) in
                    throw NotebookError("out/report.pdf: cannot write (No space left on device)")
                })
        }
        #expect(scene.snapshot() == before)
        #expect(try scene.leftovers().isEmpty)
    }

    /// A leftover folder as an interrupted build leaves it, with `files` and a record of `build`.
    func leftover(_ scene: FolderScene, _ kind: String, token: String, files: [String: String], record: Bool) throws
        -> URL
    {
        let folder = scene.project.appendingPathComponent(".out.serreport-\(kind)-\(token)")
        for (relative, text) in files {
            let url = folder.appendingPathComponent(relative)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        if record {
            let lines = ["# serreport wrote these files (build \(token)); any other file here is yours and is kept"]
            try Data((lines + files.keys.sorted()).map { $0 + "\n" }.joined().utf8)
                .write(to: folder.appendingPathComponent(".serreport-files"))
        }
        return folder
    }

    @Test("killed while writing the new report: the half-written one beside the folder is removed by the next publish")
    func killedWhileStaging() throws {
        let scene = try FolderScene()
        try scene.folder().publish(Self.report)
        let staging = try leftover(
            scene, "new", token: "77-00000000000000aa", files: ["index.html": "half", "figures/x.png": "half"],
            record: false)
        #expect(FileManager.default.fileExists(atPath: staging.path))
        try scene.folder().publish(Self.report)
        #expect(try scene.leftovers().isEmpty)
        #expect(scene.text("index.html") == "page")
    }

    @Test(
        "killed just after the swap: the old report beside the folder is taken apart, a file added meanwhile moved in")
    func killedAfterSwap() throws {
        let scene = try FolderScene()
        try scene.folder().publish(Self.report)
        let token = try #require(scene.text(".serreport-files")?.split(separator: "(build ").last?.prefix { $0 != ")" })
        _ = try leftover(
            scene, "new", token: String(token),
            files: ["index.html": "old page", "late.txt": "added during the build"],
            record: true)
        // The old report's record lists index.html only: late.txt is the user's.
        let old = scene.project.appendingPathComponent(".out.serreport-new-\(token)/.serreport-files")
        try Data("# serreport wrote these files (build 1-0000000000000001); x\nindex.html\n".utf8).write(to: old)
        try scene.folder().publish(Self.report)
        #expect(try scene.leftovers().isEmpty)
        #expect(scene.text("late.txt") == "added during the build")
        #expect(scene.text("index.html") == "page")
    }

    @Test(
        "killed while the old report is taken apart: the next publish finishes it, no old file moves into the new one")
    func killedDuringRetire() throws {
        let scene = try FolderScene()
        try scene.folder().publish(["index.html": Data("page".utf8)])
        _ = try leftover(
            scene, "old", token: "79-00000000000000dd", files: ["models/svm.model": "stale", "index.html": "old"],
            record: true)
        try scene.folder().publish(["index.html": Data("page".utf8)])
        #expect(scene.snapshot().keys.sorted() == [".serreport-files", "index.html"])
        #expect(try scene.leftovers().isEmpty)
    }

    @Test("killed between moving the old report aside and the new one in: the old one is put back")
    func killedMidFallbackSwap() throws {
        let scene = try FolderScene()
        _ = try leftover(
            scene, "old", token: "78-00000000000000bb", files: ["index.html": "old page", "mine.txt": "mine"],
            record: true)
        let old = scene.project.appendingPathComponent(".out.serreport-old-78-00000000000000bb/.serreport-files")
        try Data("# serreport wrote these files (build 78-00000000000000bb); x\nindex.html\n".utf8).write(to: old)
        try scene.folder().publish(["index.html": Data("new page".utf8)])
        #expect(scene.text("index.html") == "new page")
        #expect(scene.text("mine.txt") == "mine")
        #expect(try scene.leftovers().isEmpty)
    }

    @Test("names like a leftover's that are not (a file, another token shape) are left alone")
    func foreignLeftoverNames() throws {
        let scene = try FolderScene()
        let file = scene.project.appendingPathComponent(".out.serreport-new-1-00000000000000cc")
        try Data("a file".utf8).write(to: file)
        let odd = scene.project.appendingPathComponent(".out.serreport-new-mine")
        try FileManager.default.createDirectory(at: odd, withIntermediateDirectories: true)
        try scene.folder().publish(Self.report)
        #expect(FileManager.default.fileExists(atPath: file.path) && FileManager.default.fileExists(atPath: odd.path))
    }

    @Test("a record naming files outside the folder, or a FIFO as the record, never reaches them or hangs")
    func hostileRecord() throws {
        let scene = try FolderScene()
        try scene.folder().publish(Self.report)
        try Data("precious".utf8).write(to: scene.project.appendingPathComponent("precious.txt"))
        try scene.write("mine", "notes/mine.txt")
        try Data(
            "# serreport wrote these files (build 1-0000000000000001); x\n../precious.txt\nnotes/../../precious.txt\n/etc/hostname\nindex.html\n"
                .utf8
        ).write(to: scene.out.appendingPathComponent(".serreport-files"))
        try scene.folder().publish(["index.html": Data("new".utf8)])
        #expect(FileManager.default.fileExists(atPath: scene.project.appendingPathComponent("precious.txt").path))
        #expect(scene.text("notes/mine.txt") == "mine")

        try FileManager.default.removeItem(at: scene.out.appendingPathComponent(".serreport-files"))
        #expect(mkfifo(scene.out.appendingPathComponent(".serreport-files").path, 0o644) == 0)
        #expect(
            throws: NotebookError(
                "out/.serreport-files: is a named pipe (FIFO), not serreport's record of the files it wrote; move it away"
            )
        ) {
            try scene.folder().publish(Self.report)
        }
    }

    @Test("the folder may not be /, the working folder, the cache, an input or what holds one, a file, or under one")
    func refusedFolders() throws {
        let scene = try FolderScene()
        let corpus = scene.project.appendingPathComponent("data/corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: scene.project.appendingPathComponent("plain"))
        let inputs = [ReportFolder.Input(role: "the corpus (data/corpus)", path: corpus.path)]
        let refused: [(String, String)] = [
            ("/", "/: is the root folder; give the report a folder of its own"),
            (".", ".: is the working folder; give the report a folder of its own"),
            ("..", "..: holds the working folder; give the report a folder of its own"),
            (".serreport/r", ".serreport/r: is inside serreport's cache folder (.serreport/)"),
            ("data/corpus", "data/corpus: is the corpus (data/corpus); give the report a folder of its own"),
            ("data", "data: holds the corpus (data/corpus); give the report a folder of its own"),
            ("plain", "plain: exists and is a regular file, not a folder"),
            ("plain/r", "plain/r: cannot be a folder: \(scene.project.path)/plain is a file"),
        ]
        for (shown, message) in refused {
            #expect(throws: NotebookError(message)) { try scene.folder(shown, inputs: inputs) }
        }
        try FileManager.default.createSymbolicLink(
            atPath: scene.project.appendingPathComponent("dangling").path, withDestinationPath: "missing")
        #expect(throws: NotebookError("dangling: is a symbolic link to missing, which does not exist")) {
            try scene.folder("dangling")
        }
        let real = scene.project.appendingPathComponent("real")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: scene.out, withDestinationURL: real)
        try scene.folder().publish(Self.report)
        #expect(FileManager.default.fileExists(atPath: real.appendingPathComponent("index.html").path))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: scene.out.path) == real.path)
    }

    @Test("clean removes serreport's files only, and the folder when nothing else is in it")
    func clean() throws {
        let scene = try FolderScene()
        try scene.folder().publish(Self.report)
        try scene.write("mine", "models/my.pt")
        #expect(try scene.folder().clean() == (removed: 5, kept: 1))
        #expect(scene.snapshot() == ["models/my.pt": "mine"])
        try FileManager.default.removeItem(at: scene.out.appendingPathComponent("models/my.pt"))
        try scene.folder().publish(Self.report)
        #expect(try scene.folder().clean() == (removed: 5, kept: 0))
        #expect(!FileManager.default.fileExists(atPath: scene.out.path))
        try scene.write("mine", "mine.txt")
        #expect(try scene.folder().clean() == (removed: 0, kept: 0), "a folder serreport did not write is left alone")
        #expect(scene.text("mine.txt") == "mine")

        let real = scene.project.appendingPathComponent("real")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: scene.project.appendingPathComponent("linked"), withDestinationURL: real)
        try scene.folder("linked").publish(Self.report)
        #expect(try scene.folder("linked").clean() == (removed: 5, kept: 0))
        #expect(try FileManager.default.contentsOfDirectory(atPath: real.path).isEmpty, "a linked folder stays")
        try scene.folder("linked").publish(Self.report)
    }
}
