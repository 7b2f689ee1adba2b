public import SERPlot

/// The process cell's figures: what each processing step does to one clip per emotion.
public enum ProcessFigures {
    /// `process-steps`: a row per example, a column per step (original, normalised, trimmed, fixed
    /// length, denoised); a row shares its time axis so trimming and padding show as length changes.
    public static func steps(_ examples: [ProcessingExample], palette: EmotionPalette) -> Figure {
        let stepNames = examples.first?.steps.map(\.name) ?? []
        let columns = max(1, stepNames.count)
        var panels: [Axes] = []
        for (row, example) in examples.enumerated() {
            let longest = example.steps.map(\.signal.duration).max() ?? 1
            for (column, step) in example.steps.enumerated() {
                let waveform = Waveform(
                    samples: step.signal.samples, sampleRate: step.signal.sampleRate, maxColumns: 240)
                panels.append(
                    Axes(
                        title: row == 0 ? step.name : "",
                        xLabel: row == examples.count - 1 ? "time (s)" : "",
                        yLabel: column == 0 ? example.emotion : "",
                        xRange: 0...max(longest, 1e-3), yRange: -1...1,
                        marks: [waveform.mark(color: palette.color(for: example.emotion))]))
            }
        }
        return Figure(
            title: "Each processing step, one clip per emotion", columns: columns, panels: panels,
            caption: examples.map { "\($0.emotion): \($0.clip)" }.joined(separator: " · "),
            width: 175 * Double(columns) + 20, height: 112 * Double(max(examples.count, 1)) + 70)
    }

    /// `process-spectrograms`: the log-mel spectrogram of each example before and after noise
    /// reduction, in magma, on the same decibel scale (0 dB = the loudest bin before reduction).
    public static func spectrograms(_ examples: [ProcessingExample]) -> Figure {
        let shown = examples.filter { $0.spectrograms != nil }
        var panels: [Axes] = []
        for (row, example) in shown.enumerated() {
            guard let pair = example.spectrograms else { continue }
            for (column, image) in [pair.before, pair.after].enumerated() {
                panels.append(
                    Axes(
                        title: row == 0 ? (column == 0 ? "before noise reduction" : "after noise reduction") : "",
                        xLabel: row == shown.count - 1 ? "time (s)" : "",
                        yLabel: column == 0 ? "\(example.emotion): mel band" : "",
                        marks: [
                            .image(
                                values: image.values, rows: image.melCount, columns: image.frameCount,
                                x: 0...max(image.duration, 1e-3), y: 0...Double(image.melCount), colormap: .magma,
                                range: -80...0)
                        ],
                        colorBar: column == 1 ? ColorBar(colormap: .magma, range: -80...0, label: "dB") : nil,
                        showsGrid: false))
            }
        }
        return Figure(
            title: "Log-mel spectrograms before and after noise reduction", columns: 2, panels: panels,
            width: 760, height: 150 * Double(max(shown.count, 1)) + 60)
    }
}
