import Foundation
import Testing

@testable import SERCorpus

#if canImport(Glibc)
    import Glibc
#endif

/// Manifests and corpus folders as people and tools really leave them: every line of a manifest
/// ends up a clip or a skipped entry with its reason, no two clips share a path, and a file that is
/// not a regular file or whose name is not UTF-8 is named with the reason, never opened or mangled.
@Suite("Hostile: manifests and corpus folders")
struct HostileCorpusTests {
    static let header = "path,emotion,speaker,gender"

    /// `lines` after the header, parsed as `root/manifest.csv`.
    static func parse(_ lines: [String], root: String = "/corpus") throws -> Corpus {
        try Corpus.parse(
            manifest: ([header] + lines).joined(separator: "\n") + "\n", named: root + "/manifest.csv",
            root: URL(fileURLWithPath: root), corpusName: "c", note: "")
    }

    /// Clips, skipped rows and blank lines, which together account for every line after the header.
    static func accounted(_ corpus: Corpus) -> Int {
        let blank = corpus.notes.compactMap { note -> Int? in
            guard let range = note.range(of: #"manifest\.csv: (\d+) blank"#, options: .regularExpression) else {
                return nil
            }
            return Int(note[range].split(separator: " ")[1])
        }
        return corpus.clips.count + corpus.rejected.count + blank.reduce(0, +)
    }

    @Test(
        "invisible characters in an emotion (a BOM, zero-width space) are dropped; emotions differing only in case are one note saying how to merge"
    )
    func lookalikeEmotions() throws {
        let corpus = try Self.parse([
            "a.wav,happy\u{FEFF},s1,f", "b.wav,happy,s1,f", "c.wav,\u{200B}sad,s2,m", "d.wav,Angry,s2,m",
            "e.wav,angry,s1,f", "f.wav,angry,s2,m",
        ])
        #expect(Set(corpus.clips.map(\.emotion)) == ["happy", "sad", "Angry", "angry"])
        let notes = Corpus.lookalikeNotes(corpus.clips)
        #expect(
            notes == [
                "The emotions 'Angry' (1 clip), 'angry' (2 clips) differ only in letter case and are separate "
                    + "classes; if they are one, merge them with labels.map: {angry: Angry}."
            ], "\(notes)")
    }

    @Test("one file listed five ways is one clip; each repeat is skipped naming both lines, and no trap")
    func duplicateRows() throws {
        let corpus = try Self.parse([
            "clips/f1/a.flac,angry,f1,female", "./clips/f1/a.flac,angry,f1,female", "clips//f1/a.flac,angry,f1,female",
            "clips/f1/../f1/a.flac,sad,f1,female", "/corpus/clips/f1/a.flac,angry,f1,female",
            "clips/f1/b.flac,sad,f1,female",
        ])
        #expect(corpus.clips.map(\.path) == ["clips/f1/a.flac", "clips/f1/b.flac"])
        #expect(corpus.clips[0].location == "/corpus/clips/f1/a.flac")
        #expect(corpus.rejected.map(\.path) == (3...6).map { "manifest.csv line \($0)" })
        #expect(
            corpus.rejected[0].reason == "lists clips/f1/a.flac again, first listed on line 2, whose row is used")
        #expect(corpus.rejected[2].reason.hasSuffix("; this line says sad, line 2 says angry"))
        #expect(Self.accounted(corpus) == 6)
    }

    @Test("a stray quote skips its own line, with the reason; no other row vanishes")
    func strayQuote() throws {
        var lines = (0..<40).map { "clips/c\($0).wav,angry,s\($0 % 4),female" }
        lines[10] = #"clips/c10.wav,"angry,s2,female"#
        lines[20] = #"clips/c20.wav,"an"gry,s0,female"#
        let corpus = try Self.parse(lines)
        #expect(corpus.clips.count == 38)
        #expect(corpus.rejected.map(\.path) == ["manifest.csv line 12", "manifest.csv line 22"])
        #expect(corpus.rejected[0].reason == "unclosed quote (a quoted field must end on its line)")
        #expect(corpus.rejected[1].reason.hasPrefix("text after the closing quote of a quoted field"))
        // Well-formed quoting is read as CSV: a comma and a doubled quote inside a quoted field.
        let quoted = try Self.parse([#""clips/a, ""b"".wav",angry,s1,male"#])
        #expect(quoted.clips.map(\.path) == [#"clips/a, "b".wav"#])
    }

    @Test("every line is a clip, a skipped row or a counted blank, whatever bytes the lines hold")
    func everyLineAccountedFor() throws {
        var generator = SplitMix(seed: 7)
        let alphabet = Array(#"ab/.,"  \#t;x"#)
        for _ in 0..<200 {
            let lines = (0..<Int.random(in: 1...30, using: &generator)).map { _ in
                String(
                    (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                        alphabet.randomElement(using: &generator)!
                    })
            }
            let corpus = try Self.parse(lines)
            #expect(Self.accounted(corpus) == lines.count, "\(lines)")
            #expect(Set(corpus.clips.map(\.path)).count == corpus.clips.count)
        }
    }

    @Test("a path holding NUL, or naming the manifest's folder, is skipped with the reason")
    func impossiblePaths() throws {
        let corpus = try Self.parse(["clips/a.wav\u{0}.txt,angry,s1,male", ".,sad,s1,male", "clips/..,sad,s1,male"])
        #expect(corpus.clips.isEmpty)
        #expect(
            corpus.rejected.map(\.reason) == [
                "the path holds a NUL character", "the path . names a folder, not a file",
                "the path clips/.. names a folder, not a file",
            ])
    }

    @Test("Excel's byte order mark, CRLF and old Mac CR line ends read as lines; blank rows are counted")
    func lineEnds() throws {
        let text =
            "\u{FEFF}" + Self.header
            + "\r\nclips/a.wav,angry,s1,male\r\n,,,\r\nclips/b.wav,sad,s2,female\rclips/c.wav,sad,s1,male\r\n"
        let decoded = try InputText.decode(Array(text.utf8), named: "manifest.csv")
        let corpus = try Corpus.parse(
            manifest: decoded, named: "/corpus/manifest.csv", root: URL(fileURLWithPath: "/corpus"), corpusName: "c",
            note: "")
        #expect(corpus.clips.map(\.path) == ["clips/a.wav", "clips/b.wav", "clips/c.wav"])
        #expect(corpus.notes.last == "manifest.csv: 1 blank line passed over (line 3)")
    }

    @Test("a header the manifest cannot be read by is one line saying why")
    func badHeaders() {
        #expect(
            throws: CorpusError(
                "/corpus/manifest.csv: line 1, the header: must name at least the columns path and emotion (it looks separated by ';': serreport reads commas)"
            )
        ) {
            try Corpus.parse(
                manifest: "path;emotion\nclips/a.wav;angry\n", named: "/corpus/manifest.csv",
                root: URL(fileURLWithPath: "/corpus"), corpusName: "c", note: "")
        }
        #expect(
            throws: CorpusError(
                "/corpus/manifest.csv: line 1, the header: names the column path 2 times (columns 1, 3)")
        ) {
            try Corpus.parse(
                manifest: "path,emotion,path\n", named: "/corpus/manifest.csv", root: URL(fileURLWithPath: "/corpus"),
                corpusName: "c", note: "")
        }
        #expect(
            throws: CorpusError(
                "/corpus/manifest.csv: empty; a manifest starts with a header naming at least path and emotion")
        ) {
            try Corpus.parse(
                manifest: "\n\n", named: "/corpus/manifest.csv", root: URL(fileURLWithPath: "/corpus"), corpusName: "c",
                note: "")
        }
    }

    @Test("a manifest in Latin-1 is refused naming the line and byte; a named pipe or a device is not read")
    func manifestFiles() throws {
        let tree = try CorpusTree([])
        let latin1 =
            Data((Self.header + "\nclips/a.wav,angry,s1,male\nclips/caf").utf8) + Data([0xE9])
            + Data(".wav,sad,s1,male\n".utf8)
        try latin1.write(to: tree.url("latin1.csv"))
        #expect(
            throws: CorpusError(
                "\(tree.url("latin1.csv").path): not UTF-8 text: line 3 holds the byte 0xE9 (save the file as UTF-8)")
        ) {
            try Corpus.open(tree.url("latin1.csv").path)
        }
        var utf16 = Data([0xFF, 0xFE])
        for unit in (Self.header + "\n").utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        try utf16.write(to: tree.url("utf16.csv"))
        #expect(
            throws: CorpusError(
                "\(tree.url("utf16.csv").path): UTF-16 text (Excel's \"Unicode text\"); save the file as UTF-8")
        ) {
            try Corpus.open(tree.url("utf16.csv").path)
        }
        try tree.addAudio("clip.wav")
        #expect(
            throws: CorpusError(
                "\(tree.url("clip.wav").path): an audio file; --data takes a corpus folder or a CSV manifest (serreport features reads single files)"
            )
        ) {
            try Corpus.open(tree.url("clip.wav").path)
        }
        #expect(mkfifo(tree.url("pipe.csv").path, 0o644) == 0)
        #expect(throws: CorpusError("\(tree.url("pipe.csv").path): is a named pipe (FIFO), not a CSV manifest")) {
            try Corpus.open(tree.url("pipe.csv").path)
        }
        #expect(throws: CorpusError("/dev/zero: is a character device, not a CSV manifest")) {
            try Corpus.open("/dev/zero")
        }
        try FileManager.default.createDirectory(at: tree.url("folder/manifest.csv"), withIntermediateDirectories: true)
        #expect(throws: CorpusError("\(tree.url("folder/manifest.csv").path): is a folder, not a CSV manifest")) {
            try Corpus.open(tree.url("folder").path)
        }
    }

    @Test("a manifest whose emotion column holds an id per clip is refused before training squares the count")
    func tooManyEmotions() throws {
        let tree = try CorpusTree([])
        let rows = (0..<5000).map { "clips/c\($0).wav,take-\($0),s\($0 % 7),male" }
        try tree.addText("manifest.csv", ([Self.header] + rows).joined(separator: "\n") + "\n")
        #expect(
            throws: CorpusError(
                "corpus: 5000 different emotions (take-0, take-1, take-10, …); serreport trains at most 100. Does the emotion column hold the emotions? (labels.keep picks some)"
            )
        ) {
            try Corpus.open(tree.path)
        }
        let kept = try Corpus.open(tree.path, labels: LabelMapping(map: [:], keep: ["take-1", "take-2"]))
        #expect(kept.clips.count == 2)
    }

    @Test("a folder's pipes, sockets and non-UTF-8 names are listed with the reason, never opened")
    func folderEntries() throws {
        let tree = try CorpusTree(["angry/a.wav", "angry/b.wav", "sad/c.wav", "sad/d.wav"])
        #expect(mkfifo(tree.url("angry/pipe.wav").path, 0o644) == 0)
        let latin1 = Array(tree.url("sad").path.utf8) + Array("/caf".utf8) + [0xE9] + Array(".wav".utf8) + [0]
        let created = latin1.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { creat($0.baseAddress!, 0o644) }
        }
        #expect(created >= 0)
        close(created)
        let corpus = try Corpus.open(tree.path, layout: .folders)
        #expect(corpus.clips.map(\.path) == ["angry/a.wav", "angry/b.wav", "sad/c.wav", "sad/d.wav"])
        let reasons = Dictionary(uniqueKeysWithValues: corpus.rejected.map { ($0.path, $0.reason) })
        #expect(reasons["angry/pipe.wav"] == "is a named pipe (FIFO), not an audio file (not opened)")
        #expect(reasons[#"sad/caf\xE9.wav"#]?.hasPrefix("its name is not UTF-8") == true)
    }

    @Test("two names that are one text in two Unicode forms are not two clips with one path")
    func unicodeTwins() throws {
        let tree = try CorpusTree(["angry/caf\u{E9}.wav", "angry/cafe\u{301}.wav", "sad/x.wav", "sad/y.wav"])
        let names = try FileManager.default.contentsOfDirectory(atPath: tree.url("angry").path)
        #expect(names.count == 2)
        let corpus = try Corpus.open(tree.path, layout: .folders)
        #expect(corpus.clips.count == 3)
        #expect(corpus.rejected.count == 1)
        #expect(corpus.rejected.first?.reason.hasPrefix("its name is the same text as ") == true)
    }
}

/// A small seeded generator, so a failing case can be run again.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
