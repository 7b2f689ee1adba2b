public import SERPlot

/// The load cell's figures: how the corpus is made up.
public enum LoadFigures {
    /// `load-class-balance`: clips per emotion, one bar each in its colour, with the count on top.
    public static func classBalance(_ clips: [ClipFacts], palette: EmotionPalette) -> Figure {
        let counts = palette.emotions.map { emotion in Double(clips.filter { $0.emotion == emotion }.count) }
        let marks = palette.emotions.indices.map { index in
            Mark.bars(
                positions: [Double(index)], values: [counts[index]], color: palette.color(for: palette.emotions[index]))
        }
        let top = counts.max() ?? 0
        let labels = Mark.labels(
            counts.indices.map {
                Mark.Label(
                    x: Double($0), y: counts[$0] + top * 0.04, text: "\(Int(counts[$0]))", color: FigureStyle.neutralInk
                )
            })
        return Figure(
            title: "Clips per emotion",
            panels: [
                Axes(
                    xLabel: "emotion", yLabel: "clips", xScale: .category(palette.emotions),
                    yRange: 0...(max(top, 1) * 1.12), marks: marks + [labels])
            ],
            width: max(380, 56 * Double(palette.emotions.count) + 120), height: 280)
    }

    /// `load-speakers`: clips per speaker, each bar stacked by emotion (first emotion at the bottom).
    public static func clipsPerSpeaker(_ clips: [ClipFacts], palette: EmotionPalette) -> Figure {
        let speakers = Array(Set(clips.map { $0.speaker.isEmpty ? "unknown" : $0.speaker })).sorted()
        let layers = palette.emotions.map { emotion in
            (
                values: speakers.map { speaker in
                    Double(
                        clips.filter {
                            ($0.speaker.isEmpty ? "unknown" : $0.speaker) == speaker && $0.emotion == emotion
                        }.count)
                },
                color: palette.color(for: emotion)
            )
        }
        return Figure(
            title: "Clips per speaker, by emotion",
            panels: [
                Axes(xLabel: "speaker", yLabel: "clips", xScale: .category(speakers), marks: Mark.stackedBars(layers))
            ],
            legend: palette.legend(),
            width: min(1100, max(420, 30 * Double(speakers.count) + 140)), height: 320)
    }

    /// `load-durations`: a histogram of clip durations with the median marked.
    public static func durations(_ clips: [ClipFacts]) -> Figure {
        let durations = clips.map(\.duration)
        let histogram = Histogram(durations)
        var marks = [Mark.histogram(histogram, color: FigureStyle.lightInk)]
        var caption = ""
        if let stats = BoxStatistics(durations) {
            let top = Double(histogram.counts.max() ?? 1)
            marks.append(
                .line(
                    xs: [stats.median, stats.median], ys: [0, top * 1.06], color: FigureStyle.neutralInk, width: 1.5,
                    dash: [4, 3]))
            marks.append(
                .labels(
                    [Mark.Label(x: stats.median, y: top * 1.11, text: "median", color: FigureStyle.neutralInk)]))
            caption =
                "median \(Self.seconds(stats.median)) s, range \(Self.seconds(durations.min() ?? 0))–\(Self.seconds(durations.max() ?? 0)) s, \(stats.count) clips"
        }
        return Figure(
            title: "Clip durations",
            panels: [Axes(xLabel: "duration (s)", yLabel: "clips", marks: marks)],
            caption: caption, width: 420, height: 290)
    }

    /// `load-waveforms`: one clip per emotion as loaded, each in its emotion's colour.
    public static func waveforms(_ examples: [(emotion: String, clip: String, signal: Signal)], palette: EmotionPalette)
        -> Figure
    {
        let panels = examples.map { example in
            let waveform = Waveform(samples: example.signal.samples, sampleRate: example.signal.sampleRate)
            return Axes(
                title: "\(example.emotion) — \(example.clip)", xLabel: "time (s)", yLabel: "amplitude",
                xRange: 0...max(waveform.duration, 1e-3), yRange: -1...1,
                marks: [waveform.mark(color: palette.color(for: example.emotion))])
        }
        return Figure(
            title: "One waveform per emotion (as loaded)", columns: min(3, max(1, panels.count)), panels: panels)
    }

    /// Seconds to two decimals.
    static func seconds(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
