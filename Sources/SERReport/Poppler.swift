import CPoppler
import Foundation

/// The only place that calls Poppler: a figure's PDF file, opened with poppler-glib, whose first
/// page is drawn onto the report's Cairo context. Poppler replays the page as Cairo paths, images and
/// glyphs, so the figure stays vectors and its labels stay text.
///
/// Not `Sendable`: one per figure, used by the render that opened it.
final class EmbeddedPDF {
    private let document: OpaquePointer
    private let page: OpaquePointer
    /// The first page's size in points.
    let width: Double
    let height: Double

    /// Opens the PDF file at `path` and its first page.
    init(path: String) throws(ReportError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReportError(path: path, reason: "cannot read the file")
        }
        let bytes = data.withUnsafeBytes { g_bytes_new($0.baseAddress, gsize($0.count)) }
        defer { g_bytes_unref(bytes) }
        var error: UnsafeMutablePointer<GError>?
        guard let document = poppler_document_new_from_bytes(bytes, nil, &error) else {
            throw Self.failure(error, path: path)
        }
        guard poppler_document_get_n_pages(document) > 0, let page = poppler_document_get_page(document, 0) else {
            g_object_unref(UnsafeMutableRawPointer(document))
            throw ReportError(path: path, reason: "the PDF has no pages")
        }
        var width = 0.0
        var height = 0.0
        poppler_page_get_size(page, &width, &height)
        self.document = document
        self.page = page
        self.width = width
        self.height = height
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(page))
        g_object_unref(UnsafeMutableRawPointer(document))
    }

    /// Draws the first page with its top left corner at the user-space origin of `cairo`, one point of
    /// the page per user-space unit; the caller translates, scales and clips.
    func render(on cairo: OpaquePointer) {
        poppler_page_render(page, cairo)
    }

    /// Poppler's `GError` as a ``ReportError`` naming the file; frees the error.
    private static func failure(_ error: UnsafeMutablePointer<GError>?, path: String) -> ReportError {
        defer { if let error { g_error_free(error) } }
        let message = cpoppler_error_message(error).map { String(cString: $0) } ?? "unknown error"
        return ReportError(path: path, reason: "not a readable PDF (\(message))")
    }
}
