import SERAudio
import SERDSP
import SERFigures
import SERLearn
import SERPlot

/// The load, process and extract figures of a build, from its clips and their analyses.
struct CorpusFigures {
    let settings: Settings
    let emotions: [String]
    let results: [(clip: Clip, run: ClipAnalysis)]

    var palette: EmotionPalette { EmotionPalette(emotions: emotions) }

    /// Every figure, load first.
    func all() -> [NotebookFigure] {
        load() + process() + extract()
    }

    func load() -> [NotebookFigure] {
        let facts = results.map {
            ClipFacts(
                emotion: $0.clip.emotion, speaker: $0.clip.speaker,
                duration: Double($0.run.processed.loaded.count) / Double($0.run.processed.sampleRate))
        }
        let examples = firstOfEachEmotion().map { result in
            (
                emotion: result.clip.emotion, clip: result.clip.path,
                signal: Signal(samples: result.run.processed.loaded, sampleRate: result.run.processed.sampleRate)
            )
        }
        return [
            NotebookFigure(
                cell: "load", name: "load-class-balance", caption: "How many clips each emotion has.",
                figure: LoadFigures.classBalance(facts, palette: palette)),
            NotebookFigure(
                cell: "load", name: "load-speakers",
                caption: "Clips per speaker, stacked by emotion: whether every speaker acts every emotion.",
                figure: LoadFigures.clipsPerSpeaker(facts, palette: palette)),
            NotebookFigure(
                cell: "load", name: "load-durations", caption: "Clip durations as loaded, before trimming and padding.",
                figure: LoadFigures.durations(facts)),
            NotebookFigure(
                cell: "load", name: "load-waveforms",
                caption: "The first clip of each emotion, peak-normalised and resampled, before trimming and padding.",
                figure: LoadFigures.waveforms(examples, palette: palette)),
        ]
    }

    func process() -> [NotebookFigure] {
        let examples = processingExamples()
        var figures = [
            NotebookFigure(
                cell: "process", name: "process-steps",
                caption: "The first clip of each emotion after each processing step, on a shared time axis per row.",
                figure: ProcessFigures.steps(examples, palette: palette))
        ]
        if examples.contains(where: { $0.spectrograms != nil }) {
            figures.append(
                NotebookFigure(
                    cell: "process", name: "process-spectrograms",
                    caption: "Log-mel spectrograms (dB against the loudest bin before noise reduction).",
                    figure: ProcessFigures.spectrograms(examples)))
        }
        return figures
    }

    func extract() -> [NotebookFigure] {
        let names = results[0].run.features.summaryNames
        let emotionsPerClip = results.map(\.clip.emotion)
        func column(_ name: String) -> [Double]? {
            guard let index = names.firstIndex(of: name) else { return nil }
            return results.map { $0.run.features.summary[index] }
        }
        func columns(_ prefix: String, titles: (Int) -> String, limit: Int = .max) -> [(name: String, values: [Double])]
        {
            var found: [(name: String, values: [Double])] = []
            var index = 0
            while index < limit, let values = column("\(prefix)_\(index)") {
                found.append((titles(index), values))
                index += 1
            }
            return found
        }
        var figures: [NotebookFigure] = []
        func distribution(
            _ name: String, _ title: String, _ features: [(name: String, values: [Double])], _ caption: String,
            showsClips: Bool = false
        ) {
            guard !features.isEmpty else { return }
            figures.append(
                NotebookFigure(
                    cell: "extract", name: name, caption: caption,
                    figure: ExtractFigures.distributions(
                        title: title, features: features, emotions: emotionsPerClip, palette: palette,
                        columns: min(4, features.count), showsClips: showsClips)))
        }
        let energy = [
            ("RMS (mean over frames)", column("rms_mean_0")), ("ZCR (mean over frames)", column("zcr_mean_0")),
        ]
        .compactMap { name, values in values.map { (name: name, values: $0) } }
        distribution(
            "extract-energy", "Loudness and noisiness per emotion", energy,
            "Per-clip mean RMS energy and zero-crossing rate; each dot is a clip.", showsClips: true)
        let mfcc = columns("mfcc_mean", titles: { "MFCC \($0 + 1)" }, limit: 13)
        distribution(
            "extract-mfcc", "MFCC 1–\(mfcc.count) per emotion (mean over frames)", mfcc,
            "Per-clip mean of each of the first MFCCs.")
        let pitchClasses = ["C", "C♯", "D", "D♯", "E", "F", "F♯", "G", "G♯", "A", "A♯", "B"]
        let chroma = columns("chroma_mean", titles: { $0 < 12 ? "chroma \(pitchClasses[$0])" : "chroma \($0 + 1)" })
        distribution(
            "extract-chroma", "Chroma per emotion (mean over frames)", chroma,
            "Per-clip mean energy of each pitch class.")
        let contrast = columns("contrast_mean", titles: { "contrast band \($0 + 1)" })
        distribution(
            "extract-contrast", "Spectral contrast per emotion (mean over frames)", contrast,
            "Per-clip mean peak-to-valley contrast of each octave band.")
        if !mfcc.isEmpty {
            figures.append(
                NotebookFigure(
                    cell: "extract", name: "extract-mfcc-means",
                    caption: "Mean of each MFCC per emotion, as a z-score over all clips.",
                    figure: ExtractFigures.mfccHeatmap(
                        mfcc: mfcc.map(\.values), emotions: emotionsPerClip, palette: palette)))
        }
        if let pca = principalComponents() {
            figures.append(
                NotebookFigure(
                    cell: "extract", name: "extract-pca",
                    caption: "Every clip on the first two principal components of the standardised feature matrix.",
                    figure: ExtractFigures.pcaScatter(
                        points: pca.points, emotions: emotionsPerClip, explained: pca.explained, palette: palette)))
        }
        return figures
    }

    /// The clips projected on the first two principal components of the standardised summary matrix.
    private func principalComponents() -> (points: [(x: Double, y: Double)], explained: (Double, Double))? {
        let matrix = Matrix(rows: results.map(\.run.features.summary))
        let standardized = Standardizer(fitting: matrix).transform(matrix)
        guard let pca = try? PrincipalComponents(fitting: standardized, componentCount: 2) else { return nil }
        let projected = pca.transform(standardized)
        return (
            (0..<projected.rows).map { (projected[$0, 0], projected[$0, 1]) },
            (pca.explainedVarianceRatio[0], pca.explainedVarianceRatio[1])
        )
    }

    /// The first clip of each emotion, in the corpus's emotion order.
    private func firstOfEachEmotion() -> [(clip: Clip, run: ClipAnalysis)] {
        emotions.compactMap { emotion in results.first { $0.clip.emotion == emotion } }
    }

    /// The processing steps of the first clip of each emotion, re-run on just those clips.
    private func processingExamples() -> [ProcessingExample] {
        guard let processor = try? ClipProcessor(settings: settings) else { return [] }
        return firstOfEachEmotion().compactMap { result -> ProcessingExample? in
            guard let traced = try? processor.steps(path: result.clip.location) else { return nil }
            let steps = traced.steps.map {
                (name: $0.name, signal: Signal(samples: $0.samples, sampleRate: traced.sampleRate))
            }
            var spectrograms: (before: MelImage, after: MelImage)?
            if traced.steps.count >= 2, traced.steps.last?.name == "denoised",
                let before = mel(traced.steps[traced.steps.count - 2].samples, rate: traced.sampleRate),
                let after = mel(traced.steps[traced.steps.count - 1].samples, rate: traced.sampleRate)
            {
                let reference = before.peak
                spectrograms = (
                    image(before, reference: reference, rate: traced.sampleRate),
                    image(after, reference: reference, rate: traced.sampleRate)
                )
            }
            return ProcessingExample(
                emotion: result.clip.emotion, clip: result.clip.path, steps: steps, spectrograms: spectrograms)
        }
    }

    private func mel(_ samples: [Float], rate: Int) -> MelSpectrogram? {
        try? MelSpectrogram(
            samples: samples, sampleRate: Double(rate), nFFT: settings.features.nFFT,
            hopLength: settings.features.hopLength, melCount: settings.features.mfcc.nMels)
    }

    private func image(_ mel: MelSpectrogram, reference: Float, rate: Int) -> MelImage {
        MelImage(
            values: mel.decibels(reference: reference).map(Double.init), melCount: mel.melCount,
            frameCount: mel.frameCount,
            duration: Double(mel.frameCount * settings.features.hopLength) / Double(rate))
    }
}
