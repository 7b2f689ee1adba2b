import Foundation
import SERReport
import Testing

@Suite("Section narratives: built-in templates, project overrides, plain text")
struct CellNarrativesTests {
    @Test("values fill the built-in template; an empty value prints nothing and skips its section")
    func builtIn() throws {
        let narratives = CellNarratives(overrides: nil)
        let text = try narratives.text(
            for: "train",
            values: ["protocol": "speaker-independent, 5 folds", "speaker_normalization": "", "notes": ""])
        #expect(text.contains("Protocol: speaker-independent, 5 folds."))
        #expect(!text.contains("speaker normalisation"))
        #expect(!text.contains("false"))
        let normalised = try narratives.text(for: "train", values: ["protocol": "x", "speaker_normalization": "yes"])
        #expect(normalised.contains("speaker normalisation"))
        #expect(try narratives.text(for: "no-such-cell", values: [:]) == "")
    }

    @Test("a project's templates/cells/<cell>.mustache replaces the built-in text, unescaped (the renderer escapes)")
    func override() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("narratives-\(UUID())")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("cells"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "Our {{clips}} clips & <more>.".write(
            to: folder.appendingPathComponent("cells/load.mustache"), atomically: true, encoding: .utf8)
        let text = try CellNarratives(overrides: folder).text(for: "load", values: ["clips": "12"])
        #expect(text == "Our 12 clips & <more>.")
        #expect(
            try CellNarratives(overrides: folder).text(for: "extract", values: ["features": "82"]).contains("82 values")
        )
    }
}
