import Foundation
import SERReport
import Testing

@Suite("Section narratives: built-in templates, project overrides, plain text")
struct CellNarrativesTests {
    @Test("values fill the built-in template; an empty value prints nothing and skips its section")
    func builtIn() throws {
        let narratives = try CellNarratives()
        let text = narratives.text(
            for: "train",
            values: ["protocol": "speaker-independent, 5 folds", "speaker_normalization": "", "notes": ""])
        #expect(text.contains("Protocol: speaker-independent, 5 folds."))
        #expect(!text.contains("speaker normalisation"))
        #expect(!text.contains("false"))
        let normalised = narratives.text(
            for: "train",
            values: ["protocol": "x", "speaker_normalization": "Speaker normalisation: on in 5 of 5 folds."])
        #expect(normalised.contains("Speaker normalisation: on in 5 of 5 folds."))
        #expect(narratives.text(for: "no-such-cell", values: [:]) == "")
    }

    @Test("a project's templates/cells/<cell>.mustache replaces the built-in text, unescaped (the renderer escapes)")
    func override() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("narratives-\(UUID())")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("cells"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "Our {{clips}} clips & <more>.".write(
            to: folder.appendingPathComponent("cells/load.mustache"), atomically: true, encoding: .utf8)
        let narratives = try CellNarratives(templates: ReportTemplates(folder: folder.path))
        #expect(narratives.text(for: "load", values: ["clips": "12"]) == "Our 12 clips & <more>.")
        #expect(narratives.text(for: "extract", values: ["features": "82"]).contains("82 values"))
    }
}
