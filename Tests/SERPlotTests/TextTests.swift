import Testing

@testable import SERPlot

/// Text goes through Pango: any script the installed fonts cover is shaped and drawn, and the SVG
/// carries every string as (invisible) text.
@Suite struct TextTests {
    @Test(arguments: ["Ärger, Langeweile, Trauer", "غصہ خوشی اداسی", "سعادة وحزن", "Ελληνικά", "Русский", "emoción"])
    func everyLetterHasAGlyph(text: String) {
        let typesetter = PangoTypesetter()
        #expect(typesetter.unknownGlyphCount(of: text, font: Theme.tickLabel.font) == 0)
        #expect(typesetter.width(of: text, font: Theme.tickLabel.font) > 10)
    }

    @Test func arabicScriptGetsAFontThatCoversIt() {
        #expect(PangoTypesetter.family(for: "غصہ").hasPrefix(Theme.arabicFontFamily))
        #expect(PangoTypesetter.family(for: "Ärger") == Theme.fontFamily)
    }

    @Test func linesBreakAtWordsAndStayWithinTheWidth() {
        let typesetter = PangoTypesetter()
        let font = Theme.axisLabel.font
        let text = "Each clip is decoded with libsndfile, mixed to mono and resampled with libsoxr's HQ recipe."
        let lines = typesetter.lines(of: text, font: font, width: 120)
        #expect(lines.count >= 4)
        #expect(lines.allSatisfy { typesetter.width(of: $0, font: font) <= 120 })
        #expect(lines.joined(separator: " ") == text)
        #expect(typesetter.lines(of: "one\n\ntwo", font: font, width: 500) == ["one", "", "two"])
        let word = String(repeating: "x", count: 80)
        #expect(typesetter.lines(of: word, font: font, width: 100).joined() == word, "a long word breaks inside")
    }

    @Test func widthsDoNotDependOnTheFormatOrDensity() throws {
        let text = "MFCC 13 — fearful"
        var widths: [Double] = []
        for (format, density) in [(FigureFormat.png, 1.0), (.png, 2), (.svg, 1), (.pdf, 1)] {
            let canvas = try CairoCanvas(
                format: format, width: 100, height: 100, pixelDensity: density, title: "", destination: "x")
            widths.append(canvas.width(of: text, style: Theme.axisLabel))
        }
        #expect(Set(widths).count == 1)
    }

    @Test func svgCarriesEveryStringEscaped() throws {
        let figure = Figure(
            title: "A & B <C>", panels: [Axes(title: "\"quoted\"", xLabel: "x's", yLabel: "غصہ", marks: [])])
        let svg = String(decoding: try figure.encoded(as: .svg, pixelDensity: 1, destination: "x.svg"), as: UTF8.self)
        #expect(svg.contains(">A &amp; B &lt;C&gt;</text>"))
        #expect(svg.contains(">&quot;quoted&quot;</text>"))
        #expect(svg.contains(">x&apos;s</text>"))
        #expect(svg.contains(">غصہ</text>"))
        #expect(svg.contains("transform=\"rotate(-90 "))
        #expect(svg.hasSuffix("</svg>\n"))
    }

    @Test func svgNumbersAreShort() {
        #expect(SVGTextLayer.number(12) == "12")
        #expect(SVGTextLayer.number(12.345) == "12.35")
        #expect(SVGTextLayer.number(-0.001) == "0")
    }
}
