package import SERPlot

/// The process cell's figures: what each processing step does to one clip per emotion.
package enum ProcessFigures {
    /// `process-steps`: a row per example, a column per step (original, normalised, trimmed, fixed
    /// length, denoised); a row shares its time axis so trimming and padding show as length changes,
    /// and all panels share the amplitude axis, with each panel's peak written over it so a quiet
    /// original still reads. When the example knows its trimmed span, the silence trimming cut is
    /// shaded in the step it was cut from. The caption names each example's file.
    package static func steps(_ examples: [ProcessingExample], palette: EmotionPalette) -> Figure {
        let stepNames = examples.first?.steps.map(\.name) ?? []
        let columns = max(1, stepNames.count)
        var panels: [Axes] = []
        var shadesTrim = false
        for (row, example) in examples.enumerated() {
            let longest = max(example.steps.map(\.signal.duration).max() ?? 1, 1e-3)
            let trimmedFrom = example.steps.firstIndex { $0.name == "trimmed" }.map { $0 - 1 }
            for (column, step) in example.steps.enumerated() {
                var marks: [Mark] = []
                if column == trimmedFrom, let span = example.trimmedSpan {
                    let cut = trimmedAway(span, from: step.signal)
                    marks.append(.cells(cut.map { Mark.Cell(x: $0, y: -1...peakRoom, color: trimShade) }))
                    shadesTrim = shadesTrim || !cut.isEmpty
                }
                let waveform = Waveform(
                    samples: step.signal.samples, sampleRate: step.signal.sampleRate, maxColumns: 240)
                marks.append(waveform.mark(color: palette.color(for: example.emotion)))
                marks.append(
                    .labels(
                        [
                            Mark.Label(
                                x: longest / 2, y: (1 + peakRoom) / 2, text: "peak \(Self.peak(step.signal))",
                                color: FigureStyle.neutralInk)
                        ], size: 7))
                panels.append(
                    Axes(
                        title: row == 0 ? step.name : "",
                        xLabel: row == examples.count - 1 ? "time (s)" : "",
                        yLabel: column == 0 ? example.emotion : "",
                        xRange: 0...longest, yRange: -1...peakRoom, marks: marks))
            }
        }
        // A no-break space keeps each emotion with its file when the caption wraps.
        let clips = examples.map { "\($0.emotion):\u{00A0}\($0.clip)" }.joined(separator: " · ")
        return Figure(
            title: "Each processing step, one clip per emotion", columns: columns, panels: panels,
            caption: shadesTrim ? "shaded: what trimming cut. " + clips : clips,
            width: 175 * Double(columns) + 20, height: 100 * Double(max(examples.count, 1)) + 90)
    }

    /// `process-spectrograms`: the log-mel spectrogram of each example before and after noise
    /// reduction, in magma, on the same decibel scale (0 dB = the loudest bin before reduction, floored
    /// at −80 dB) with one colour bar for all; each panel titled with its emotion.
    package static func spectrograms(_ examples: [ProcessingExample]) -> Figure {
        let shown = examples.filter { $0.spectrograms != nil }
        var panels: [Axes] = []
        for (row, example) in shown.enumerated() {
            guard let pair = example.spectrograms else { continue }
            for (column, image) in [pair.before, pair.after].enumerated() {
                panels.append(
                    Axes(
                        title: "\(example.emotion) — \(column == 0 ? "before" : "after") noise reduction",
                        xLabel: row == shown.count - 1 ? "time (s)" : "",
                        yLabel: column == 0 ? "mel band" : "",
                        marks: [
                            .image(
                                values: image.values, rows: image.melCount, columns: image.frameCount,
                                x: 0...max(image.duration, 1e-3), y: 0...Double(image.melCount), colormap: .magma,
                                range: decibelRange)
                        ],
                        showsGrid: false))
            }
        }
        return Figure(
            title: "Log-mel spectrograms before and after noise reduction", columns: 2, panels: panels,
            colorBar: ColorBar(colormap: .magma, range: decibelRange, label: "dB (floor \u{2212}80)"),
            width: 760, height: 140 * Double(max(shown.count, 1)) + 60)
    }

    /// The decibel range the spectrograms span: `power_to_db`'s default 80 dB below the reference.
    static let decibelRange = -80.0...0

    /// The top of the amplitude axis in `process-steps`: room above a full-scale waveform for the peak.
    static let peakRoom = 1.4

    /// The fill behind what trimming cut.
    static let trimShade = FigureStyle.lightInk.withAlpha(0.45)

    /// The time spans (in seconds) of `signal` outside `kept`, the samples trimming kept.
    static func trimmedAway(_ kept: Range<Int>, from signal: Signal) -> [ClosedRange<Double>] {
        let rate = Double(signal.sampleRate)
        let start = Double(min(max(kept.lowerBound, 0), signal.samples.count)) / rate
        let end = Double(min(max(kept.upperBound, 0), signal.samples.count)) / rate
        return [0...start, end...signal.duration].filter { $0.upperBound > $0.lowerBound }
    }

    /// The largest absolute sample, to two decimals ("< 0.01" below that).
    static func peak(_ signal: Signal) -> String {
        let peak = Double(signal.samples.reduce(Float(0)) { max($0, abs($1)) })
        let hundredths = Int((peak * 100).rounded())
        guard hundredths > 0 else { return "< 0.01" }
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }
}
