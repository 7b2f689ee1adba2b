import Foundation
import SERCells
import SERCorpus
import SERNotebook
import SERSettings
import Testing

/// `labels.map` renames and merges emotions, `labels.keep` selects them; both set from the config.
@Suite("Label mapping: labels.map and labels.keep")
struct LabelMappingTests {
    /// One RAVDESS clip per emotion, actor 1.
    static func ravdess() throws -> CorpusTree {
        try CorpusTree((1...8).map { "Actor_01/03-01-0\($0)-01-01-01-01.wav" })
    }

    @Test("map merges calm into neutral; keep then selects, and what keep leaves out is a note, not a skip")
    func mapThenKeep() throws {
        let tree = try Self.ravdess()
        let labels = LabelMapping(map: ["calm": "neutral", "fearful": "fear"], keep: ["neutral", "angry", "fear"])
        let corpus = try Corpus.open(tree.path, labels: labels)
        #expect(
            corpus.rows == [
                ClipRow("Actor_01/03-01-01-01-01-01-01.wav", "neutral", "Actor_01", "male"),
                ClipRow("Actor_01/03-01-02-01-01-01-01.wav", "neutral", "Actor_01", "male"),
                ClipRow("Actor_01/03-01-05-01-01-01-01.wav", "angry", "Actor_01", "male"),
                ClipRow("Actor_01/03-01-06-01-01-01-01.wav", "fear", "Actor_01", "male"),
            ])
        #expect(corpus.rejected.isEmpty)
        #expect(corpus.notes.contains("labels.map: calm → neutral (1 clip)"))
        #expect(corpus.notes.contains("labels.map: fearful → fear (1 clip)"))
        #expect(
            corpus.notes.contains(
                "labels.keep: 4 clips of 4 other emotions left out (disgust 1, happy 1, sad 1, surprised 1); "
                    + "kept neutral, angry, fear"))
    }

    @Test("names that match nothing are said; a keep that leaves nothing is an error naming the emotions")
    func typos() throws {
        let tree = try Self.ravdess()
        let corpus = try Corpus.open(tree.path, labels: LabelMapping(map: ["clam": "neutral"], keep: ["sad", "angri"]))
        #expect(corpus.rows.map(\.emotion) == ["sad"])
        #expect(corpus.notes.contains("labels.map: clam → neutral matches no clip (no emotion is called clam)"))
        #expect(corpus.notes.contains("labels.keep: no clip is labelled angri"))
        let error = #expect(throws: CorpusError.self) {
            try Corpus.open(tree.path, labels: LabelMapping(map: [:], keep: ["anger"]))
        }
        #expect(error?.message.contains("labels.keep: anger leaves no clips") == true)
        #expect(error?.message.contains("angry, calm, disgust, fearful, happy, neutral, sad, surprised") == true)
    }

    @Test("map is applied once, not chained")
    func notChained() throws {
        let tree = try Self.ravdess()
        let corpus = try Corpus.open(
            tree.path, labels: LabelMapping(map: ["calm": "neutral", "neutral": "quiet"], keep: []))
        #expect(corpus.clips.prefix(2).map(\.emotion) == ["quiet", "neutral"])
    }

    @Test("settings: corpus and labels from the defaults, a file and --set; wrong values name the key")
    func settings() throws {
        let defaults = try Settings.resolve(overrides: []).value
        #expect(defaults.corpus == .auto)
        #expect(defaults.labels == LabelMapping())

        let file = """
            corpus: ravdess
            labels:
              map: {calm: neutral}
              keep: [neutral, angry]
            """
        let set = try Settings.resolve(
            file: ("serreport.yml", file), overrides: ["labels.map.surprised=happy", "labels.keep=neutral,angry,happy"]
        ).value
        #expect(set.corpus == .ravdess)
        #expect(
            set.labels
                == LabelMapping(map: ["calm": "neutral", "surprised": "happy"], keep: ["neutral", "angry", "happy"]))

        let layout = #expect(throws: SettingsError.self) { try Settings.resolve(overrides: ["corpus=timit"]) }
        #expect(
            layout?.description
                == "--set: corpus: 'timit' is not one of auto, ravdess, tess, savee, emodb, cremad, folders, csv")
        let key = #expect(throws: SettingsError.self) {
            try Settings.resolve(file: ("my.yml", "labels: {kept: [sad]}"))
        }
        #expect(key?.description.hasPrefix("my.yml:1: labels.kept: unknown key") == true)
        let twice = #expect(throws: SettingsError.self) { try Settings.resolve(overrides: ["labels.keep=sad,sad"]) }
        #expect(
            twice?.description
                == "--set: labels.keep: [sad, sad] is out of range (allowed: each not empty; each named once)")
    }

    @Test("a report's models/settings.json from before corpus and labels existed still decodes (for predict)")
    func olderSettingsFile() throws {
        var settings = try Settings.resolve(overrides: []).value
        settings.corpus = .emodb
        settings.labels = LabelMapping(map: [:], keep: ["anger"])
        var object = try #require(
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(settings)) as? [String: Any])
        #expect(object.removeValue(forKey: "corpus") as? String == "emodb")
        #expect(object.removeValue(forKey: "labels") != nil)
        let text = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        let older = try Settings.saved(json: text, file: "settings.json")
        #expect(older.corpus == .auto)
        #expect(older.labels == LabelMapping())
        #expect(older.features == settings.features)
    }
}
