package import Foundation
import Mustache

/// Renders a ``ReportDocument`` to `index.html` from the Mustache templates in `Templates/`.
///
/// All text goes through Mustache's `{{ }}` escaping; the page loads nothing from the network
/// (a Content-Security-Policy meta tag forbids it) and its CSS is inlined.
package struct HTMLReport: Sendable {
    private let library: MustacheLibrary

    package init() throws(ReportError) {
        var library = MustacheLibrary()
        for name in ["report", "section", "style"] {
            let file = name == "style" ? "style.css" : "\(name).html"
            guard let url = Bundle.module.url(forResource: "Templates/\(file)", withExtension: "mustache") else {
                throw ReportError(path: "Templates/\(file).mustache", reason: "template missing from the build")
            }
            do {
                try library.register(String(contentsOf: url, encoding: .utf8), named: name)
            } catch {
                throw ReportError(path: url.path, reason: "template does not parse (\(error))")
            }
        }
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
