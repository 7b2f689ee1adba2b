import Foundation
import SERReport

/// A project with its own template folder for one test: `<temporary>/templates/` holding the given
/// files, removed when the value goes away.
final class TemplateFolder {
    /// The project: what `templates` is relative to.
    let project: URL
    /// `project/templates`.
    let url: URL

    /// `files`: path inside the folder (`report.html.mustache`, `cells/load.mustache`) → text.
    init(_ files: [String: String] = [:]) throws {
        project = FileManager.default.temporaryDirectory.appendingPathComponent("serreport-templates-\(UUID())")
        url = project.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files {
            let file = url.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
    }

    /// The folder as a build reads it (`report.templates: templates`): messages name `templates/…`.
    var templates: ReportTemplates { ReportTemplates(folder: "templates", relativeTo: project) }

    deinit { try? FileManager.default.removeItem(at: project) }
}
