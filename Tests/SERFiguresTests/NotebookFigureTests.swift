import SERLearn
import SERPlot
import SERTestSupport
import Testing

@testable import SERFigures

/// Every figure of the notebook, drawn from synthetic data in PNG, SVG and PDF: the PNG has the
/// figure's size at 2× and is mostly not blank, and the SVG's text holds the title and tick labels.
@Suite struct NotebookFigureTests {
    let folder: OutputFolder

    init() throws { folder = try OutputFolder() }

    private func render(_ figure: Figure, _ name: String) throws -> RenderedFigure {
        let rendered = try RenderedFigure(figure, name: name, in: folder)
        #expect(rendered.pngWidth == Int((figure.width * 2).rounded(.up)))
        #expect(rendered.pngHeight == Int((figure.height * 2).rounded(.up)))
        #expect(rendered.inkFraction > 0.03, "\(name) is almost blank")
        #expect(rendered.inkFraction < 0.9, "\(name) is almost all ink")
        #expect(rendered.svgHasText(figure.title), "\(name): title missing from the SVG")
        #expect(rendered.pdf.starts(with: Array("%PDF-".utf8)))
        return rendered
    }

    @Test func classBalance() throws {
        let figure = LoadFigures.classBalance(SyntheticData.clips(), palette: SyntheticData.palette)
        let rendered = try render(figure, "load-class-balance")
        for emotion in SyntheticData.emotions { #expect(rendered.svgHasText(emotion)) }
        #expect(rendered.svgHasText("30"))  // 240 clips over 8 emotions, written on each bar
        #expect(rendered.svgHasText("clips"))
    }

    @Test func clipsPerSpeaker() throws {
        let figure = LoadFigures.clipsPerSpeaker(SyntheticData.clips(), palette: SyntheticData.palette)
        let rendered = try render(figure, "load-speakers")
        #expect(rendered.svgHasText("Actor_01") && rendered.svgHasText("Actor_12"))
        for emotion in SyntheticData.emotions { #expect(rendered.svgHasText(emotion), "legend lacks \(emotion)") }
    }

    @Test func speakerCoverage() throws {
        let figure = TrainFigures.speakerCoverage(
            speakers: ["Actor_01", "Actor_02"], emotions: ["neutral", "calm", "happy", "sad"],
            counts: [[4, 8, 0, 0], [0, 0, 8, 0]])
        let rendered = try render(figure, "train-coverage")
        #expect(rendered.svgHasText("Actor_01") && rendered.svgHasText("Actor_02"))
        for emotion in ["neutral", "calm", "happy", "sad"] { #expect(rendered.svgHasText(emotion)) }
        #expect(rendered.svgTexts.filter { $0 == "–" }.count == 5, "an empty cell shows a dash")
        #expect(rendered.svgTexts.contains { $0.hasPrefix("each speaker shows 1.5 of 4 emotions") })
    }

    @Test func durations() throws {
        let rendered = try render(LoadFigures.durations(SyntheticData.clips()), "load-durations")
        #expect(rendered.svgHasText("duration (s)"))
        #expect(rendered.svgHasText("median"))
        #expect(rendered.svgTexts.contains { $0.hasPrefix("median ") && $0.hasSuffix("240 clips") })
    }

    @Test func equalDurationsShowAsOneNarrowBar() throws {
        let clips = (0..<535).map { ClipFacts(emotion: "neutral", speaker: "03", duration: 2 + 1e-4 * Double($0 % 3)) }
        let rendered = try render(LoadFigures.durations(clips), "load-durations-equal")
        #expect(rendered.svgHasText("all 535 clips 2.00 s"))
        #expect(!rendered.svgHasText("median"))
    }

    @Test func waveforms() throws {
        let examples = SyntheticData.emotions.prefix(4).enumerated().map {
            (emotion: $1, clip: "clip\($0).wav", signal: SyntheticData.signal(seed: UInt64($0)))
        }
        let rendered = try render(LoadFigures.waveforms(examples, palette: SyntheticData.palette), "load-waveforms")
        #expect(rendered.svgHasText("neutral — clip0.wav"))
        #expect(rendered.svgHasText("One waveform per emotion (as decoded)"))
        #expect(rendered.svgHasText("time (s)") && rendered.svgHasText("amplitude"))
    }

    @Test func processingSteps() throws {
        let examples = SyntheticData.examples(8)
        let rendered = try render(ProcessFigures.steps(examples, palette: SyntheticData.palette), "process-steps")
        for step in ["original", "normalised", "trimmed", "fixed length", "denoised"] {
            #expect(rendered.svgHasText(step))
        }
        #expect(rendered.svgHasText("calm"))
        // Every clip's whole file name, however many lines the caption takes.
        let texts = rendered.svgTexts
        for (index, emotion) in SyntheticData.emotions.enumerated() {
            let clip = "\(emotion):\u{00A0}\(SyntheticData.clipName(index))"
            #expect(texts.contains { $0.contains(clip) }, "caption lacks \(clip)")
        }
        #expect(!texts.contains { $0.contains("\u{2026}") })
        #expect(texts.filter { $0.hasPrefix("peak ") }.count == 8 * 5)
        #expect(texts.contains { $0.hasPrefix("shaded: what trimming cut.") })
    }

    @Test func processingStepsWithoutATrimSpanShadeNothing() throws {
        let examples = SyntheticData.examples().map { example in
            var plain = example
            plain.trimmedSpan = nil
            return plain
        }
        let rendered = try render(ProcessFigures.steps(examples, palette: SyntheticData.palette), "process-steps-plain")
        #expect(!rendered.svgTexts.contains { $0.contains("shaded") })
    }

    @Test func spectrograms() throws {
        let rendered = try render(ProcessFigures.spectrograms(SyntheticData.examples()), "process-spectrograms")
        #expect(rendered.svgHasText("neutral — before noise reduction"))
        #expect(rendered.svgHasText("happy — after noise reduction"))
        #expect(rendered.svgHasText("mel band"))
        #expect(rendered.svgHasText("dB (floor \u{2212}80)"))
        #expect(rendered.svgHasText("\u{2212}80") && rendered.svgHasText("0"))
        // One shared colour bar: each tick label once.
        #expect(rendered.svgTexts.filter { $0 == "\u{2212}80" }.count == 1)
        #expect(rendered.svg.contains("<image"))
    }

    @Test func distributions() throws {
        let clips = SyntheticData.clips()
        let features = SyntheticData.featureColumns((1...13).map { "MFCC \($0)" }, clips: clips)
        let figure = ExtractFigures.distributions(
            title: "MFCC 1–13 per emotion", features: features, emotions: clips.map(\.emotion),
            palette: SyntheticData.palette)
        let rendered = try render(figure, "extract-mfcc")
        #expect(rendered.svgHasText("MFCC 1") && rendered.svgHasText("MFCC 13"))
        #expect(rendered.svgHasText("surprised"))
    }

    @Test func distributionsLabelTheirValueAxes() throws {
        let clips = SyntheticData.clips()
        let features = SyntheticData.featureColumns(["RMS (mean over frames)", "ZCR (mean over frames)"], clips: clips)
        let figure = ExtractFigures.distributions(
            title: "Loudness and noisiness per emotion", features: features, emotions: clips.map(\.emotion),
            palette: SyntheticData.palette, columns: 2, showsClips: true,
            yLabels: ["amplitude", "crossings per sample"])
        let rendered = try render(figure, "extract-energy")
        #expect(rendered.svgHasText("amplitude") && rendered.svgHasText("crossings per sample"))
    }

    @Test func mfccHeatmap() throws {
        let clips = SyntheticData.clips()
        let columns = SyntheticData.featureColumns((1...13).map { "\($0)" }, clips: clips).map(\.values)
        let figure = ExtractFigures.mfccHeatmap(
            mfcc: columns, emotions: clips.map(\.emotion), palette: SyntheticData.palette)
        let rendered = try render(figure, "extract-mfcc-means")
        #expect(rendered.svgHasText("z-score"))
        #expect(rendered.svgHasText("13"))
        // A value in every cell: 13 coefficients × 8 emotions, with one decimal.
        #expect(rendered.svgTexts.filter { $0.contains(".") && $0.count <= 5 }.count >= 13 * 8)
    }

    @Test func pcaScatter() throws {
        var random = SplitMix64(seed: 3)
        let clips = SyntheticData.clips(1440)
        let points = clips.map { _ in (x: 3 * random.nextGaussian(), y: random.nextGaussian()) }
        let figure = ExtractFigures.pcaScatter(
            points: points, emotions: clips.map(\.emotion), explained: (0.234, 0.118), palette: SyntheticData.palette)
        let rendered = try render(figure, "extract-pca")
        #expect(rendered.svgHasText("PC1 (23\u{2009}% of variance)"))
        #expect(rendered.svgHasText("PC2 (12\u{2009}% of variance)"))
        #expect(rendered.svgHasText("disgust"))
        #expect(rendered.svgHasText("large outlined dots: each emotion's centroid"))
    }

    @Test func confusionMatrix() throws {
        let model = SyntheticData.models()[1]
        let rendered = try render(EvaluateFigures.confusion(model), "evaluate-confusion-svm")
        #expect(rendered.svgHasText("Confusion matrix: SVM"))
        #expect(rendered.svgHasText("predicted") && rendered.svgHasText("true"))
        #expect(rendered.svgHasText("31"))  // the SVM's first diagonal count
        #expect(rendered.svgHasText("row %") && rendered.svgHasText("% of true class"))
        #expect(rendered.svgTexts.filter { $0 == "true" }.count == 1)
    }

    @Test func confusionRowPercentagesAddUpTo100() {
        #expect(EvaluateFigures.wholePercentages([1, 1, 1]) == [34, 33, 33])
        #expect(EvaluateFigures.wholePercentages([2, 0, 5, 3, 0, 0, 1, 1]).reduce(0, +) == 100)
        #expect(EvaluateFigures.wholePercentages([10, 0]) == [100, 0])
        #expect(EvaluateFigures.wholePercentages([0, 0]) == [0, 0])
        for model in SyntheticData.models() {
            for row in model.confusion { #expect(EvaluateFigures.wholePercentages(row).reduce(0, +) == 100) }
        }
    }

    @Test func perClassF1() throws {
        let rendered = try render(EvaluateFigures.perClassF1(SyntheticData.models()), "evaluate-f1")
        #expect(rendered.svgHasText("Random forest") && rendered.svgHasText("MLP"))
        #expect(rendered.svgHasText("0.0") && rendered.svgHasText("1.0"))
    }

    @Test func modelComparison() throws {
        let rendered = try render(EvaluateFigures.comparison(SyntheticData.models()), "evaluate-models")
        for metric in ["accuracy", "UAR", "macro-F1"] { #expect(rendered.svgHasText(metric)) }
        #expect(rendered.svgTexts.contains { $0.hasPrefix("mean over 5 folds") })
        #expect(rendered.svgTexts.contains { $0.hasSuffix("dashed: UAR by chance (1/8)") })
    }

    @Test func perSpeaker() throws {
        let rendered = try render(EvaluateFigures.perSpeaker(SyntheticData.models()), "evaluate-speakers")
        #expect(rendered.svgHasText("Actor_07"))
        #expect(rendered.svgHasText("SVM"))
    }

    @Test func trainingCurves() throws {
        let rendered = try render(EvaluateFigures.trainingCurves(SyntheticData.curves()), "train-mlp-loss")
        #expect(rendered.svgHasText("training loss") && rendered.svgHasText("validation score"))
        #expect(rendered.svgHasText("epoch"))
        #expect(rendered.svgHasText("cross-entropy (log scale)"))
        #expect(rendered.svgHasText("1.0") || rendered.svgHasText("1"))
    }

    @Test func sameDataGivesIdenticalFiles() throws {
        let figure = EvaluateFigures.confusion(SyntheticData.models()[0])
        for format in FigureFormat.allCases {
            try figure.write(to: folder.file("a.\(format.rawValue)"), format: format)
            try figure.write(to: folder.file("b.\(format.rawValue)"), format: format)
            #expect(try folder.bytes("a.\(format.rawValue)") == (try folder.bytes("b.\(format.rawValue)")))
        }
    }
}
