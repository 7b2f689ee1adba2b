import Foundation
import SERFigures
import SERPlot
import SERTestSupport
import Testing

@Suite struct EmotionPaletteTests {
    @Test func sameEmotionSameColourInEveryCorpus() {
        let ravdess = EmotionPalette(emotions: [
            "neutral", "calm", "happy", "sad", "angry", "fearful", "disgust", "surprised",
        ])
        let emodb = EmotionPalette(emotions: ["neutral", "disgust", "anger", "boredom", "fear", "happiness", "sadness"])
        let german = EmotionPalette(emotions: ["Ärger", "Freude", "Trauer", "Angst", "Ekel", "Langeweile"])
        #expect(ravdess.color(for: "angry") == emodb.color(for: "anger"))
        #expect(ravdess.color(for: "angry") == german.color(for: "Ärger"))
        #expect(ravdess.color(for: "happy") == emodb.color(for: "happiness"))
        #expect(ravdess.color(for: "sad") == german.color(for: "Trauer"))
        #expect(emodb.color(for: "boredom") == german.color(for: "Langeweile"))
    }

    @Test func everyEmotionOfACorpusHasItsOwnColour() {
        for emotions in [
            ["neutral", "calm", "happy", "sad", "angry", "fearful", "disgust", "surprised"],
            ["neutral", "disgust", "anger", "boredom", "fear", "happiness", "sadness"],
            ["joy", "anger", "amusement", "pride", "relief", "contempt", "shame", "awe"],
        ] {
            let palette = EmotionPalette(emotions: emotions)
            #expect(Set(emotions.map { palette.color(for: $0) }).count == emotions.count, "\(emotions)")
        }
    }

    @Test func boredomHasItsOwnColourFarFromNeutralGrey() {
        let emodb = EmotionPalette(emotions: ["neutral", "disgust", "anger", "boredom", "fear", "happiness", "sadness"])
        let boredom = emodb.color(for: "boredom")
        #expect(boredom.luminance > 0.03, "boredom must not be (near) black")
        #expect(Self.distance(boredom, emodb.color(for: "neutral")) >= 30)
        // Its light box fill must not turn into neutral's grey either.
        #expect(Self.distance(Self.tint(boredom), Self.tint(emodb.color(for: "neutral"))) >= 10)
        let ravdess = EmotionPalette(emotions: [
            "neutral", "calm", "happy", "sad", "angry", "fearful", "disgust", "surprised",
        ])
        for emotion in ravdess.emotions {
            #expect(Self.distance(boredom, ravdess.color(for: emotion)) >= 25, "boredom too close to \(emotion)")
        }
    }

    @Test func lightColoursGetADarkerStrokeAndKeepTheirFill() {
        let palette = EmotionPalette(emotions: ["surprised", "happy", "sad", "neutral"])
        let yellow = palette.color(for: "surprised")
        #expect(yellow == Color(hex: 0xF0E442))
        let stroke = palette.strokeColor(for: "surprised")
        #expect(stroke != yellow)
        // WCAG contrast against white at least that of orange, the next lightest colour.
        #expect((1.05 / (stroke.luminance + 0.05)) >= 2)
        // The same hue, only darker: every component scaled alike.
        let scale = stroke.green / yellow.green
        #expect(
            scale < 1 && abs(stroke.red - scale * yellow.red) < 1e-9 && abs(stroke.blue - scale * yellow.blue) < 1e-9)
        for emotion in ["happy", "sad", "neutral"] {
            #expect(palette.strokeColor(for: emotion) == palette.color(for: emotion))
        }
    }

    /// CIE 1976 ΔE between two opaque sRGB colours (D65).
    static func distance(_ a: Color, _ b: Color) -> Double {
        let (la, lb) = (lab(a), lab(b))
        return ((la.0 - lb.0) * (la.0 - lb.0) + (la.1 - lb.1) * (la.1 - lb.1) + (la.2 - lb.2) * (la.2 - lb.2))
            .squareRoot()
    }

    static func lab(_ color: Color) -> (Double, Double, Double) {
        func linear(_ c: Double) -> Double { c <= 0.040_45 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4) }
        let (r, g, b) = (linear(color.red), linear(color.green), linear(color.blue))
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.950_47
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.088_83
        func f(_ t: Double) -> Double { t > 216.0 / 24389 ? cbrt(t) : t * 841.0 / 108 + 4.0 / 29 }
        return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))
    }

    /// `color` at the box plots' fill opacity over white.
    static func tint(_ color: Color) -> Color {
        Color(red: 0.35 * color.red + 0.65, green: 0.35 * color.green + 0.65, blue: 0.35 * color.blue + 0.65)
    }

    @Test func aliasesCannotShareAColour() {
        // Two names for the same emotion in one corpus still get different colours.
        let palette = EmotionPalette(emotions: ["angry", "anger"])
        #expect(palette.color(for: "angry") != palette.color(for: "anger"))
    }

    @Test func labelsInAnyScriptAreDrawn() throws {
        let folder = try OutputFolder()
        let emotions = ["غصہ", "خوشی", "سعادة", "Ärger", "neutral"]
        let palette = EmotionPalette(emotions: emotions)
        let clips = emotions.enumerated().flatMap { index, emotion in
            (0...index).map { _ in ClipFacts(emotion: emotion, speaker: "s1", duration: 1) }
        }
        let figure = LoadFigures.classBalance(clips, palette: palette)
        let rendered = try RenderedFigure(figure, name: "scripts", in: folder)
        for emotion in emotions { #expect(rendered.svgHasText(emotion)) }
        #expect(rendered.inkFraction > 0.03)
    }
}
