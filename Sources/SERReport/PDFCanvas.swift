import CCairo
import SERPlot

/// The only place in SERReport that calls Cairo: a multi-page PDF surface streamed into memory, on
/// which each page's ``PDFMark``s are drawn in turn. Text goes through SERPlot's ``PangoTypesetter``,
/// figures' PDF files through ``EmbeddedPDF``. Cairo's sticky error status becomes a ``ReportError``
/// in ``finish()``.
///
/// The file has no creation date and no random ids, so the same marks always give the same bytes.
/// Not `Sendable`: one per render.
final class PDFCanvas {
    private let destination: String
    private let surface: OpaquePointer
    private let context: OpaquePointer
    private let sink = CairoByteSink()
    private let typesetter: PangoTypesetter

    /// An empty document of `width` × `height` point pages titled `title`; `destination` only names
    /// the file in errors.
    init(width: Double, height: Double, title: String, typesetter: PangoTypesetter, destination: String)
        throws(ReportError)
    {
        self.destination = destination
        self.typesetter = typesetter
        guard let surface = cairo_pdf_surface_create_for_stream(CairoByteSink.write, sink.closure, width, height) else {
            throw ReportError(path: destination, reason: "Cairo returned no PDF surface")
        }
        // Cairo 1.16 stamps the current time as /CreationDate unless one is set; a value that is not
        // an ISO 8601 date makes it write none (as SERPlot's figures do).
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "")
        if !title.isEmpty { cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title) }
        self.surface = surface
        self.context = cairo_create(surface)
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    /// Draws `marks` on the current page and moves on to the next.
    func drawPage(_ marks: [PDFMark]) {
        for mark in marks { draw(mark) }
        cairo_show_page(context)
    }

    /// Adds a top-level bookmark to the document outline.
    func addOutline(_ entry: PDFOutlineEntry) {
        _ = cairo_pdf_surface_add_outline(
            surface, Int32(CAIRO_PDF_OUTLINE_ROOT), entry.title, "dest='\(entry.anchor)'", cairo_pdf_outline_flags_t(0))
    }

    /// Completes the document and returns the file's bytes.
    func finish() throws(ReportError) -> [UInt8] {
        cairo_surface_finish(surface)
        for status in [cairo_status(context), cairo_surface_status(surface)] where status != CAIRO_STATUS_SUCCESS {
            throw ReportError(path: destination, reason: "cairo: \(String(cString: cairo_status_to_string(status)))")
        }
        return sink.bytes
    }

    /// Whether Cairo can decode the PNG file at `path`.
    static func canReadPNG(at path: String) -> Bool {
        guard let image = cairo_image_surface_create_from_png(path) else { return false }
        defer { cairo_surface_destroy(image) }
        return cairo_surface_status(image) == CAIRO_STATUS_SUCCESS
    }

    // MARK: Marks

    private func draw(_ mark: PDFMark) {
        switch mark {
        case .text(let text, let origin, let style):
            guard !text.isEmpty else { return }
            cairo_save(context)
            cairo_translate(context, origin.x, origin.y)
            setSource(style.color)
            typesetter.show(text, font: style.font, on: context)
            cairo_restore(context)
        case .fill(let rect, let color, let radius):
            appendRectangle(rect, radius: radius)
            setSource(color)
            cairo_fill(context)
        case .line(let from, let to, let color, let width, let dotted):
            cairo_move_to(context, from.x, from.y)
            cairo_line_to(context, to.x, to.y)
            setSource(color)
            cairo_set_line_width(context, width)
            cairo_set_line_cap(context, dotted ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT)
            let dash = dotted ? [0, 3 * width] : []
            cairo_set_dash(context, dash, Int32(dash.count), 0)
            cairo_stroke(context)
            cairo_set_dash(context, nil, 0, 0)
        case .figure(let source, let rect):
            drawFigure(source, in: rect)
        case .anchor(let name, let y):
            cairo_tag_begin(context, CAIRO_TAG_DEST, "name='\(name)' x=0 y=\(y)")
            cairo_tag_end(context, CAIRO_TAG_DEST)
        case .link(let rect, let anchor):
            // Named destinations: Cairo 1.16 leaves out the target of a page= link to a later page.
            let attributes = "rect=[\(rect.x) \(rect.y) \(rect.width) \(rect.height)] dest='\(anchor)'"
            cairo_tag_begin(context, CAIRO_TAG_LINK, attributes)
            cairo_tag_end(context, CAIRO_TAG_LINK)
        }
    }

    private func drawFigure(_ source: FigureSource, in rect: Rect) {
        switch source {
        case .vector(let document):
            cairo_save(context)
            cairo_translate(context, rect.x, rect.y)
            cairo_scale(context, rect.width / document.width, rect.height / document.height)
            cairo_rectangle(context, 0, 0, document.width, document.height)
            cairo_clip(context)
            document.render(on: context)
            cairo_restore(context)
        case .raster(let path):
            guard let image = cairo_image_surface_create_from_png(path) else { return }
            defer { cairo_surface_destroy(image) }
            let pixelWidth = Double(cairo_image_surface_get_width(image))
            let pixelHeight = Double(cairo_image_surface_get_height(image))
            guard cairo_surface_status(image) == CAIRO_STATUS_SUCCESS, pixelWidth > 0, pixelHeight > 0 else { return }
            cairo_save(context)
            cairo_translate(context, rect.x, rect.y)
            cairo_scale(context, rect.width / pixelWidth, rect.height / pixelHeight)
            cairo_set_source_surface(context, image, 0, 0)
            cairo_pattern_set_filter(cairo_get_source(context), CAIRO_FILTER_GOOD)
            cairo_paint(context)
            cairo_restore(context)
        case .missing:
            // The layout draws the placeholder box and its text around this rectangle.
            break
        }
    }

    private func appendRectangle(_ rect: Rect, radius: Double) {
        guard radius > 0 else {
            cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
            return
        }
        let r = min(radius, rect.width / 2, rect.height / 2)
        let quarter = Double.pi / 2
        cairo_new_sub_path(context)
        cairo_arc(context, rect.maxX - r, rect.minY + r, r, -quarter, 0)
        cairo_arc(context, rect.maxX - r, rect.maxY - r, r, 0, quarter)
        cairo_arc(context, rect.minX + r, rect.maxY - r, r, quarter, 2 * quarter)
        cairo_arc(context, rect.minX + r, rect.minY + r, r, 2 * quarter, 3 * quarter)
        cairo_close_path(context)
    }

    private func setSource(_ color: Color) {
        cairo_set_source_rgba(context, color.red, color.green, color.blue, color.alpha)
    }
}
