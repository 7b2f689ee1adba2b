package import Foundation
import Mustache

/// Renders a ``ReportDocument`` to `index.html` from the page templates of ``ReportTemplates``:
/// `report.html.mustache`, with `{{> section}}` and `{{> style}}` as its partials.
///
/// All text goes through Mustache's `{{ }}` escaping; the built-in page loads nothing from the network
/// (a Content-Security-Policy meta tag forbids it) and inlines its CSS.
package struct HTMLReport: Sendable {
    private let library: MustacheLibrary

    /// Reads and parses the page's templates (the project's where it has them) and checks how they
    /// include each other; an error names the file and line.
    package init(templates: ReportTemplates = .builtIn) throws(ReportError) {
        var library = MustacheLibrary()
        var tags: [String: (file: TemplateFile, tags: [MustacheTag])] = [:]
        for (partial, name) in ReportTemplates.page {
            guard let file = try templates.file(name) else {
                throw ReportError(path: name, reason: "no such template, and no built-in copy")
            }
            let parsed = try file.parsed()
            library.register(parsed.template, named: partial)
            tags[partial] = (file, parsed.tags)
        }
        try Self.checkPartials(tags)
        self.library = library
    }

    package func render(_ document: ReportDocument) -> String {
        library.render(document, withTemplate: "report") ?? ""
    }

    /// The page with every figure inlined from `files` (report-relative path → bytes) when given: one
    /// file to mail or attach to a CI run. Each figure is inlined as SVG when its SVG is smaller than
    /// its PNG, else as PNG.
    package func render(_ document: ReportDocument, inlining files: [String: Data]?) -> String {
        guard let files else { return render(document) }
        var document = document
        for section in document.sections.indices {
            for index in document.sections[section].figures.indices {
                let figure = document.sections[section].figures[index]
                let png = files[figure.image]
                let svg = files[figure.image.replacingOccurrences(of: ".png", with: ".svg")]
                if let svg, svg.count < (png?.count ?? .max) {
                    document.sections[section].figures[index].image =
                        "data:image/svg+xml;base64," + svg.base64EncodedString()
                } else if let png {
                    document.sections[section].figures[index].image =
                        "data:image/png;base64," + png.base64EncodedString()
                }
            }
        }
        return render(document)
    }

    /// Renders and writes atomically to `path`.
    package func write(_ document: ReportDocument, to path: String) throws(ReportError) {
        do {
            try Data(render(document).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ReportError(path: path, reason: "cannot write (\(error.localizedDescription))")
        }
    }
}
