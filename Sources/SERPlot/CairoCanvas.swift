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
    private let sink = CairoByteSink()
    private let typesetter = PangoTypesetter()
    /// Every string drawn on an SVG canvas, added to the file as invisible text (see ``SVGTextLayer``).
    private var svgText: [SVGTextLayer.Entry] = []

    /// A blank canvas `width` × `height` points; PNG pixels are `pixelDensity` per point.
    init(
        format: FigureFormat, width: Double, height: Double, pixelDensity: Double, title: String, destination: String
    ) throws(PlotError) {
        self.destination = destination
        self.format = format
        let created: OpaquePointer?
        switch format {
        case .png:
            // Sizes past Int32 are clamped; Cairo then reports anything over 32767 pixels as invalid.
            let pixels = { (points: Double) in Int32(min((points * pixelDensity).rounded(.up), Double(Int32.max))) }
            created = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, pixels(width), pixels(height))
        case .svg:
            created = cairo_svg_surface_create_for_stream(CairoByteSink.write, sink.closure, width, height)
        case .pdf:
            created = cairo_pdf_surface_create_for_stream(CairoByteSink.write, sink.closure, width, height)
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

    /// Strokes each run of points as one polyline with round joins, dashed by `dash` (on, off, … in
    /// points) unless it is empty.
    func strokePolylines(_ runs: [[Point]], color: Color, width: Double, dash: [Double] = []) {
        appendPolylines(runs)
        setSource(color)
        cairo_set_line_width(context, width)
        cairo_set_line_cap(context, dash.isEmpty ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT)
        cairo_set_line_join(context, CAIRO_LINE_JOIN_ROUND)
        cairo_set_dash(context, dash, Int32(dash.count), 0)
        cairo_stroke(context)
        cairo_set_dash(context, nil, 0, 0)
    }

    /// Fills each rectangle in its colour (one path per colour, in order of first use), then strokes
    /// every outline in `outline` if given.
    func fillRects(_ rects: [(Rect, Color)], outline: Color?, outlineWidth: Double) {
        var colors: [Color] = []
        var byColor: [Color: [Rect]] = [:]
        for (rect, color) in rects {
            if byColor[color] == nil { colors.append(color) }
            byColor[color, default: []].append(rect)
        }
        for color in colors {
            for rect in byColor[color] ?? [] { cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height) }
            setSource(color)
            cairo_fill(context)
        }
        guard let outline, !rects.isEmpty else { return }
        for (rect, _) in rects { cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height) }
        setSource(outline)
        cairo_set_line_width(context, outlineWidth)
        cairo_set_line_join(context, CAIRO_LINE_JOIN_MITER)
        cairo_stroke(context)
    }

    /// Fills a circle of `radius` points at each centre, each outlined 0.5 points wide in `outline` if given.
    func fillCircles(_ centres: [Point], radius: Double, color: Color, outline: Color?) {
        guard !centres.isEmpty else { return }
        setSource(color)
        for centre in centres {
            cairo_new_sub_path(context)
            cairo_arc(context, centre.x, centre.y, radius, 0, 2 * Double.pi)
        }
        guard let outline else {
            cairo_fill(context)
            return
        }
        cairo_fill_preserve(context)
        setSource(outline)
        cairo_set_line_width(context, 0.5)
        cairo_stroke(context)
    }

    /// Draws an opaque image of `width` × `height` pixels (0xRRGGBB, top row first) stretched over
    /// `rect`, each pixel a sharp-edged block, as matplotlib's `imshow(interpolation="nearest")`.
    func drawImage(_ pixels: [UInt32], width: Int, height: Int, in rect: Rect) {
        precondition(pixels.count == width * height, "image: \(pixels.count) pixels for \(width) × \(height)")
        guard let image = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)),
            cairo_surface_status(image) == CAIRO_STATUS_SUCCESS, let data = cairo_image_surface_get_data(image)
        else { return }
        defer { cairo_surface_destroy(image) }
        cairo_surface_flush(image)
        let stride = Int(cairo_image_surface_get_stride(image))
        // RGB24 keeps each pixel as a native-endian 32-bit word 0x00RRGGBB.
        let words = UnsafeMutableRawPointer(data)
        for row in 0..<height {
            let line = (words + row * stride).bindMemory(to: UInt32.self, capacity: width)
            for column in 0..<width { line[column] = pixels[row * width + column] }
        }
        cairo_surface_mark_dirty(image)
        cairo_save(context)
        cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
        cairo_clip(context)
        cairo_translate(context, rect.x, rect.y)
        cairo_scale(context, rect.width / Double(width), rect.height / Double(height))
        cairo_set_source_surface(context, image, 0, 0)
        cairo_pattern_set_filter(cairo_get_source(context), CAIRO_FILTER_NEAREST)
        cairo_paint(context)
        cairo_restore(context)
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
        typesetter.width(of: text, font: style.font)
    }

    /// `text` as it is if it fits in `width` points, otherwise cut short with an ellipsis so it does.
    func fitted(_ text: String, width: Double, style: TextStyle) -> String {
        typesetter.fitted(text, width: width, font: style.font)
    }

    /// `text` wrapped at spaces into lines at most `width` points wide (``PangoTypesetter/wrapped(_:width:font:)``).
    func wrapped(_ text: String, width: Double, style: TextStyle) -> [String] {
        typesetter.wrapped(text, width: width, font: style.font)
    }

    /// The font's ascent and descent in points, the same for every string (so baselines line up).
    func lineMetrics(_ style: TextStyle) -> (ascent: Double, descent: Double) {
        typesetter.lineMetrics(style.font)
    }

    /// Draws `text` with its baseline through `origin`, `anchor` saying which part of the text sits
    /// at `origin`; `angle` turns it anticlockwise by that many degrees (90 reads upwards).
    func draw(_ text: String, at origin: Point, style: TextStyle, anchor: TextAnchor, angle: Double = 0) {
        guard !text.isEmpty else { return }
        let offset = -anchor.fraction * width(of: text, style: style)
        cairo_save(context)
        cairo_translate(context, origin.x, origin.y)
        if angle != 0 { cairo_rotate(context, -angle * Double.pi / 180) }
        cairo_translate(context, offset, 0)
        setSource(style.color)
        typesetter.show(text, font: style.font, on: context)
        cairo_restore(context)
        if format == .svg {
            svgText.append(
                SVGTextLayer.Entry(text: text, origin: origin, offset: offset, angle: angle, size: style.size))
        }
    }

    // MARK: Output

    /// Completes the surface and returns the encoded file.
    func finish() throws(PlotError) -> [UInt8] {
        try check(cairo_status(context))
        switch format {
        case .png:
            cairo_surface_flush(surface)
            try check(cairo_surface_write_to_png_stream(surface, CairoByteSink.write, sink.closure))
            return sink.bytes
        case .svg:
            cairo_surface_finish(surface)
            try check(cairo_surface_status(surface))
            return SVGTextLayer.inserted(svgText, into: SVGIdentifiers.renumbered(sink.bytes))
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

    private func appendPolylines(_ runs: [[Point]], closed: Bool = false) {
        for run in runs {
            guard let first = run.first else { continue }
            cairo_move_to(context, first.x, first.y)
            for point in run.dropFirst() { cairo_line_to(context, point.x, point.y) }
            if closed { cairo_close_path(context) }
        }
    }
}

/// Which part of a string sits at the point it is drawn at: its start (legend labels), its middle
/// (titles, x tick labels) or its end (right-aligned y tick labels).
enum TextAnchor {
    case start, middle, end

    /// How far along the string's width the anchor point is.
    var fraction: Double {
        switch self {
        case .start: 0
        case .middle: 0.5
        case .end: 1
        }
    }
}
