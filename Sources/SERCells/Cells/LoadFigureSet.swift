import SERAudio
import SERCorpus
import SERFigures

/// The load cell's figures: the corpus's make-up and one decoded clip per emotion.
struct LoadFigureSet {
    let clips: [LoadedClip]
    /// Where each clip's file is, by its corpus path.
    let locations: [String: String]

    func figures() -> [NotebookFigure] {
        let emotions = EmotionOrder.sorted(clips.map(\.emotion))
        let palette = EmotionPalette(emotions: emotions)
        let facts = clips.map { ClipFacts(emotion: $0.emotion, speaker: $0.speaker, duration: $0.facts.seconds) }
        let examples = emotions.compactMap { emotion -> (emotion: String, clip: String, signal: Signal)? in
            guard let clip = clips.first(where: { $0.emotion == emotion }), let location = locations[clip.path],
                let audio = try? AudioFile.read(path: location)
            else { return nil }
            return (emotion, clip.path, Signal(samples: audio.monoMix(), sampleRate: audio.sampleRate))
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
                cell: "load", name: "load-durations",
                caption: "Clip durations as recorded, before trimming and padding.",
                figure: LoadFigures.durations(facts)),
            NotebookFigure(
                cell: "load", name: "load-waveforms",
                caption:
                    "The first clip of each emotion as decoded: mixed to mono at the file's own sample rate, neither normalised nor resampled.",
                figure: LoadFigures.waveforms(examples, palette: palette)),
        ]
    }
}
