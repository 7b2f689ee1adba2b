/// The mel filter bank `librosa.filters.mel(sr=sr, n_fft=2048)` with its defaults
/// (`n_mels=128`, `fmin=0`, `fmax=sr/2`, `htk=False` Slaney scale, `norm="slaney"`,
/// `dtype=float32`), and its product with a power spectrogram as `librosa.feature.melspectrogram`
/// computes it.
///
/// Filter `i` is a triangle in Hz from band edge `i` to edge `i + 2` (edges equally spaced on the
/// mel scale), scaled by `2 / (f[i+2] - f[i])` so each filter has unit area. The triangles are
/// computed in float64, stored as float32, then scaled (float64 product, stored float32), exactly
/// as librosa does.
package struct MelFilterbank: Sendable, Hashable {
    /// Sampling rate the bins refer to, in Hz.
    package let sampleRate: Double
    /// FFT length; there are `nFFT / 2 + 1` bins.
    package let nFFT: Int
    /// Number of mel bands (`n_mels`).
    package let melCount: Int
    /// `n_fft / 2 + 1`.
    package var binCount: Int { nFFT / 2 + 1 }

    /// `melCount × binCount` weights, row-major (band-major), float32.
    private let weights: [Float]
    /// Per band, the half-open range of bins with non-zero weight (empty for an empty filter).
    private let support: [Range<Int>]
    /// The `melCount + 2` band edges in Hz (`mel_f` in librosa); filter `i` peaks at edge `i + 1`.
    let bandEdges: [Double]

    /// Builds the bank. `maximumHz` defaults to `sampleRate / 2`.
    ///
    /// Throws ``DSPError`` for a non-positive rate, an odd or non-positive `nFFT`, no bands, or a
    /// frequency range that is empty or negative.
    package init(
        sampleRate: Double, nFFT: Int, melCount: Int, minimumHz: Double = 0, maximumHz: Double? = nil
    ) throws(DSPError) {
        let maximumHz = maximumHz ?? sampleRate / 2
        guard sampleRate > 0, sampleRate.isFinite else {
            throw DSPError(.invalidParameter, reason: "sample rate must be positive, got \(sampleRate)")
        }
        guard nFFT >= 2, nFFT % 2 == 0 else {
            throw DSPError(.invalidParameter, reason: "n_fft must be a positive even number, got \(nFFT)")
        }
        guard melCount > 0 else {
            throw DSPError(.invalidParameter, reason: "n_mels must be positive, got \(melCount)")
        }
        guard minimumHz >= 0, maximumHz > minimumHz, maximumHz.isFinite else {
            throw DSPError(
                .invalidParameter, reason: "mel range must satisfy 0 <= fmin < fmax, got \(minimumHz)...\(maximumHz)")
        }
        self.sampleRate = sampleRate
        self.nFFT = nFFT
        self.melCount = melCount

        let bins = nFFT / 2 + 1
        // np.fft.rfftfreq(n_fft, d=1/sr): k * (1 / (n_fft * (1/sr))).
        let binSpacing = 1.0 / (Double(nFFT) * (1.0 / sampleRate))
        let binHz = (0..<bins).map { Double($0) * binSpacing }
        let edges = SlaneyMelScale.frequencies(count: melCount + 2, lowerHz: minimumHz, upperHz: maximumHz)
        var weights = [Float](repeating: 0, count: melCount * bins)
        var support: [Range<Int>] = []
        support.reserveCapacity(melCount)
        for i in 0..<melCount {
            let lowerWidth = edges[i + 1] - edges[i]
            let upperWidth = edges[i + 2] - edges[i + 1]
            let areaNorm = 2.0 / (edges[i + 2] - edges[i])
            var first = bins
            var last = -1
            for k in 0..<bins {
                let rising = -(edges[i] - binHz[k]) / lowerWidth
                let falling = (edges[i + 2] - binHz[k]) / upperWidth
                let triangle = Float(max(0, min(rising, falling)))
                let weight = Float(Double(triangle) * areaNorm)
                weights[i * bins + k] = weight
                if weight != 0 {
                    first = min(first, k)
                    last = k
                }
            }
            support.append(last >= first ? first..<(last + 1) : 0..<0)
        }
        self.weights = weights
        self.support = support
        self.bandEdges = edges
    }

    /// The float32 weight of bin `bin` in band `mel`.
    package func weight(mel: Int, bin: Int) -> Float {
        weights[mel * binCount + bin]
    }

    /// `W @ P` for one frame: `melCount` values from `binCount` power values, accumulated in
    /// float64 over each filter's support and rounded once to float32 (librosa's float32 einsum
    /// agrees to its own rounding, about 1e-7 relative).
    func apply(frame power: UnsafePointer<Float>, into mel: UnsafeMutablePointer<Float>) {
        weights.withUnsafeBufferPointer { weights in
            let bins = binCount
            for m in 0..<melCount {
                var sum = 0.0
                let row = weights.baseAddress! + m * bins
                for k in support[m] {
                    sum += Double(row[k]) * Double(power[k])
                }
                mel[m] = Float(sum)
            }
        }
    }

    /// ``apply(frame:into:)`` for four consecutive frames at once, one lane each: every lane
    /// adds the same products in the same order as the one-frame version, but the four
    /// independent sums hide the additions' latency.
    private func applyFour(frames power: UnsafePointer<Float>, into mel: UnsafeMutablePointer<Float>) {
        weights.withUnsafeBufferPointer { weights in
            let bins = binCount
            let mels = melCount
            let p0 = power
            let p1 = power + bins
            let p2 = power + 2 * bins
            let p3 = power + 3 * bins
            for m in 0..<mels {
                var sum = SIMD4<Double>(repeating: 0)
                let row = weights.baseAddress! + m * bins
                for k in support[m] {
                    let p = SIMD4<Double>(Double(p0[k]), Double(p1[k]), Double(p2[k]), Double(p3[k]))
                    sum += SIMD4(repeating: Double(row[k])) * p
                }
                mel[m] = Float(sum[0])
                mel[mels + m] = Float(sum[1])
                mel[2 * mels + m] = Float(sum[2])
                mel[3 * mels + m] = Float(sum[3])
            }
        }
    }

    /// `librosa.feature.melspectrogram(S=power)`: the mel spectrogram, frame-major
    /// (`frameCount × melCount`), written into `mel` (storage reused).
    func apply(to power: Spectrogram, into mel: inout [Float]) {
        precondition(power.binCount == binCount, "spectrogram has \(power.binCount) bins, filter bank \(binCount)")
        let count = power.frameCount * melCount
        mel.resize(to: count)
        let frames = count / melCount
        power.values.withUnsafeBufferPointer { power in
            mel.withUnsafeMutableBufferPointer { mel in
                var t = 0
                while t + 4 <= frames {
                    applyFour(frames: power.baseAddress! + t * binCount, into: mel.baseAddress! + t * melCount)
                    t += 4
                }
                while t < frames {
                    apply(frame: power.baseAddress! + t * binCount, into: mel.baseAddress! + t * melCount)
                    t += 1
                }
            }
        }
    }
}
