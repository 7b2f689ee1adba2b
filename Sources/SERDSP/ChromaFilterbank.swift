import Glibc

/// The chroma filter bank `librosa.filters.chroma(sr=sr, n_fft=2048, tuning=tuning)` with its
/// defaults (`n_chroma=12`, `ctroct=5.0`, `octwidth=2`, `norm=2`, `base_c=True`,
/// `dtype=float32`), and its product with a power spectrogram as `chroma_stft` computes it.
///
/// Each bin's pitch `12 * log2(f / (A440 / 16))` (`A440 = 440 * 2**(tuning / 12)`; bin 0 is placed
/// 1.5 octaves below bin 1) gets a Gaussian bump per chroma, `exp(-0.5 * (2 D / w)**2)` with `D`
/// the pitch distance folded into ±6 and `w` the bin's width in chroma (at least 1). Each bin's
/// column is scaled to unit L2 norm, then weighted by a Gaussian over octaves centred on 880 Hz
/// (`ctroct=5` above A0) with a 2-octave deviation, and the rows are rotated to start at C. Built in
/// float64 exactly as librosa builds it (over the `n_fft` bins of `np.linspace(0, sr, n_fft,
/// endpoint=False)`, of which the first `n_fft / 2 + 1` are kept), then stored as float32.
package struct ChromaFilterbank: Sendable, Hashable {
    /// Sampling rate the bins refer to, in Hz.
    package let sampleRate: Double
    /// FFT length; there are `nFFT / 2 + 1` bins.
    package let nFFT: Int
    /// Chroma bins per octave (`n_chroma`).
    package let chromaCount: Int
    /// Tuning deviation from A440 in fractions of a chroma bin (`tuning`).
    package let tuning: Double
    /// `n_fft / 2 + 1`.
    package var binCount: Int { nFFT / 2 + 1 }

    /// `chromaCount × binCount` weights, row-major (chroma-major), float32.
    private let weights: [Float]

    /// Throws ``DSPError`` for a non-positive rate, an odd or non-positive `nFFT`, or no chroma.
    package init(sampleRate: Double, nFFT: Int, chromaCount: Int, tuning: Double = 0) throws(DSPError) {
        guard sampleRate > 0, sampleRate.isFinite else {
            throw DSPError(.invalidParameter, reason: "sample rate must be positive, got \(sampleRate)")
        }
        guard nFFT >= 2, nFFT % 2 == 0 else {
            throw DSPError(.invalidParameter, reason: "n_fft must be a positive even number, got \(nFFT)")
        }
        guard chromaCount > 0 else {
            throw DSPError(.invalidParameter, reason: "n_chroma must be positive, got \(chromaCount)")
        }
        self.init(validatedSampleRate: sampleRate, nFFT: nFFT, chromaCount: chromaCount, tuning: tuning)
    }

    /// The bank for parameters already checked by the package initializer.
    init(validatedSampleRate sampleRate: Double, nFFT: Int, chromaCount: Int, tuning: Double) {
        self.sampleRate = sampleRate
        self.nFFT = nFFT
        self.chromaCount = chromaCount
        self.tuning = tuning
        self.weights = Self.weights(sampleRate: sampleRate, nFFT: nFFT, chromaCount: chromaCount, tuning: tuning)
    }

    /// The float32 weight of bin `bin` in chroma `chroma` (0 = C).
    package func weight(chroma: Int, bin: Int) -> Float {
        weights[chroma * binCount + bin]
    }

    /// `C @ P` for one frame of power values: `chromaCount` float32 sums (see
    /// ``VectorMath/dot(_:_:count:)``).
    func apply(frame power: UnsafePointer<Float>, into chroma: UnsafeMutablePointer<Float>) {
        weights.withUnsafeBufferPointer { weights in
            let bins = binCount
            let base = weights.baseAddress!
            var c = 0
            while c + 2 <= chromaCount {
                (chroma[c], chroma[c + 1]) = VectorMath.dot(base + c * bins, base + (c + 1) * bins, power, count: bins)
                c += 2
            }
            if c < chromaCount { chroma[c] = VectorMath.dot(base + c * bins, power, count: bins) }
        }
    }

    /// librosa's construction, column by column for the kept bins `0 ... n_fft / 2`.
    private static func weights(sampleRate: Double, nFFT: Int, chromaCount: Int, tuning: Double) -> [Float] {
        let n = Double(chromaCount)
        let bins = nFFT / 2 + 1
        // frqbins for bins 0 ... min(n_fft/2 + 1, n_fft - 1): the widths of the kept bins need one more.
        let pitchCount = min(bins + 1, nFFT)
        let step = (sampleRate - 0) / Double(nFFT)
        let a440 = 440.0 * pow(2.0, tuning / n)
        let reference = a440 / 16
        var pitches = (0..<pitchCount).map { j in n * log2((Double(max(j, 1)) * step + 0) / reference) }
        pitches[0] -= 1.5 * n
        let half = (n / 2).rounded(.toNearestOrEven)
        let rotation = 3 * (chromaCount / 12)
        var column = [Double](repeating: 0, count: chromaCount)
        var weights = [Float](repeating: 0, count: chromaCount * bins)
        for j in 0..<bins {
            let width = j + 1 < nFFT ? max(pitches[j + 1] - pitches[j], 1.0) : 1
            var squares = 0.0
            for c in 0..<chromaCount {
                let distance = numpyRemainder(pitches[j] - Double(c) + half + 10 * n, n) - half
                let scaled = 2 * distance / width
                let w = exp(-0.5 * (scaled * scaled))
                column[c] = w
                squares += w * w
            }
            var length = squares.squareRoot()
            if length < Double.leastNormalMagnitude { length = 1 }
            let octave = (pitches[j] / n - 5.0) / 2
            let octaveWeight = exp(-0.5 * (octave * octave))
            for c in 0..<chromaCount {
                let row = (c - rotation % chromaCount + chromaCount) % chromaCount
                weights[row * bins + j] = Float(column[c] / length * octaveWeight)
            }
        }
        return weights
    }

    /// `np.remainder(a, b)` for float64: `fmod`, moved to the sign of `b`.
    private static func numpyRemainder(_ a: Double, _ b: Double) -> Double {
        let r = fmod(a, b)
        if r == 0 { return copysign(0, b) }
        return (b < 0) != (r < 0) ? r + b : r
    }
}
