package import SERPlot

/// The load cell's figures: how the corpus is made up.
package enum LoadFigures {
    /// `load-class-balance`: clips per emotion, one bar each in its colour, with the count on top.
    package static func classBalance(_ clips: [ClipFacts], palette: EmotionPalette) -> Figure {
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
    package static func clipsPerSpeaker(_ clips: [ClipFacts], palette: EmotionPalette) -> Figure {
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

    /// `load-durations`: a histogram of clip durations with the median marked. When every clip has the
    /// same duration to the hundredth of a second (a corpus cut to length), a single narrow bar says so
    /// instead, since no bin width can show a spread that is not there.
    package static func durations(_ clips: [ClipFacts]) -> Figure {
        let durations = clips.map(\.duration)
        guard let stats = BoxStatistics(durations) else {
            return Figure(
                title: "Clip durations", panels: [Axes(xLabel: "duration (s)", yLabel: "clips")], width: 420,
                height: 290)
        }
        let shortest = Self.seconds(durations.min() ?? 0)
        let longest = Self.seconds(durations.max() ?? 0)
        guard shortest != longest else { return equalDurations(durations, median: stats.median, text: shortest) }
        let histogram = Histogram(durations)
        let top = Double(histogram.counts.max() ?? 1)
        let marks: [Mark] = [
            .histogram(histogram, color: FigureStyle.lightInk),
            .line(
                xs: [stats.median, stats.median], ys: [0, top * 1.06], color: FigureStyle.neutralInk, width: 1.5,
                dash: [4, 3]),
            .labels([Mark.Label(x: stats.median, y: top * 1.11, text: "median", color: FigureStyle.neutralInk)]),
        ]
        return Figure(
            title: "Clip durations",
            panels: [Axes(xLabel: "duration (s)", yLabel: "clips", marks: marks)],
            caption:
                "median \(Self.seconds(stats.median)) s, range \(shortest)–\(longest) s, \(stats.count) clips",
            width: 420, height: 290)
    }

    /// The durations figure when all `durations` round to `text` seconds: one bar a tenth of a second
    /// wide on a one-second axis, labelled.
    private static func equalDurations(_ durations: [Double], median: Double, text: String) -> Figure {
        let histogram = Histogram(durations, edges: [median - 0.05, median + 0.05])
        let count = Double(histogram.counts[0])
        let note = "all \(histogram.counts[0]) clips \(text) s"
        let marks: [Mark] = [
            .histogram(histogram, color: FigureStyle.lightInk),
            .labels([Mark.Label(x: median, y: count * 1.08, text: note, color: FigureStyle.neutralInk)]),
        ]
        return Figure(
            title: "Clip durations",
            panels: [
                Axes(
                    xLabel: "duration (s)", yLabel: "clips", xRange: (median - 0.5)...(median + 0.5),
                    yRange: 0...(count * 1.18), marks: marks)
            ],
            caption: note, width: 420, height: 290)
    }

    /// `load-waveforms`: one clip per emotion as decoded (the file mixed to mono at its own rate, neither
    /// normalised nor resampled), each in its emotion's colour.
    package static func waveforms(
        _ examples: [(emotion: String, clip: String, signal: Signal)], palette: EmotionPalette
    )
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
            title: "One waveform per emotion (as decoded)", columns: min(3, max(1, panels.count)), panels: panels)
    }

    /// Seconds to two decimals.
    static func seconds(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
