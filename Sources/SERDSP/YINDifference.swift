/// YIN's cumulative mean normalised difference of one frame, as
/// `librosa.core.pitch._cumulative_mean_normalized_difference` computes it, and the parabolic
/// refinement of a lag, as `librosa.core.pitch._parabolic_interpolation` does.
///
/// For a frame `x` of `frameLength` samples, with `r(k)` its autocorrelation and `c(m)` the cumulative
/// energy `Σ_{i≤m} x_i²`, librosa's difference is `d(k) = 2 (r(0) - r(k)) - c(k - 1)` (its own form:
/// only the energy before the lag is subtracted) and the normalised difference at period `τ` is
/// `d(τ) / (mean(d(1...τ)) + tiny)`, for `τ` in `minPeriod...maxPeriod`.
///
/// The autocorrelation comes from a real FFT (FFTW, through ``FFTAutocorrelation``) of the frame
/// zero-padded to at least `frameLength + maxPeriod` points, enough for lags up to `maxPeriod` to be free of
/// wrap-around (librosa pads to `2 * frameLength - 1`; the lags used are the same). Arithmetic is float64,
/// where librosa's follows its float32 input: values agree to float32 rounding.
///
/// Not Sendable: holds FFTW plans and buffers; one per task.
final class YINDifference {
    let frameLength: Int
    let minPeriod: Int
    let maxPeriod: Int
    /// Periods `minPeriod...maxPeriod`, the length of each normalised difference.
    var periodCount: Int { maxPeriod - minPeriod + 1 }

    private let autocorrelation: FFTAutocorrelation
    private var difference: [Double]

    init(frameLength: Int, minPeriod: Int, maxPeriod: Int) throws(DSPError) {
        precondition(0 < minPeriod && minPeriod < maxPeriod && maxPeriod < frameLength, "periods must fit the frame")
        let size = Self.fastSize(atLeast: frameLength + maxPeriod)
        self.autocorrelation = try FFTAutocorrelation(size: size)
        self.frameLength = frameLength
        self.minPeriod = minPeriod
        self.maxPeriod = maxPeriod
        self.difference = [Double](repeating: 0, count: maxPeriod + 1)
    }

    /// Writes the normalised difference of `frame` (`frameLength` samples) for periods
    /// `minPeriod...maxPeriod` into `yin` (`periodCount` values).
    func callAsFunction(_ frame: UnsafePointer<Float>, into yin: UnsafeMutablePointer<Double>) {
        let size = autocorrelation.size
        let input = autocorrelation.input
        for i in 0..<frameLength { input[i] = Double(frame[i]) }
        for i in frameLength..<size { input[i] = 0 }
        autocorrelation.compute()
        let scale = 1 / Double(size)
        let acf = autocorrelation.output
        let zeroLag = acf[0] * scale
        difference.withUnsafeMutableBufferPointer { d in
            d[0] = 0
            var energy = 0.0
            for k in 1...maxPeriod {
                let sample = Double(frame[k - 1])
                energy += sample * sample
                d[k] = 2 * (zeroLag - acf[k] * scale) - energy
            }
            var runningSum = 0.0
            for k in 1...maxPeriod {
                runningSum += d[k]
                if k >= minPeriod {
                    let mean = runningSum / Double(k)
                    yin[k - minPeriod] = d[k] / (mean + Double.leastNormalMagnitude)
                }
            }
        }
    }

    /// The parabolic shift of index `i` of `values` (`count` long): `-b / a` for the parabola through
    /// `i - 1, i, i + 1`, or 0 at either end or when the vertex lies a bin or more away
    /// (`_parabolic_interpolation`'s stencil).
    static func parabolicShift(_ values: UnsafePointer<Double>, count: Int, at i: Int) -> Double {
        guard i > 0, i < count - 1 else { return 0 }
        let a = values[i + 1] + values[i - 1] - 2 * values[i]
        let b = (values[i + 1] - values[i - 1]) / 2
        return abs(b) >= abs(a) ? 0 : -b / a
    }

    /// The smallest `2^a 3^b 5^c` at or above `n`: sizes FFTW transforms fastest.
    static func fastSize(atLeast n: Int) -> Int {
        var best = Int.max
        var p2 = 1
        while p2 < 2 * n {
            var p3 = p2
            while p3 < 2 * n {
                var p5 = p3
                while p5 < n { p5 *= 5 }
                best = min(best, p5)
                p3 *= 3
            }
            p2 *= 2
        }
        return best
    }
}
