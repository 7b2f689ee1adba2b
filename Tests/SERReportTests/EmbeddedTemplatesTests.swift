import Foundation
import SERReport
import Testing

/// The binary's built-in templates are generated from the repository's `templates/` by
/// `scripts/embed-templates.sh`; this test fails when someone edits one and not the other.
@Suite("The built-in templates are the repository's templates/")
struct EmbeddedTemplatesTests {
    /// `templates/` at the top of the repository this test file is in.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("templates")

    @Test("same files, same bytes: run scripts/embed-templates.sh after editing templates/")
    func embeddedCopyMatchesTheFolder() throws {
        var files: [String: String] = [:]
        for name in try FileManager.default.subpathsOfDirectory(atPath: Self.folder.path)
        where name.hasSuffix(".mustache") {
            files[name] = try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
        }
        #expect(files.keys.contains("report.html.mustache") && files.keys.contains("cells/load.mustache"))
        let fix = "templates/ and Sources/SERReport/BuiltInTemplates.swift differ: run scripts/embed-templates.sh"
        #expect(files.keys.sorted() == BuiltInTemplates.files.keys.sorted(), "\(fix)")
        for (name, text) in files {
            #expect(BuiltInTemplates.files[name] == text, "\(name): \(fix)")
        }
    }
}
