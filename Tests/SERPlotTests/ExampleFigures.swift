import Foundation
import SERLearn
import SERPlot
import SERTestSupport

/// Figures shared by the tests: synthetic speech-like clips, one per emotion, as SERCells will draw them.
enum ExampleFigures {
    static let emotions = ["neutral", "calm", "happy", "sad", "angry", "fearful"]
    static let sampleRate = 22_050

    /// A 2 × 3 grid with one waveform per emotion, each in its palette colour.
    static func waveformsPerEmotion() -> Figure {
        let panels = emotions.enumerated().map { index, emotion in
            let waveform = Waveform(samples: clip(seed: UInt64(index + 1)), sampleRate: sampleRate)
            return Axes(
                title: emotion, xLabel: "time (s)", yLabel: "amplitude",
                xRange: 0...waveform.duration, yRange: -1...1,
                marks: [waveform.mark(color: Palette.okabeIto[index])]
            )
        }
        return Figure(title: "One waveform per emotion", columns: 3, panels: panels)
    }

    /// Three seconds of noisy sine bursts separated by silence, different for every seed.
    static func clip(seed: UInt64, seconds: Double = 3) -> [Float] {
        var random = SplitMix64(seed: seed)
        let count = Int(seconds * Double(sampleRate))
        let frequency = 110 + 40 * Double(seed)
        let loudness = 0.35 + 0.1 * Double(seed % 4)
        let bursts: [(start: Double, end: Double)] = [(0.35, 0.9), (1.1, 1.75), (2.0, 2.6 - 0.05 * Double(seed))]
        return (0..<count).map { index in
            let time = Double(index) / Double(sampleRate)
            let noise = 0.004 * random.nextSigned()
            guard let burst = bursts.first(where: { time >= $0.start && time < $0.end }) else { return Float(noise) }
            let phase = (time - burst.start) / (burst.end - burst.start)
            let shape = sin(Double.pi * phase) * (0.6 + 0.4 * sin(2 * Double.pi * 3 * phase))
            let voice = sin(2 * Double.pi * frequency * time) + 0.5 * sin(2 * Double.pi * 2.7 * frequency * time)
            return Float(loudness * shape * (voice / 1.5 + 0.35 * random.nextSigned()) + noise)
        }
    }
}
