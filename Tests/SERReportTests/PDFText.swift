import CPoppler
import Foundation

/// A PDF file read back with poppler-glib, for tests: its page count, page sizes, each page's text
/// and where on the page each character of it is.
struct PDFText {
    /// A character's box in points, origin at the page's top left.
    struct Box {
        let x1, y1, x2, y2: Double
    }

    let pages: [String]
    let pageSizes: [(width: Double, height: Double)]
    /// Each page's character boxes, spaces and line ends left out.
    let boxes: [[Box]]

    init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw CocoaError(.fileReadNoSuchFile) }
        let bytes = data.withUnsafeBytes { g_bytes_new($0.baseAddress, gsize($0.count)) }
        defer { g_bytes_unref(bytes) }
        var error: UnsafeMutablePointer<GError>?
        guard let document = poppler_document_new_from_bytes(bytes, nil, &error) else {
            if let error { g_error_free(error) }
            throw CocoaError(.fileReadCorruptFile)
        }
        defer { g_object_unref(UnsafeMutableRawPointer(document)) }
        var pages: [String] = []
        var sizes: [(Double, Double)] = []
        var boxes: [[Box]] = []
        for index in 0..<poppler_document_get_n_pages(document) {
            guard let page = poppler_document_get_page(document, index) else { throw CocoaError(.fileReadCorruptFile) }
            defer { g_object_unref(UnsafeMutableRawPointer(page)) }
            var width = 0.0
            var height = 0.0
            poppler_page_get_size(page, &width, &height)
            sizes.append((width, height))
            let text = poppler_page_get_text(page)
            defer { g_free(text) }
            pages.append(text.map { String(cString: $0) } ?? "")
            var rectangles: UnsafeMutablePointer<PopplerRectangle>?
            var count: guint = 0
            poppler_page_get_text_layout(page, &rectangles, &count)
            defer { g_free(rectangles) }
            let all = UnsafeBufferPointer(start: rectangles, count: Int(count)).map {
                Box(x1: $0.x1, y1: $0.y1, x2: $0.x2, y2: $0.y2)
            }
            boxes.append(all.filter { $0.x2 > $0.x1 && $0.y2 > $0.y1 })
        }
        self.pages = pages
        self.pageSizes = sizes
        self.boxes = boxes
    }

    /// The pages (counted from 1) whose text contains `text`.
    func pages(containing text: String) -> [Int] {
        pages.indices.filter { pages[$0].contains(text) }.map { $0 + 1 }
    }
}
