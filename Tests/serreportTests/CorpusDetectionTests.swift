import Foundation
import SERCells
import SERCorpus
import Testing

/// `corpus: auto`: which layout a folder is read with, the sentence saying why, and the errors for
/// folders no layout fits.
@Suite("Corpus layout detection")
struct CorpusDetectionTests {
    static let supported = ["ravdess (", "tess (", "savee (", "emodb (", "cremad (", "folders (", "csv ("]

    @Test(
        "auto picks the layout whose names fit and says why",
        arguments: [
            (["Actor_01/03-01-01-01-01-01-01.wav", "Actor_02/03-01-03-01-01-01-02.wav"], "ravdess"),
            (["OAF_angry/OAF_back_angry.wav", "YAF_sad/YAF_back_sad.wav"], "tess"),
            (["DC/a01.wav", "JE/su02.wav"], "savee"),
            (["wav/03a01Fa.wav", "wav/08a01Wa.wav"], "emodb"),
            (["1001_DFA_ANG_XX.wav", "1002_DFA_SAD_XX.wav"], "cremad"),
            (["calm/one.wav", "sad/two.ogg"], "folders"),
        ])
    func picksLayout(files: [String], layout: String) throws {
        let tree = try CorpusTree(files)
        let corpus = try Corpus.open(tree.path)
        #expect(corpus.adapter == layout)
        #expect(corpus.clips.count == 2)
        #expect(corpus.rejected.isEmpty)
        let reason = try #require(corpus.notes.first)
        #expect(reason.hasPrefix("\(layout): 2 of 2 audio files "))
    }

    @Test(
        "serreport build logs the layout chosen and why, the report's load section shows it, unlabelled files are skipped"
    )
    func buildSaysWhy() throws {
        let tree = try CorpusTree(
            ["DC_a01.wav", "DC_h01.wav", "JE_a02.wav", "JE_h02.wav", "JK_a03.wav", "KL_h03.wav", "DC_x01.wav"],
            name: "SAVEE")
        let out = tree.url("report")
        let run = try CommandRun([
            "build", "--data", tree.path, "--out", out.path, "--jobs", "2", "--set", "report.figure_formats=svg",
            "--set", "train.models=rf", "--set", "labels.map.happiness=joy",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let why = "savee: 7 of 7 audio files are named like DC_a01.wav or DC/a01.wav, speakers DC, JE, JK, KL (SAVEE)"
        #expect(run.stderr.contains("load: \(why)"))
        #expect(run.stderr.contains("skip DC_x01.wav: unlabelled: emotion code 'x' is not one of SAVEE's"))
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains(why))
        #expect(html.contains("labels.map: happiness → joy (3 clips)"))
        #expect(html.contains("<code>DC_x01.wav</code>"))
    }

    @Test("a folder with LABELS.csv but no manifest.csv is read from its file names, not from LABELS.csv")
    func labelsFileIsNotAManifest() throws {
        let tree = try CorpusTree(["Actor_03/03-01-04-01-01-01-03.wav"])
        try tree.addText("LABELS.csv", "path,emotion,speaker,gender\nActor_03/03-01-04-01-01-01-03.wav,wrong,x,y\n")
        let corpus = try Corpus.open(tree.path)
        #expect(corpus.adapter == "ravdess")
        #expect(corpus.rows == [ClipRow("Actor_03/03-01-04-01-01-01-03.wav", "sad", "Actor_03", "male")])
    }

    @Test("a manifest.csv wins under auto; corpus: NAME reads the names even beside a manifest")
    func manifestAndExplicitLayout() throws {
        let tree = try CorpusTree(["Actor_05/03-01-06-01-01-01-05.wav"])
        try tree.addText("manifest.csv", "path,emotion\nActor_05/03-01-06-01-01-01-05.wav,scared\n")
        #expect(try Corpus.open(tree.path).rows.map(\.emotion) == ["scared"])
        let named = try Corpus.open(tree.path, layout: .ravdess)
        #expect(named.rows.map(\.emotion) == ["fearful"])
        #expect(named.notes.first?.hasPrefix("ravdess: set by corpus: ravdess; 1 of 1 audio files") == true)
    }

    @Test("an unrecognised layout is an error listing every supported layout")
    func unrecognised() throws {
        let tree = try CorpusTree(["a.wav", "b.wav", "c.wav", "Actor_01/03-01-01-01-01-01-01.wav"])
        let error = #expect(throws: CorpusError.self) { try Corpus.open(tree.path) }
        let message = try #require(error?.message)
        #expect(message.contains("not a corpus layout serreport recognises"))
        #expect(message.contains("(the most, 1, fit ravdess)"))
        for layout in Self.supported { #expect(message.contains(layout), "\(layout) missing from: \(message)") }
    }

    @Test("an empty folder is an error listing the supported layouts")
    func empty() throws {
        let tree = try CorpusTree([])
        try tree.addText("README.md", "nothing here")
        let error = #expect(throws: CorpusError.self) { try Corpus.open(tree.path) }
        #expect(error?.message.contains("no manifest.csv and no audio files") == true)
        #expect(error?.message.contains("cremad (ActorID_Sentence_Emotion_Level.wav") == true)
    }

    @Test("a layout that fits no file is an error; a corpus name on a file is an error")
    func explicitMismatch() throws {
        let tree = try CorpusTree(["Actor_01/03-01-01-01-01-01-01.wav"])
        let error = #expect(throws: CorpusError.self) { try Corpus.open(tree.path, layout: .savee) }
        #expect(
            error?.message.contains("corpus: savee, but none of its 1 audio files is named like DC_a01.wav") == true)
        try tree.addText("list.csv", "path,emotion\n")
        let file = #expect(throws: CorpusError.self) { try Corpus.open(tree.url("list.csv").path, layout: .ravdess) }
        #expect(file?.message.contains("corpus: ravdess reads a folder of audio files") == true)
    }

    @Test("a lone folder of clips is not one folder per emotion")
    func oneFolderIsNotFolders() throws {
        let tree = try CorpusTree(["clips/a.wav", "clips/b.wav"])
        #expect(throws: CorpusError.self) { try Corpus.open(tree.path) }
        #expect(try Corpus.open(tree.path, layout: .folders).rows.map(\.emotion) == ["clips", "clips"])
    }

    @Test("a symbolic link loop and a dangling link end the scan with reasons, not a hang")
    func symlinkLoops() throws {
        let tree = try CorpusTree(["angry/a.wav", "sad/b.wav"])
        try tree.addLink("angry/back", to: "..")
        try tree.addLink("sad/self", to: "self")
        try tree.addLink("sad/gone.wav", to: "nowhere.wav")
        let corpus = try Corpus.open(tree.path)
        #expect(corpus.rows.map(\.path) == ["angry/a.wav", "sad/b.wav"])
        let reasons = corpus.rejectedReasons
        #expect(reasons["angry/back/"]?.hasPrefix("symbolic link loop") == true)
        #expect(reasons["sad/self"]?.hasPrefix("symbolic link loop") == true)
        #expect(reasons["sad/gone.wav"]?.hasPrefix("cannot be read") == true)
    }

    @Test(
        "a link to a folder never takes the folder's place: folders are read under their own names first, the link is listed naming the folder"
    )
    func linksToFolders() throws {
        // `anger` sorts before `angry`, and `angry/sadlink` would put sad's clips under angry.
        let tree = try CorpusTree(["angry/a.wav", "sad/b.wav", "sad/c.aiff", "notes.txt", "sad/readme.md"])
        try tree.addLink("anger", to: "angry")
        try tree.addLink("angry/sadlink", to: "../sad")
        let corpus = try Corpus.open(tree.path)
        #expect(corpus.rows.map(\.path) == ["angry/a.wav", "sad/b.wav", "sad/c.aiff"])
        #expect(corpus.rows.map(\.emotion) == ["angry", "sad", "sad"])
        let reasons = corpus.rejectedReasons
        #expect(reasons["anger/"] == "symbolic link to angry/, already scanned under that name (not scanned again)")
        #expect(
            reasons["angry/sadlink/"] == "symbolic link to sad/, already scanned under that name (not scanned again)")
        #expect(
            corpus.notes.contains {
                $0.hasPrefix("passed over 2 files not named like audio (notes.txt, sad/readme.md)")
            },
            "\(corpus.notes)")
        // A link to a folder outside the corpus is read through the link.
        let outside = try CorpusTree(["x.wav"])
        try tree.addLink("calm", to: outside.path)
        #expect(try Corpus.open(tree.path).rows.map(\.path).contains("calm/x.wav"))
    }

    @Test("an unreadable folder is skipped with its reason", .enabled(if: getuid() != 0, "root reads every folder"))
    func unreadableFolder() throws {
        let tree = try CorpusTree(["angry/a.wav", "sad/b.wav", "locked/c.wav"])
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: tree.url("locked").path)
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tree.url("locked").path)
        }
        let corpus = try Corpus.open(tree.path)
        #expect(corpus.rows.map(\.path) == ["angry/a.wav", "sad/b.wav"])
        #expect(corpus.rejectedReasons["locked/"]?.hasPrefix("unreadable folder") == true)
    }

    @Test("hidden files (macOS ._ resource forks, .DS_Store) are not corpus files")
    func hiddenFiles() throws {
        let tree = try CorpusTree(["wav/03a01Fa.wav", "wav/._03a01Fa.wav"])
        let corpus = try Corpus.open(tree.path)
        #expect(corpus.rows.map(\.path) == ["wav/03a01Fa.wav"])
        #expect(corpus.rejected.isEmpty)
    }
}
