import SERFigures
import SERLearn
import SERTestSupport

/// Deterministic stand-ins for a corpus, its features and its models' results.
enum SyntheticData {
    static let emotions = ["neutral", "calm", "happy", "sad", "angry", "fearful", "disgust", "surprised"]
    static let speakers = (1...12).map { "Actor_\($0 < 10 ? "0" : "")\($0)" }
    static let palette = EmotionPalette(emotions: emotions)

    /// `count` clips cycling through emotions and speakers, 2.5–5 s long.
    static func clips(_ count: Int = 240) -> [ClipFacts] {
        var random = SplitMix64(seed: 11)
        return (0..<count).map { index in
            ClipFacts(
                emotion: emotions[index % emotions.count], speaker: speakers[(index / emotions.count) % speakers.count],
                duration: 2.5 + 2.5 * random.nextUnit())
        }
    }

    /// A second of decaying noise bursts.
    static func signal(seed: UInt64, seconds: Double = 1.5, rate: Int = 16_000) -> Signal {
        var random = SplitMix64(seed: seed)
        let count = Int(seconds * Double(rate))
        let samples = (0..<count).map { index -> Float in
            let time = Double(index) / Double(rate)
            let envelope = max(0, 1 - abs(time - seconds / 2) / (seconds / 2.5))
            return Float(0.8 * envelope * random.nextSigned())
        }
        return Signal(samples: samples, sampleRate: rate)
    }

    static func melImage(seed: UInt64, bands: Int = 64, frames: Int = 60) -> MelImage {
        var random = SplitMix64(seed: seed)
        let values = (0..<(bands * frames)).map { index -> Double in
            let band = Double(index / frames)
            return max(-80, -Double(band) * 0.8 - 20 * random.nextUnit())
        }
        return MelImage(values: values, melCount: bands, frameCount: frames, duration: Double(frames) * 512 / 22_050)
    }

    /// One example per emotion for the first `count` emotions, named like RAVDESS files, with the
    /// middle second of the normalised signal kept by trimming.
    static func examples(_ count: Int = 3) -> [ProcessingExample] {
        emotions.prefix(count).enumerated().map { index, emotion in
            let steps = ["original", "normalised", "trimmed", "fixed length", "denoised"].enumerated().map {
                (name: $1, signal: signal(seed: UInt64(index * 10 + $0)))
            }
            return ProcessingExample(
                emotion: emotion, clip: clipName(index), steps: steps,
                spectrograms: (melImage(seed: UInt64(index)), melImage(seed: UInt64(index + 100))),
                trimmedSpan: 4_000..<20_000)
        }
    }

    /// A RAVDESS-style file name for the `index`-th emotion.
    static func clipName(_ index: Int) -> String { "Actor_01/03-01-0\(index + 1)-01-01-01-01.wav" }

    /// One value per clip per feature, shifted by emotion.
    static func featureColumns(_ names: [String], clips: [ClipFacts]) -> [(name: String, values: [Double])] {
        var random = SplitMix64(seed: 5)
        return names.enumerated().map { column, name in
            (
                name,
                clips.map { clip in
                    Double(emotions.firstIndex(of: clip.emotion) ?? 0) * 0.3 * Double(column % 3 + 1)
                        + random.nextGaussian()
                }
            )
        }
    }

    static func models() -> [ModelEvaluation] {
        [("rf", "Random forest"), ("svm", "SVM"), ("mlp", "MLP")].enumerated().map { modelIndex, model in
            let confusion = emotions.indices.map { row in
                emotions.indices.map { column in row == column ? 30 + 2 * row + modelIndex : (row + column) % 4 }
            }
            return ModelEvaluation(
                name: model.0, title: model.1, labels: emotions, confusion: confusion,
                f1: emotions.indices.map { 0.4 + 0.05 * Double(($0 + modelIndex) % 7) },
                accuracy: FoldScores([0.52, 0.55, 0.49, 0.6, 0.57]), uar: FoldScores([0.5, 0.53, 0.47, 0.58, 0.55]),
                macroF1: FoldScores([0.49, 0.52, 0.46, 0.57, 0.54]),
                speakerAccuracy: speakers.enumerated().map { ($1, 0.3 + 0.05 * Double(($0 + modelIndex) % 9)) })
        }
    }

    static func curves() -> [TrainingCurve] {
        (1...5).map { fold in
            TrainingCurve(
                fold: fold, loss: (0..<40).map { 0.3 + 2 / Double($0 + 1 + fold) },
                validationScore: (0..<40).map { 0.5 - 0.3 / Double($0 + 1) })
        }
    }
}
