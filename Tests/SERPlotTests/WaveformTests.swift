import Testing

@testable import SERPlot

@Suite struct WaveformTests {
    @Test func threeSecondsBecomeAtMostMaxColumns() {
        let samples = ExampleFigures.clip(seed: 3)
        #expect(samples.count == 66_150)
        let waveform = Waveform(samples: samples, sampleRate: 22_050, maxColumns: 400)
        #expect(waveform.times.count == 400)
        #expect(waveform.lower.count == 400)
        #expect(waveform.upper.count == 400)
        #expect(waveform.duration == 3)
    }

    @Test func everyColumnHoldsTheMinimumAndMaximumOfItsSamples() {
        let samples = ExampleFigures.clip(seed: 5, seconds: 0.5)
        let waveform = Waveform(samples: samples, sampleRate: 22_050, maxColumns: 97)
        var covered = 0
        for column in 0..<97 {
            let start = column * samples.count / 97
            let end = (column + 1) * samples.count / 97
            let run = samples[start..<end]
            #expect(waveform.lower[column] == Double(run.min()!))
            #expect(waveform.upper[column] == Double(run.max()!))
            covered += run.count
        }
        #expect(covered == samples.count)
        #expect(Double(samples.min()!) == waveform.lower.min())
        #expect(Double(samples.max()!) == waveform.upper.max())
    }

    @Test func columnTimesAreTheMeanSampleTime() {
        let waveform = Waveform(samples: [0, 1, 2, 3, 4, 5, 6, 7], sampleRate: 4, maxColumns: 2)
        #expect(waveform.times == [0.375, 1.375])
        #expect(waveform.lower == [0, 4])
        #expect(waveform.upper == [3, 7])
        #expect(waveform.duration == 2)
    }

    @Test func shortSignalsKeepOneColumnPerSample() {
        let waveform = Waveform(samples: [0.5, -0.25, 1], sampleRate: 10, maxColumns: 400)
        #expect(waveform.times == [0, 0.1, 0.2])
        #expect(waveform.lower == [0.5, -0.25, 1])
        #expect(waveform.upper == waveform.lower)
    }

    @Test func emptySignalGivesNoColumns() {
        let waveform = Waveform(samples: [], sampleRate: 22_050)
        #expect(waveform.times.isEmpty)
        #expect(waveform.duration == 0)
    }

    @Test func markSpansTheEnvelope() {
        let waveform = Waveform(samples: [0.5, -0.25, 1, -0.75], sampleRate: 4, maxColumns: 2)
        let mark = waveform.mark(color: Palette.okabeIto[0])
        #expect(mark.yExtent == -0.75...1)
        #expect(mark.xExtent == 0.125...0.625)
    }
}

@Suite struct LongWaveformTests {
    /// An hour at 22 050 Hz reduces to the same few hundred columns as a second does, so it draws as fast.
    @Test func anHourDrawsAsFewColumnsAsASecond() throws {
        let rate = 22_050
        let hour = [Float](unsafeUninitializedCapacity: 3600 * rate) { buffer, count in
            for index in 0..<buffer.count { buffer[index] = Float(index % 1000) / 1000 - 0.5 }
            buffer[1_234_567] = 0.99
            count = buffer.count
        }
        let long = Waveform(samples: hour, sampleRate: rate)
        let short = Waveform(samples: Array(hour.prefix(rate)), sampleRate: rate)
        #expect(long.times.count == Waveform.defaultMaxColumns)
        #expect(short.times.count == Waveform.defaultMaxColumns)
        #expect(long.duration == 3600)
        #expect(long.upper.max() == Double(Float(0.99)))
        let svg = try Figure(panels: [Axes(marks: [long.mark(color: Color(hex: 0))])])
            .encoded(as: .svg, pixelDensity: 1, destination: "hour.svg")
        let shortSVG = try Figure(panels: [Axes(marks: [short.mark(color: Color(hex: 0))])])
            .encoded(as: .svg, pixelDensity: 1, destination: "second.svg")
        // The drawing is the same size whatever the length: only tick labels differ.
        #expect(abs(svg.count - shortSVG.count) < 20_000)
    }
}
