import Foundation
import SERAudio
import Testing

/// Issue 7's corpus of bad files: a RAVDESS-named tree where most clips are fine and some are broken in
/// every way a real corpus is. The build must finish, skip exactly the broken ones with a reason
/// each, use the odd-but-valid ones, and exit non-zero only with `--strict`.
@Suite("A corpus of bad files builds to completion")
struct BadCorpusTests {
    /// `Actor_NN/03-01-EE-01-SS-01-NN.wav`: RAVDESS audio-only speech.
    static func name(actor: Int, emotion: Int, statement: Int = 1) -> String {
        let actorCode = String(format: "%02d", actor)
        return "Actor_\(actorCode)/03-01-0\(emotion)-01-0\(statement)-01-\(actorCode).wav"
    }

    /// A minimal 8-bit unsigned PCM WAV (libsndfile reads it; serreport writes no 8-bit files).
    static func wav8(_ samples: [Float], sampleRate: Int) -> Data {
        func le32(_ value: Int) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }
        func le16(_ value: Int) -> [UInt8] { (0..<2).map { UInt8((value >> (8 * $0)) & 0xFF) } }
        let body = samples.map { UInt8(clamping: Int(($0 * 127).rounded()) + 128) }
        var bytes = Array("RIFF".utf8) + le32(36 + body.count) + Array("WAVEfmt ".utf8) + le32(16) + le16(1) + le16(1)
        bytes += le32(sampleRate) + le32(sampleRate) + le16(1) + le16(8) + Array("data".utf8) + le32(body.count) + body
        return Data(bytes)
    }

    @Test("each broken file is skipped with its reason, odd formats are used, --strict fails")
    func badFiles() throws {
        let root = try ScratchProject()
        let corpus = root.url.appendingPathComponent("corpus")
        func path(_ name: String) -> String { corpus.appendingPathComponent(name).path }
        func folder(_ name: String) throws {
            try FileManager.default.createDirectory(
                atPath: (path(name) as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        }
        var good: [String] = []
        for actor in 1...4 {
            for (index, emotion) in [1, 4, 5].enumerated() {
                let name = Self.name(actor: actor, emotion: emotion)
                try folder(name)
                let tone = CorpusFixture.burst(
                    frequency: 180 + 140 * Double(index) + 9 * Double(actor), amplitude: 0.3 + 0.2 * Float(index))
                try AudioFile.write(tone, sampleRate: 16000, format: .wav16, to: path(name))
                good.append(name)
            }
        }
        let tone = CorpusFixture.burst(frequency: 300, amplitude: 0.5)
        // Odd but valid: used, not skipped.
        let odd = [
            Self.name(actor: 5, emotion: 1), Self.name(actor: 5, emotion: 4), Self.name(actor: 5, emotion: 5),
            Self.name(actor: 6, emotion: 1),
        ]
        try folder(odd[0])
        try Self.wav8(tone, sampleRate: 16000).write(to: URL(fileURLWithPath: path(odd[0])))
        try AudioFile.write(tone, sampleRate: 16000, format: .wav24, to: path(odd[1]))
        let fast = (0..<(tone.count * 6)).map { tone[$0 / 6] }
        try AudioFile.write(fast, sampleRate: 96000, format: .wav16, to: path(odd[2]))
        try folder(odd[3])
        let six = tone.flatMap { Array(repeating: $0, count: 6) }
        try AudioFile.write(six, channelCount: 6, sampleRate: 16000, format: .wav16, to: path(odd[3]))

        // Broken: each skipped with this reason.
        var broken: [String: String] = [:]
        func bad(_ actor: Int, _ emotion: Int, _ statement: Int, _ reason: String) throws -> String {
            let name = Self.name(actor: actor, emotion: emotion, statement: statement)
            try folder(name)
            broken[name] = reason
            return name
        }
        var wav = Data()
        try AudioFile.write(tone, sampleRate: 16000, format: .wav16, to: path("whole.wav"))
        wav = try Data(contentsOf: URL(fileURLWithPath: path("whole.wav")))
        try FileManager.default.removeItem(atPath: path("whole.wav"))
        try wav.prefix(20).write(to: URL(fileURLWithPath: path(try bad(7, 1, 1, "not a readable audio file"))))
        var generator = SystemRandomNumberGenerator()
        try Data((0..<4000).map { _ in UInt8.random(in: 0...255, using: &generator) })
            .write(to: URL(fileURLWithPath: path(try bad(7, 4, 1, "not a readable audio file"))))
        _ = FileManager.default.createFile(atPath: path(try bad(7, 5, 1, "empty file (0 bytes)")), contents: Data())
        try AudioFile.write(
            [Float](repeating: 0, count: 16000), sampleRate: 16000, format: .wav16,
            to: path(try bad(8, 1, 1, "silent (every sample is zero)")))
        try AudioFile.write([0.5], sampleRate: 16000, format: .wav16, to: path(try bad(8, 4, 1, "too short (1 sample")))
        var nan = tone
        nan[5000] = .nan
        try AudioFile.write(nan, sampleRate: 16000, format: .wavFloat, to: path(try bad(8, 5, 1, "sample 5000 is nan")))
        let unreadable = try bad(7, 1, 2, "permission denied")
        try AudioFile.write(tone, sampleRate: 16000, format: .wav16, to: path(unreadable))
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: path(unreadable))
        let loop = try bad(7, 4, 2, "symbolic link loop")
        try FileManager.default.createSymbolicLink(atPath: path(loop), withDestinationPath: "loop-b.wav")
        try FileManager.default.createSymbolicLink(
            atPath: corpus.appendingPathComponent("Actor_07/loop-b.wav").path,
            withDestinationPath: (loop as NSString).lastPathComponent)
        try AudioFile.write(tone, sampleRate: 16000, format: .wav16, to: path("Actor_08/hello.wav"))
        broken["Actor_08/hello.wav"] = "unlabelled"

        // As root every file is readable: run as `nobody` so the unreadable one really is.
        let asNobody = getuid() == 0 ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: root.url.path)
        func build(_ extra: [String]) throws -> CommandRun {
            let arguments =
                [
                    "build", "--data", corpus.path, "--out", "report", "--set", "train.models=rf",
                    "--set", "report.figure_formats=png", "--set", "report.formats=html",
                ] + extra
            return asNobody.isEmpty
                ? try CommandRun(arguments, in: root.url)
                : try CommandRun(
                    executable: asNobody[0], Array(asNobody.dropFirst()) + [CommandRun.binary.path] + arguments,
                    in: root.url)
        }
        let run = try build([])
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOf: root.url.appendingPathComponent("report/index.html"), encoding: .utf8)
        let skippedTable = try #require(html.components(separatedBy: "<section id=\"skipped\">").last)
        for (name, reason) in broken {
            #expect(run.stderr.contains("skip \(name): "), "\(name) not reported")
            let row = skippedTable.components(separatedBy: "<tr>").first { $0.contains("<code>\(name)</code>") }
            #expect(row?.contains(reason) == true, "\(name): expected “\(reason)” in \(row ?? "no row")")
        }
        let features = try String(contentsOf: root.url.appendingPathComponent("report/features.csv"), encoding: .utf8)
        for name in good + odd { #expect(features.contains(name + ","), "\(name) missing from features.csv") }
        #expect(features.split(separator: "\n").count == 1 + good.count + odd.count)
        #expect(try build(["--strict"]).status == 2)
    }

    @Test("a file copied under another name is found by its content and warned about, with the group listed")
    func duplicates() throws {
        let corpus = try CorpusFixture(emotions: ["angry", "sad"], speakers: ["s1", "s2", "s3"], badFiles: false)
        try FileManager.default.copyItem(atPath: corpus.path("s1_angry.wav"), toPath: corpus.path("copy.wav"))
        let manifest = try String(contentsOfFile: corpus.path("manifest.csv"), encoding: .utf8)
        try (manifest + "copy.wav,sad,s2,male\n").write(
            toFile: corpus.path("manifest.csv"), atomically: true, encoding: .utf8)
        let project = try ScratchProject()
        let run = try CommandRun(
            [
                "build", "--data", corpus.root.path, "--out", "report", "--set", "train.models=rf", "--set",
                "report.formats=html",
            ],
            in: project.url)
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOf: project.url.appendingPathComponent("report/index.html"), encoding: .utf8)
        #expect(html.contains("2 files hold the same audio as another file (1 group)"))
        #expect(html.contains("1 group carries different emotions"))
        #expect(html.contains("<td>copy.wav = s1_angry.wav</td><td>angry, sad</td>"))
        // The copies share their cached results (keyed by content), never their paths or labels.
        let features = try String(
            contentsOf: project.url.appendingPathComponent("report/features.csv"), encoding: .utf8)
        #expect(features.contains("\ncopy.wav,sad,s2,male,"))
        #expect(features.contains("\ns1_angry.wav,angry,s1,female,"))
        let other = try CorpusFixture(emotions: ["angry", "sad"], speakers: ["s1", "s2", "s3"], badFiles: false)
        let otherManifest = try String(contentsOfFile: other.path("manifest.csv"), encoding: .utf8)
        try otherManifest.replacingOccurrences(of: "s1_angry.wav,", with: "renamed/first.wav,")
            .write(toFile: other.path("manifest.csv"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: other.path("renamed"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: other.path("s1_angry.wav"), toPath: other.path("renamed/first.wav"))
        let second = try CommandRun(
            [
                "build", "--data", other.root.path, "--out", "other", "--set", "train.models=rf", "--set",
                "report.formats=html",
            ],
            in: project.url)
        #expect(second.status == 0, "\(second.stderr)")
        let renamed = try String(contentsOf: project.url.appendingPathComponent("other/features.csv"), encoding: .utf8)
        #expect(renamed.contains("\nrenamed/first.wav,angry,s1,female,"))
        #expect(!renamed.contains("s1_angry.wav"))
    }
}
