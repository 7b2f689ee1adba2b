import CPoppler
import Foundation

/// The only place that calls Poppler: a figure's PDF file, opened with poppler-glib, whose first
/// page is drawn onto the report's Cairo context. Poppler replays the page as Cairo paths, images and
/// glyphs, so the figure stays vectors and its labels stay text.
///
/// poppler-glib is loaded on first use (see CPoppler's shim). Not `Sendable`: one per figure, used by
/// the render that opened it.
final class EmbeddedPDF {
    private let document: UnsafeMutableRawPointer
    private let page: UnsafeMutableRawPointer
    /// The first page's size in points.
    let width: Double
    let height: Double

    /// Opens the PDF file at `path` and its first page.
    init(path: String) throws(ReportError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReportError(path: path, reason: "cannot read the file")
        }
        var reason = [CChar](repeating: 0, count: 512)
        let opened = data.withUnsafeBytes { cpoppler_open($0.baseAddress, $0.count, &reason, reason.count) }
        guard let document = opened else {
            let message = String(decoding: reason.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw ReportError(path: path, reason: "not a readable PDF (\(message))")
        }
        guard cpoppler_page_count(document) > 0, let page = cpoppler_page(document, 0) else {
            cpoppler_release(document)
            throw ReportError(path: path, reason: "the PDF has no pages")
        }
        var width = 0.0
        var height = 0.0
        cpoppler_page_size(page, &width, &height)
        self.document = document
        self.page = page
        self.width = width
        self.height = height
    }

    deinit {
        cpoppler_release(page)
        cpoppler_release(document)
    }

    /// Draws the first page with its top left corner at the user-space origin of `cairo`, one point of
    /// the page per user-space unit; the caller translates, scales and clips.
    func render(on cairo: OpaquePointer) {
        cpoppler_render(page, UnsafeMutableRawPointer(cairo))
    }
}
