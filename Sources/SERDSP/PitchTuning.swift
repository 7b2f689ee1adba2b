import Glibc

/// `librosa.pitch_tuning(frequencies, resolution=0.01, bins_per_octave=n)`: the tuning offset of a
/// set of frequencies from A440, in fractions of a bin, as the left edge of the fullest bin of a
/// histogram of their residuals.
///
/// With float32 frequencies (piptrack's pitches) numpy computes the residual in float32:
/// `r = mod(n * log2(f / 27.5), 1)`, then `r -= 1` where `r >= 0.5`. The histogram has the 101
/// edges `np.linspace(-0.5, 0.5, 101)` and numpy's rule (`[e_i, e_{i+1})`, the last bin closed),
/// compared in float64; the result is the left edge of the first fullest bin, e.g. -0.25 or
/// 0.27000000000000002.
///
/// `log2` here is correctly rounded; numpy's float32 `log2` (SVML on AVX-512) is not in about 2 %
/// of inputs, which moves a residual across a bin edge about once in 10⁵ frequencies and so can
/// only matter when two bins tie to within one count.
enum PitchTuning {
    /// Histogram resolution in fractions of a bin (librosa's `resolution` default).
    static let resolution = 0.01
    /// `np.linspace(-0.5, 0.5, ceil(1 / resolution) + 1)`: `i * step + start`, the last one `stop`.
    static let edges: [Double] = {
        let count = Int((1.0 / resolution).rounded(.up)) + 1
        let step = (0.5 - -0.5) / Double(count - 1)
        return (0..<count).map { $0 == count - 1 ? 0.5 : Double($0) * step + -0.5 }
    }()

    /// The tuning of `frequencies` (Hz, float32, all > 0), or 0 when there are none (librosa
    /// warns "Trying to estimate tuning from empty frequency set" and returns 0.0).
    static func estimate(_ frequencies: some Sequence<Float>, binsPerOctave: Int) -> Double {
        let binCount = edges.count - 1
        var counts = [Int](repeating: 0, count: binCount)
        var any = false
        let bins = Float(binsPerOctave)
        for frequency in frequencies {
            any = true
            // hz_to_octs(f) = log2(f / (A440 / 16)), A440 = 440.0: float32 array / Python float.
            let octaves = Float(log2(Double(frequency / Float(27.5))))
            var residual = unitRemainder(bins * octaves)
            if residual >= 0.5 { residual -= 1 }
            if let bin = bin(of: Double(residual)) { counts[bin] += 1 }
        }
        guard any else { return 0 }
        var best = 0
        for i in 1..<binCount where counts[i] > counts[best] { best = i }
        return edges[best]
    }

    /// `np.mod(x, 1.0)` in float32: `fmod`, moved into `[0, 1)` when negative.
    private static func unitRemainder(_ x: Float) -> Float {
        let r = fmodf(x, 1)
        return r < 0 ? r + 1 : r
    }

    /// The histogram bin of `r` by numpy's rule, or nil outside `[-0.5, 0.5]` (or NaN).
    private static func bin(of r: Double) -> Int? {
        let last = edges.count - 1
        guard r >= edges[0], r <= edges[last] else { return nil }
        var i = min(max(Int(((r - edges[0]) / resolution).rounded(.down)), 0), last - 1)
        while i > 0 && r < edges[i] { i -= 1 }
        while i < last - 1 && r >= edges[i + 1] { i += 1 }
        return i
    }
}
