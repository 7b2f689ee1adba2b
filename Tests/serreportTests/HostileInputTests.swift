import Foundation
import SERAudio
import SERNotebook
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Hostile inputs through the built binary: the build finishes with each bad input listed on one
/// line naming it and the reason, or stops with one such line, and exit codes are as documented —
/// never a trap, a hang, a forged line or a silently different result.
@Suite("Hostile: inputs", .serialized)
struct HostileInputTests {
    /// Quick settings: one model, PNG figures, HTML only.
    static let quick = [
        "--set", "train.models=rf", "--set", "report.figure_formats=png", "--set", "report.formats=html", "--jobs", "2",
    ]

    static func build(_ data: String, in project: ScratchProject, _ extra: [String] = []) throws -> CommandRun {
        try CommandRun(["build", "--data", data, "--out", "report"] + quick + extra, in: project.url)
    }

    static func append(_ lines: [String], to manifest: String) throws {
        let text = try String(contentsOfFile: manifest, encoding: .utf8)
        try (text + lines.joined(separator: "\n") + "\n").write(toFile: manifest, atomically: true, encoding: .utf8)
    }

    static func featureRows(_ project: ScratchProject) throws -> [String] {
        try String(contentsOf: project.url.appendingPathComponent("report/features.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map(String.init)
    }

    @Test("a manifest listing a file twice, spelt four ways, builds: each repeat skipped naming both lines")
    func duplicateRows() throws {
        let corpus = try CorpusFixture(emotions: ["angry", "sad"], speakers: ["s1", "s2", "s3"], badFiles: false)
        try Self.append(
            [
                "s1_angry.wav,sad,s1,female", "./s1_angry.wav,angry,s1,female", "sub//../s1_sad.wav,sad,s1,female",
                "\(corpus.root.path)/s2_sad.wav,sad,s2,male",
            ], to: corpus.path("manifest.csv"))
        let project = try ScratchProject()
        let run = try Self.build(corpus.root.path, in: project)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("6 clips, 4 skipped"))
        #expect(
            run.stderr.contains(
                "skip manifest.csv line 8: lists s1_angry.wav again, first listed on line 2, whose row is used; "
                    + "this line says sad, line 2 says angry"))
        #expect(run.stderr.contains("skip manifest.csv line 11: lists s2_sad.wav again, first listed on line 6"))
        let rows = try Self.featureRows(project)
        #expect(rows.count == 6)
        #expect(Set(rows.map { $0.split(separator: ",")[0] }).count == 6)
    }

    @Test("a stray quote skips its one line with the reason; --strict then exits 2")
    func strayQuote() throws {
        let corpus = try CorpusFixture(emotions: ["angry", "sad"], speakers: ["s1", "s2", "s3"], badFiles: false)
        var lines = try String(contentsOfFile: corpus.path("manifest.csv"), encoding: .utf8).split(separator: "\n")
        lines[2] = #"s2_angry.wav,"angry,s2,male"#
        try (lines.joined(separator: "\n") + "\n").write(
            toFile: corpus.path("manifest.csv"), atomically: true, encoding: .utf8)
        let project = try ScratchProject()
        let run = try Self.build(corpus.root.path, in: project)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("skip manifest.csv line 3: unclosed quote (a quoted field must end on its line)"))
        #expect(run.stderr.contains("5 clips, 1 skipped"))
        #expect(try Self.featureRows(project).count == 5)
        #expect(try Self.build(corpus.root.path, in: project, ["--strict"]).status == 2)
    }

    @Test("a folder holding a forged name, a Latin-1 name, a pipe and a garbage MP3 builds, one line each")
    func hostileFolder() throws {
        let tree = try CorpusTree(["angry/a.wav", "angry/b.wav", "angry/c.wav", "sad/d.wav", "sad/e.wav", "sad/f.wav"])
        var generator = SplitMix(seed: 11)
        let garbage = Data(
            [0xFF, 0xFB, 0x90, 0x00] + (0..<6000).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try garbage.write(to: tree.url("sad/bad\nskip x.wav: forged.mp3"))
        try garbage.write(to: tree.url("angry/noise.mp3"))
        #expect(mkfifo(tree.url("angry/pipe.wav").path, 0o644) == 0)
        let latin1 = Array(tree.url("sad").path.utf8) + Array("/caf".utf8) + [0xE9] + Array(".wav".utf8) + [0]
        let created = latin1.withUnsafeBufferPointer {
            $0.withMemoryRebound(to: CChar.self) { creat($0.baseAddress!, 0o644) }
        }
        close(created)
        let project = try ScratchProject()
        let run = try Self.build(tree.path, in: project)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(!lines.contains { $0.hasPrefix("skip x.wav") }, "a file name forged a line")
        #expect(!run.stderr.contains("Note:") && !run.stderr.contains("mpg123"), "libmpg123 printed")
        #expect(lines.contains { $0.hasPrefix(#"skip sad/bad\nskip x.wav: forged.mp3: not a readable audio file: "#) })
        #expect(lines.contains("skip angry/pipe.wav: is a named pipe (FIFO), not an audio file (not opened)"))
        #expect(lines.contains { $0.hasPrefix(#"skip sad/caf\xE9.wav: its name is not UTF-8"#) })
        #expect(run.stderr.contains("6 clips, 4 skipped"))
    }

    @Test("features on a named pipe answers at once with the reason", .timeLimit(.minutes(1)))
    func featuresOnPipe() throws {
        let project = try ScratchProject()
        let pipe = project.url.appendingPathComponent("pipe.wav").path
        #expect(mkfifo(pipe, 0o644) == 0)
        // Without the check the reader waits for a writer: this one comes after 20 s.
        let unblock = Thread {
            Thread.sleep(forTimeInterval: 20)
            let writer = open(pipe, O_WRONLY | O_NONBLOCK)
            if writer >= 0 { close(writer) }
        }
        unblock.start()
        let start = Date()
        let run = try CommandRun(["features", "pipe.wav"], in: project.url)
        #expect(Date().timeIntervalSince(start) < 15)
        #expect(run.status == 1)
        #expect(run.stderr == "serreport: pipe.wav: is a named pipe (FIFO), not an audio file\n")
    }

    @Test("features whose standard output cannot be written exits 1 with one line")
    func featuresToFullDisk() throws {
        let corpus = try CorpusFixture(emotions: ["angry"], speakers: ["s1"], badFiles: false)
        let run = try CommandRun(
            executable: "/bin/sh",
            [
                "-c", "exec \"$0\" features \"$1\" --json > /dev/full", CommandRun.binary.path,
                corpus.path("s1_angry.wav"),
            ])
        #expect(run.status == 1)
        #expect(run.stderr == "serreport: standard output: cannot write (No space left on device)\n")
    }

    @Test("damaged MP3s decoded on several threads print one line each, and libmpg123 prints nothing")
    func quietDecoders() throws {
        let project = try ScratchProject()
        var generator = SplitMix(seed: 12)
        let names = (0..<6).map { "broken\($0).mp3" }
        for name in names {
            let bytes = [0xFF, 0xFB, 0x90, 0x00] + (0..<8000).map { _ in UInt8.random(in: 0...255, using: &generator) }
            try Data(bytes).write(to: project.url.appendingPathComponent(name))
        }
        let run = try CommandRun(["features", "--jobs", "3"] + names, in: project.url)
        #expect(run.status == 1)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == names.count, "\(run.stderr)")
        #expect(lines.allSatisfy { $0.hasPrefix("serreport: broken") && $0.contains(": not a readable audio file: ") })
    }

    @Test("file-digests.json edited to swap two clips' digests does not swap their features")
    func swappedDigests() throws {
        let corpus = try CorpusFixture(emotions: ["angry", "sad"], speakers: ["s1", "s2", "s3"], badFiles: false)
        let project = try ScratchProject()
        #expect(try Self.build(corpus.root.path, in: project).status == 0)
        let before = try Self.featureRows(project)
        let state = project.url.appendingPathComponent(".serreport/state/file-digests.json")
        let stored = try Data(contentsOf: state)
        let payload = ArtifactStore.unsealed(stored) ?? stored
        var entries = try #require(try JSONSerialization.jsonObject(with: payload) as? [String: [String: Any]])
        let a = try #require(entries.keys.first { $0.hasSuffix("/s1_angry.wav") })
        let b = try #require(entries.keys.first { $0.hasSuffix("/s1_sad.wav") })
        let digestA = entries[a]?["digest"]
        let digestB = entries[b]?["digest"]
        entries[a]?["digest"] = digestB
        entries[b]?["digest"] = digestA
        try JSONSerialization.data(withJSONObject: entries).write(to: state)
        let again = try Self.build(corpus.root.path, in: project)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try Self.featureRows(project) == before)
    }

    @Test("a manifest with a header and no rows stops the load cell with one line")
    func noClips() throws {
        let project = try ScratchProject()
        try "path,emotion,speaker,gender\n\n".write(
            to: project.url.appendingPathComponent("manifest.csv"), atomically: true, encoding: .utf8)
        let run = try CommandRun(["build", "--data", "manifest.csv", "--out", "report"] + Self.quick, in: project.url)
        #expect(run.status == 1)
        #expect(run.stderr.contains("serreport: load: "))
        #expect(run.stderr.contains("the corpus has no clips"))
        #expect(!run.stderr.contains("Fatal error"))
    }

    @Test("--data or --config naming a pipe or a device stops at once with one line", .timeLimit(.minutes(1)))
    func pipesAsSettings() throws {
        let project = try ScratchProject()
        #expect(mkfifo(project.url.appendingPathComponent("list.csv").path, 0o644) == 0)
        #expect(mkfifo(project.url.appendingPathComponent("serreport.yml").path, 0o644) == 0)
        let manifest = try CommandRun(["status", "--data", "list.csv", "--config", "/dev/null"], in: project.url)
        #expect(manifest.status == 1)
        #expect(manifest.stderr.hasSuffix("list.csv: is a named pipe (FIFO), not a CSV manifest\n"))
        let config = try CommandRun(["config"], in: project.url)
        #expect(config.status != 0)
        #expect(config.stderr.contains("serreport.yml: is a named pipe (FIFO), not a settings file"))
        let device = try CommandRun(["config", "--config", "/dev/zero"], in: project.url)
        #expect(device.stderr.contains("/dev/zero: is a character device, not a settings file"))
    }
}
