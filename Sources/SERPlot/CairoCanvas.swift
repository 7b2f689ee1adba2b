import CCairo

/// The only place that calls Cairo: one surface and its drawing context for one render, drawing in
/// points with the origin at the top left, and the encoded file as bytes at the end. Cairo's sticky
/// error status becomes a ``PlotError`` here and nowhere else.
///
/// Not `Sendable`: make one per render, on the task that renders.
final class CairoCanvas {
    /// Where the finished file will go, named in errors.
    private let destination: String
    private let format: FigureFormat
    private let surface: OpaquePointer
    private let context: OpaquePointer
    /// Collects what the SVG and PDF surfaces stream out; outlives the surface (released after `deinit`).
    private let sink: ByteSink

    /// A blank canvas `width` × `height` points; PNG pixels are `pixelDensity` per point.
    init(
        format: FigureFormat, width: Double, height: Double, pixelDensity: Double, title: String, destination: String
    ) throws(PlotError) {
        self.destination = destination
        self.format = format
        let sink = ByteSink()
        self.sink = sink
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        let created: OpaquePointer?
        switch format {
        case .png:
            // Sizes past Int32 are clamped; Cairo then reports anything over 32767 pixels as invalid.
            let pixels = { (points: Double) in Int32(min((points * pixelDensity).rounded(.up), Double(Int32.max))) }
            created = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, pixels(width), pixels(height))
        case .svg:
            created = cairo_svg_surface_create_for_stream(appendToSink, closure, width, height)
        case .pdf:
            created = cairo_pdf_surface_create_for_stream(appendToSink, closure, width, height)
        }
        guard let surface = created else {
            throw PlotError(.rendering, path: destination, reason: "Cairo returned no surface")
        }
        if format == .pdf {
            // Cairo 1.16 stamps the current time as /CreationDate unless one is set; a value that is
            // not an ISO 8601 date makes it write none, so the same figure gives the same bytes.
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "")
            if !title.isEmpty { cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title) }
        }
        self.surface = surface
        self.context = cairo_create(surface)
        try check(cairo_surface_status(surface))
        try check(cairo_status(context))
        if format == .png { cairo_scale(context, pixelDensity, pixelDensity) }
        // Every font option is explicit and the same for all three formats: unhinted advances, so text
        // is laid out the same in PNG, SVG and PDF at any density, and unhinted grey-antialiased glyphs.
        // Cairo resolves a toy font face once per process with the options of its first use and keeps
        // them, so with any option left to the surface a PNG's pixels would depend on whether a PDF or
        // a PNG happened to be drawn first.
        let options = cairo_font_options_create()
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_set_font_options(context, options)
        cairo_font_options_destroy(options)
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    // MARK: Shapes

    func fill(_ rect: Rect, color: Color) {
        setSource(color)
        cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
        cairo_fill(context)
    }

    /// Strokes each segment as a straight line with square-cut ends.
    func strokeSegments(_ segments: [(Point, Point)], color: Color, width: Double) {
        guard !segments.isEmpty else { return }
        for (from, to) in segments {
            cairo_move_to(context, from.x, from.y)
            cairo_line_to(context, to.x, to.y)
        }
        setSource(color)
        cairo_set_line_width(context, width)
        cairo_set_line_cap(context, CAIRO_LINE_CAP_BUTT)
        cairo_stroke(context)
    }

    /// Strokes each run of points as one polyline with round joins.
    func strokePolylines(_ runs: [[Point]], color: Color, width: Double) {
        appendPolylines(runs)
        setSource(color)
        cairo_set_line_width(context, width)
        cairo_set_line_cap(context, CAIRO_LINE_CAP_ROUND)
        cairo_set_line_join(context, CAIRO_LINE_JOIN_ROUND)
        cairo_stroke(context)
    }

    /// Fills each closed polygon, then strokes its outline `outlineWidth` wide in the same colour so
    /// that a band thinner than a pixel still shows.
    func fillPolygons(_ polygons: [[Point]], color: Color, outlineWidth: Double) {
        appendPolylines(polygons, closed: true)
        setSource(color)
        cairo_fill_preserve(context)
        cairo_set_line_width(context, outlineWidth)
        cairo_set_line_join(context, CAIRO_LINE_JOIN_ROUND)
        cairo_stroke(context)
    }

    /// Runs `draw` with everything clipped to `rect`.
    func clipped(to rect: Rect, _ draw: () -> Void) {
        cairo_save(context)
        cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
        cairo_clip(context)
        draw()
        cairo_restore(context)
    }

    // MARK: Text

    /// The advance width of `text` in points.
    func width(of text: String, style: TextStyle) -> Double {
        select(style)
        var extents = cairo_text_extents_t()
        cairo_text_extents(context, text, &extents)
        return extents.x_advance
    }

    /// The font's ascent and descent in points, the same for every string (so baselines line up).
    func lineMetrics(_ style: TextStyle) -> (ascent: Double, descent: Double) {
        select(style)
        var extents = cairo_font_extents_t()
        cairo_font_extents(context, &extents)
        return (extents.ascent, extents.descent)
    }

    /// Draws `text` with its baseline through `origin`, `anchor` saying which part of the text sits
    /// at `origin`; `vertical` turns it a quarter anticlockwise, reading upwards.
    func draw(_ text: String, at origin: Point, style: TextStyle, anchor: TextAnchor, vertical: Bool = false) {
        guard !text.isEmpty else { return }
        let offset = -anchor.fraction * width(of: text, style: style)
        cairo_save(context)
        cairo_translate(context, origin.x, origin.y)
        if vertical { cairo_rotate(context, -Double.pi / 2) }
        cairo_move_to(context, offset, 0)
        setSource(style.color)
        cairo_show_text(context, text)
        cairo_restore(context)
    }

    // MARK: Output

    /// Completes the surface and returns the encoded file.
    func finish() throws(PlotError) -> [UInt8] {
        try check(cairo_status(context))
        switch format {
        case .png:
            cairo_surface_flush(surface)
            try check(
                cairo_surface_write_to_png_stream(surface, appendToSink, Unmanaged.passUnretained(sink).toOpaque()))
            return sink.bytes
        case .svg:
            cairo_surface_finish(surface)
            try check(cairo_surface_status(surface))
            return SVGIdentifiers.renumbered(sink.bytes)
        case .pdf:
            cairo_surface_finish(surface)
            try check(cairo_surface_status(surface))
            return sink.bytes
        }
    }

    // MARK: Private

    private func check(_ status: cairo_status_t) throws(PlotError) {
        guard status != CAIRO_STATUS_SUCCESS else { return }
        throw PlotError(
            .rendering, path: destination, reason: "cairo: \(String(cString: cairo_status_to_string(status)))")
    }

    private func setSource(_ color: Color) {
        cairo_set_source_rgba(context, color.red, color.green, color.blue, color.alpha)
    }

    private func select(_ style: TextStyle) {
        cairo_select_font_face(
            context, Theme.fontFamily, CAIRO_FONT_SLANT_NORMAL,
            style.bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL
        )
        cairo_set_font_size(context, style.size)
    }

    private func appendPolylines(_ runs: [[Point]], closed: Bool = false) {
        for run in runs {
            guard let first = run.first else { continue }
            cairo_move_to(context, first.x, first.y)
            for point in run.dropFirst() { cairo_line_to(context, point.x, point.y) }
            if closed { cairo_close_path(context) }
        }
    }
}

/// Which part of a string sits at the point it is drawn at: its middle (titles, x tick labels) or its
/// end (right-aligned y tick labels).
enum TextAnchor {
    case middle, end

    /// How far along the string's width the anchor point is.
    var fraction: Double {
        switch self {
        case .middle: 0.5
        case .end: 1
        }
    }
}

/// The bytes Cairo has streamed out so far.
private final class ByteSink {
    var bytes: [UInt8] = []
}

/// Cairo's `cairo_write_func_t`: appends a chunk to the ``ByteSink`` passed as `closure`.
private func appendToSink(_ closure: UnsafeMutableRawPointer?, _ data: UnsafePointer<UInt8>?, _ length: UInt32)
    -> cairo_status_t
{
    guard let closure else { return CAIRO_STATUS_WRITE_ERROR }
    guard let data, length > 0 else { return CAIRO_STATUS_SUCCESS }
    let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
    sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
    return CAIRO_STATUS_SUCCESS
}
