/// A long run of audio samples reduced to at most a few hundred columns, each holding the smallest and
/// largest sample it covers, with time in seconds: what `librosa.display.waveshow` draws, and cheap
/// to draw and to store in SVG or PDF (a 3 s clip at 22 050 Hz becomes ``defaultMaxColumns`` points).
package struct Waveform: Sendable {
    /// The time of each column in seconds: the mean time of the samples it covers.
    package let times: [Double]
    /// The smallest sample in each column.
    package let lower: [Double]
    /// The largest sample in each column.
    package let upper: [Double]
    /// The length of the whole signal in seconds, the natural x range `0...duration`.
    package let duration: Double

    /// Enough columns for a sharp envelope in a panel a few hundred points wide.
    package static let defaultMaxColumns = 400

    /// Splits `samples` (mono, at `sampleRate` Hz) into `min(maxColumns, samples.count)` runs of equal
    /// length (±1 sample) and keeps each run's minimum and maximum.
    package init(samples: [Float], sampleRate: Int, maxColumns: Int = Waveform.defaultMaxColumns) {
        precondition(sampleRate > 0, "sample rate must be positive, got \(sampleRate)")
        precondition(maxColumns > 0, "maxColumns must be positive, got \(maxColumns)")
        let count = samples.count
        let columns = min(maxColumns, count)
        let rate = Double(sampleRate)
        var times: [Double] = []
        var lower: [Double] = []
        var upper: [Double] = []
        times.reserveCapacity(columns)
        lower.reserveCapacity(columns)
        upper.reserveCapacity(columns)
        samples.withUnsafeBufferPointer { buffer in
            for column in 0..<columns {
                let start = column * count / columns
                let end = (column + 1) * count / columns
                var low = buffer[start]
                var high = buffer[start]
                for sample in buffer[start..<end] {
                    low = min(low, sample)
                    high = max(high, sample)
                }
                times.append(Double(start + end - 1) / 2 / rate)
                lower.append(Double(low))
                upper.append(Double(high))
            }
        }
        self.times = times
        self.lower = lower
        self.upper = upper
        self.duration = Double(count) / rate
    }

    /// The envelope as a filled ``Mark``.
    package func mark(color: Color) -> Mark {
        .envelope(xs: times, lower: lower, upper: upper, color: color)
    }
}
