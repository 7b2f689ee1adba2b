import CPangoCairo

/// The only place that calls Pango: lays out single lines of text in any script (HarfBuzz shaping,
/// right-to-left runs, font fallback through fontconfig), breaks text into lines of a given width,
/// and shows lines on a Cairo context. SERReport sets its PDF pages with it too.
///
/// Layout happens in figure points, independent of the surface: the Pango context is not tied to a
/// Cairo context, glyph positions are not rounded and font metrics are not hinted, so a label has the
/// same width in PNG, SVG and PDF at any pixel density, and the same figure always lays out the same.
///
/// Not `Sendable`: one per canvas, used on the canvas's thread (Pango's default font map is per thread).
package final class PangoTypesetter {
    private let context: OpaquePointer
    /// One layout and font per text style, reused for every string in that style.
    private var layouts: [FaceKey: OpaquePointer] = [:]
    private var fonts: [FaceKey: OpaquePointer] = [:]
    /// Widths already measured: tick-label fitting and ellipsis trimming ask for the same strings often.
    private var widths: [WidthKey: Double] = [:]

    package init() {
        context = pango_font_map_create_context(pango_cairo_font_map_get_default())
        let options = cairo_font_options_create()
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
        pango_context_set_round_glyph_positions(context, 0)
    }

    deinit {
        for layout in layouts.values { g_object_unref(UnsafeMutableRawPointer(layout)) }
        for font in fonts.values { pango_font_description_free(font) }
        g_object_unref(UnsafeMutableRawPointer(context))
    }

    /// The logical width of `text` in points.
    package func width(of text: String, font: TextStyle.Font) -> Double {
        let key = WidthKey(text: text, font: font)
        if let known = widths[key] { return known }
        let layout = layout(text, font: font)
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &logical)
        let width = Double(logical.width) / Double(PANGO_SCALE)
        widths[key] = width
        return width
    }

    /// How many characters of `text` no installed font can draw (they would show as boxes).
    func unknownGlyphCount(of text: String, font: TextStyle.Font) -> Int {
        Int(pango_layout_get_unknown_glyphs_count(layout(text, font: font)))
    }

    /// The font's ascent and descent in points: the same for every string, so baselines line up.
    package func lineMetrics(_ font: TextStyle.Font) -> (ascent: Double, descent: Double) {
        let metrics = pango_context_get_metrics(
            context, description(FaceKey(font: font, family: Self.family(for: "", monospaced: font.monospaced))), nil)
        defer { pango_font_metrics_unref(metrics) }
        let scale = Double(PANGO_SCALE)
        return (
            Double(pango_font_metrics_get_ascent(metrics)) / scale,
            Double(pango_font_metrics_get_descent(metrics)) / scale
        )
    }

    /// Shows `text` on `cairo` with the left end of its baseline at the current user-space origin;
    /// the caller sets colour, translation and rotation on the Cairo context.
    package func show(_ text: String, font: TextStyle.Font, on cairo: OpaquePointer) {
        let layout = layout(text, font: font)
        let baseline = Double(pango_layout_get_baseline(layout)) / Double(PANGO_SCALE)
        cairo_move_to(cairo, 0, -baseline)
        pango_cairo_show_layout(cairo, layout)
    }

    /// `text` broken into lines no wider than `width` points: at word boundaries where it can, inside
    /// a word where one word is wider than a line. Line breaks in `text` are kept; the spaces a line
    /// ends with are dropped. An empty text gives one empty line.
    package func lines(of text: String, font: TextStyle.Font, width: Double) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let bytes = Array(paragraph.utf8)
            let layout = layout(String(paragraph), font: font)
            pango_layout_set_width(layout, Int32(clamping: Int((width * Double(PANGO_SCALE)).rounded(.down))))
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
            for index in 0..<pango_layout_get_line_count(layout) {
                guard let line = pango_layout_get_line_readonly(layout, index)?.pointee else { continue }
                let start = min(Int(line.start_index), bytes.count)
                let end = min(start + Int(line.length), bytes.count)
                var text = String(decoding: bytes[start..<end], as: UTF8.self)
                while text.last?.isWhitespace == true { text.removeLast() }
                lines.append(text)
            }
            pango_layout_set_width(layout, -1)
        }
        return lines
    }

    private func layout(_ text: String, font: TextStyle.Font) -> OpaquePointer {
        let key = FaceKey(font: font, family: Self.family(for: text, monospaced: font.monospaced))
        let layout: OpaquePointer
        if let existing = layouts[key] {
            layout = existing
        } else {
            layout = pango_layout_new(context)
            pango_layout_set_font_description(layout, description(key))
            pango_layout_set_single_paragraph_mode(layout, 1)
            layouts[key] = layout
        }
        pango_layout_set_text(layout, text, -1)
        return layout
    }

    /// The font families for `text`: the house font, except that Arabic-script text (Arabic, Urdu,
    /// Persian) is set in a font that has every letter of those languages. Fontconfig's fallback works
    /// letter by letter, so a word DejaVu Sans covers only in part (Urdu's ہ, ے) would otherwise mix
    /// two fonts and lose its joining.
    static func family(for text: String, monospaced: Bool = false) -> String {
        let house = monospaced ? Theme.monospaceFontFamily : Theme.fontFamily
        let arabic = text.unicodeScalars.contains { scalar in
            Self.arabicBlocks.contains { $0.contains(scalar.value) }
        }
        return arabic ? Theme.arabicFontFamily + ", " + house : house
    }

    /// Arabic, Arabic Supplement, Arabic Extended-A and the two presentation-form blocks.
    private static let arabicBlocks: [ClosedRange<UInt32>] = [
        0x0600...0x06FF, 0x0750...0x077F, 0x08A0...0x08FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF,
    ]

    private func description(_ key: FaceKey) -> OpaquePointer {
        if let existing = fonts[key] { return existing }
        let font = key.font
        let description = pango_font_description_new()!
        pango_font_description_set_family(description, key.family)
        pango_font_description_set_weight(description, font.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        // Absolute size: in user-space units (points), whatever resolution the font map assumes.
        pango_font_description_set_absolute_size(description, font.size * Double(PANGO_SCALE))
        fonts[key] = description
        return description
    }

    private struct FaceKey: Hashable {
        let font: TextStyle.Font
        let family: String
    }

    private struct WidthKey: Hashable {
        let text: String
        let font: TextStyle.Font
    }
}
