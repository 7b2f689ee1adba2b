import Foundation
import Mustache

/// Renders a ``ReportDocument`` to `index.html` from the Mustache templates in `Templates/`.
///
/// All text goes through Mustache's `{{ }}` escaping; the page loads nothing from the network
/// (a Content-Security-Policy meta tag forbids it) and its CSS is inlined.
public struct HTMLReport: Sendable {
    private let library: MustacheLibrary

    public init() throws(ReportError) {
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

    public func render(_ document: ReportDocument) -> String {
        library.render(document, withTemplate: "report") ?? ""
    }

    /// Renders and writes atomically to `path`.
    public func write(_ document: ReportDocument, to path: String) throws(ReportError) {
        do {
            try Data(render(document).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ReportError(path: path, reason: "cannot write (\(error.localizedDescription))")
        }
    }
}
