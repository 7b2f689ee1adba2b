import SERAudio
import SERDSP
import SERFigures

/// The process cell's figures: the first clip of each emotion followed through every step, and its
/// log-mel spectrogram before and after noise reduction (re-run on just those clips).
struct ProcessFigureSet {
    let settings: Settings
    let clips: [LoadedClip]
    let locations: [String: String]

    /// Mel bands of the spectrogram figure: librosa.feature.melspectrogram's default.
    static let melCount = 128

    func figures() -> [NotebookFigure] {
        let emotions = EmotionOrder.sorted(clips.map(\.emotion))
        let examples = self.examples(emotions: emotions)
        var figures = [
            NotebookFigure(
                cell: "process", name: "process-steps",
                caption: "The first clip of each emotion after each processing step, on a shared time axis per row.",
                figure: ProcessFigures.steps(examples, palette: EmotionPalette(emotions: emotions)))
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

    private func examples(emotions: [String]) -> [ProcessingExample] {
        guard let processor = try? settings.clipProcessor() else { return [] }
        return emotions.compactMap { emotion -> ProcessingExample? in
            guard let clip = clips.first(where: { $0.emotion == emotion }),
                let traced = try? processor.steps(path: locations[clip.path] ?? clip.path)
            else { return nil }
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
                emotion: emotion, clip: clip.path, steps: steps, spectrograms: spectrograms,
                trimmedSpan: traced.trimmedSpan)
        }
    }

    private func mel(_ samples: [Float], rate: Int) -> MelSpectrogram? {
        try? MelSpectrogram(
            samples: samples, sampleRate: Double(rate), nFFT: settings.features.nFFT,
            hopLength: settings.features.hopLength, melCount: Self.melCount)
    }

    private func image(_ mel: MelSpectrogram, reference: Float, rate: Int) -> MelImage {
        MelImage(
            values: mel.decibels(reference: reference).map(Double.init), melCount: mel.melCount,
            frameCount: mel.frameCount,
            duration: Double(mel.frameCount * settings.features.hopLength) / Double(rate))
    }
}
