package import Foundation
import Mustache

/// The prose of each report section: a Mustache template per cell (`Templates/cells/<cell>.mustache`)
/// filled with the numbers the cell recorded (`{{clips}}`, `{{protocol}}`). A project can replace any
/// of them with its own `<folder>/cells/<cell>.mustache` (`report.templates`, default `templates/`),
/// the way Quarto or Jekyll let a site override a built-in layout; editing one re-renders the report
/// without running any cell.
package struct CellNarratives: Sendable {
    private let overrides: URL?

    /// - Parameter overrides: the project's template folder; `nil` or a missing folder uses the built-ins.
    package init(overrides: URL?) {
        self.overrides = overrides
    }

    /// The cell's narrative with `values` filled in; empty when neither the project nor serreport has
    /// a template for the cell. An empty value counts as false in `{{#name}}…{{/name}}`.
    package func text(for cell: String, values: [String: String]) throws(ReportError) -> String {
        let own = overrides?.appendingPathComponent("cells/\(cell).mustache")
        let url: URL
        if let own, FileManager.default.fileExists(atPath: own.path) {
            url = own
        } else if let builtIn = Bundle.module.url(forResource: "Templates/cells/\(cell)", withExtension: "mustache") {
            url = builtIn
        } else {
            return ""
        }
        let template: MustacheTemplate
        do {
            // Plain text: the renderer (HTML or PDF) escapes it, so Mustache must not escape it first.
            template = try MustacheTemplate(
                string: "{{% CONTENT_TYPE: TEXT}}" + (try String(contentsOf: url, encoding: .utf8)))
        } catch {
            throw ReportError(path: url.path, reason: "template does not parse (\(error))")
        }
        // An empty value is left out: it prints as nothing and `{{#name}}…{{/name}}` skips.
        let context = values.filter { !$0.value.isEmpty }
        return template.render(context).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
