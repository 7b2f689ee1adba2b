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
        var reason = [CChar](repeating: 0, count: 512)
        guard let document = data.withUnsafeBytes({ cpoppler_open($0.baseAddress, $0.count, &reason, reason.count) })
        else { throw CocoaError(.fileReadCorruptFile) }
        defer { cpoppler_release(document) }
        var pages: [String] = []
        var sizes: [(Double, Double)] = []
        var boxes: [[Box]] = []
        for index in 0..<cpoppler_page_count(document) {
            guard let page = cpoppler_page(document, index) else { throw CocoaError(.fileReadCorruptFile) }
            defer { cpoppler_release(page) }
            var width = 0.0
            var height = 0.0
            cpoppler_page_size(page, &width, &height)
            sizes.append((width, height))
            let text = cpoppler_page_text(page)
            defer { cpoppler_free(text) }
            pages.append(text.map { String(cString: $0) } ?? "")
            var rectangles: UnsafeMutablePointer<Double>?
            var count: UInt32 = 0
            cpoppler_page_text_layout(page, &rectangles, &count)
            defer { cpoppler_free(rectangles) }
            let values = UnsafeBufferPointer(start: rectangles, count: 4 * Int(count))
            let all = stride(from: 0, to: values.count, by: 4).map {
                Box(x1: values[$0], y1: values[$0 + 1], x2: values[$0 + 2], y2: values[$0 + 3])
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
