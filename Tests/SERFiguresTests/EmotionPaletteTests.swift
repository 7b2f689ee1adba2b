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
