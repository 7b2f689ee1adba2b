import Foundation
import Mustache

/// The prose of each report section: a Mustache template per cell (`cells/<cell>.mustache` of
/// ``ReportTemplates``) filled with the numbers the cell recorded (`{{clips}}`, `{{protocol}}`). A
/// project's own `cells/<cell>.mustache` replaces the built-in one; editing it re-renders the report
/// without running any cell. The HTML page and the PDF both use these texts.
package struct CellNarratives: Sendable {
    /// Cell id → its parsed template.
    private let templates: [String: MustacheTemplate]

    /// Reads and parses every narrative template, the project's and the built-in ones, so that a broken
    /// one stops a build before any cell runs; an error names the file and line.
    package init(templates: ReportTemplates = .builtIn) throws(ReportError) {
        var parsed: [String: MustacheTemplate] = [:]
        for name in templates.names(in: "cells") {
            guard let file = try templates.file(name) else { continue }
            let cell = String(name.dropFirst("cells/".count).dropLast(".mustache".count))
            // Plain text: the renderer (HTML or PDF) escapes it, so Mustache must not escape it first.
            let (template, tags) = try file.parsed(header: "{{% CONTENT_TYPE: TEXT}}")
            // Mustache prints nothing for a partial it does not know, and a narrative is given none.
            if let partial = tags.first(where: { $0.kind == .partial }) {
                throw ReportError(
                    path: file.path, line: partial.line,
                    reason: "'\(partial.written)': a cell's narrative includes no partials (the page's "
                        + "partials are for report.html.mustache and section.html.mustache)")
            }
            parsed[cell] = template
        }
        self.templates = parsed
    }

    /// The cell's narrative with `values` filled in; empty when neither the project nor serreport has
    /// a template for the cell. An empty value counts as false in `{{#name}}…{{/name}}`.
    package func text(for cell: String, values: [String: String]) -> String {
        guard let template = templates[cell] else { return "" }
        // An empty value is left out: it prints as nothing and `{{#name}}…{{/name}}` skips.
        let context = values.filter { !$0.value.isEmpty }
        return template.render(context).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
