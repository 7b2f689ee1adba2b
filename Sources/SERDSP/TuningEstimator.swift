/// The tuning estimate of `librosa.feature.chroma_stft`: `librosa.estimate_tuning(S=P, sr=sr,
/// bins_per_octave=n_chroma)` on the **power** spectrogram, with `piptrack`'s defaults
/// (`fmin=150.0`, `fmax=4000.0`, `threshold=0.1`, `ref=np.max`) and `resolution=0.01`.
///
/// piptrack treats `S = P` as a magnitude: in each frame, a bin `k` with `150 <= f_k < min(4000,
/// sr/2)` is a peak when the thresholded spectrum `S * (S > 0.1 * max(S))` (maximum over **all**
/// bins of the frame) has a local maximum there (`x[k] > x[k-1]` and `x[k] >= x[k+1]`). A peak's
/// pitch is `(k + shift) * sr / n_fft` and its magnitude `S[k] + 0.5 * avg * shift`, where `avg`
/// is `np.gradient`'s `(S[k+1] - S[k-1]) / 2` in float32 and `shift` the vertex of the parabola
/// through the three bins (``parabolicShift(below:center:above:)``). The frequencies of the peaks
/// whose magnitude is at least the median magnitude (numpy's float32 median) go to
/// ``PitchTuning``. No peaks give tuning 0.
///
/// Only the bins of the frequency mask and their neighbours are visited; the per-frame maximum is
/// the one pass over the whole frame.
struct TuningEstimator: Sendable, Hashable {
    /// Sampling rate in Hz (`float(sr)`).
    let sampleRate: Double
    /// FFT length (`n_fft = 2 * (bins - 1)`).
    let nFFT: Int
    /// Bins per octave of the residual (`bins_per_octave = n_chroma`).
    let binsPerOctave: Int
    /// The bins of piptrack's frequency mask, `fmin <= f_k < min(fmax, sr / 2)`, without bin 0
    /// (never a local maximum).
    let candidates: Range<Int>

    /// piptrack's `threshold` default, cast to float32 as numpy multiplies it into the float32 maxima.
    private static let threshold = Float(0.1)

    init(sampleRate: Double, nFFT: Int, binsPerOctave: Int, minimumHz: Double = 150, maximumHz: Double = 4000) {
        self.sampleRate = sampleRate
        self.nFFT = nFFT
        self.binsPerOctave = binsPerOctave
        let spacing = 1.0 / (Double(nFFT) * (1.0 / sampleRate))
        let upper = min(maximumHz, sampleRate / 2)
        let inMask = (0..<(nFFT / 2 + 1)).filter { j in
            let f = Double(j) * spacing
            return max(minimumHz, 0) <= f && f < upper
        }
        let first = max(inMask.first ?? 1, 1)
        self.candidates = first..<max((inMask.last ?? -1) + 1, first)
    }

    /// Buffers reused between clips: the pitch and magnitude of every peak, and a copy of the
    /// magnitudes for the median.
    struct Scratch {
        var pitches: [Float] = []
        var magnitudes: [Float] = []
        var ranked: [Float] = []
    }

    /// The tuning of a power spectrogram with `nFFT / 2 + 1` bins, in fractions of a chroma bin
    /// (-0.5 ..< 0.5, a multiple of 0.01).
    func callAsFunction(_ power: Spectrogram, scratch: inout Scratch) -> Double {
        scratch.pitches.removeAll(keepingCapacity: true)
        scratch.magnitudes.removeAll(keepingCapacity: true)
        collectPeaks(power, pitches: &scratch.pitches, magnitudes: &scratch.magnitudes)
        guard !scratch.magnitudes.isEmpty else { return 0 }
        scratch.ranked.removeAll(keepingCapacity: true)
        scratch.ranked.append(contentsOf: scratch.magnitudes)
        let median = scratch.ranked.withUnsafeMutableBufferPointer { Numpy.median($0) }
        // Every peak has k >= 1 and shift > -1, so its pitch is > 0: the mask `pitch > 0` keeps all.
        let selected = zip(scratch.pitches, scratch.magnitudes).lazy.filter { $0.1 >= median }.map(\.0)
        return PitchTuning.estimate(selected, binsPerOctave: binsPerOctave)
    }

    /// Appends piptrack's pitch and magnitude of every peak, frame by frame.
    private func collectPeaks(_ power: Spectrogram, pitches: inout [Float], magnitudes: inout [Float]) {
        let bins = power.binCount
        precondition(bins == nFFT / 2 + 1, "spectrogram has \(bins) bins, n_fft is \(nFFT)")
        power.values.withUnsafeBufferPointer { values in
            for t in 0..<power.frameCount {
                let s = values.baseAddress! + t * bins
                let reference = Self.threshold * VectorMath.maximum(s, count: bins)
                @inline(__always) func thresholded(_ x: Float) -> Float { x > reference ? x : 0 }
                for k in candidates {
                    let x = s[k]
                    guard x > reference else { continue }
                    // k >= 1; the last bin (in the mask only if f_k rounds below sr / 2) has no upper neighbour.
                    let below = s[k - 1]
                    let above = k + 1 < bins ? s[k + 1] : 0
                    guard x > thresholded(below), k + 1 == bins || x >= thresholded(above) else { continue }
                    let shift: Float
                    let slope: Float
                    if k + 1 < bins {
                        shift = Self.parabolicShift(below: below, center: x, above: above)
                        slope = (above - below) / 2
                    } else {
                        shift = 0
                        slope = x - below
                    }
                    pitches.append(Float((Double(k) + Double(shift)) * sampleRate / Double(nFFT)))
                    magnitudes.append(x + 0.5 * slope * shift)
                }
            }
        }
    }

    /// The offset of the vertex of the parabola through `(-1, below)`, `(0, center)`, `(1, above)`,
    /// as librosa's numba stencil `_pi_stencil` computes it on float32 input: the integer literal
    /// `2` and the division promote to float64, so `a = float32(above + below) - 2.0 * center` and
    /// `b = float32(above - below) / 2` are float64, and `-b / a` is rounded to float32 once; 0 when
    /// `|b| >= |a|` (the vertex would be more than a bin away). All-float32 arithmetic differs in
    /// about one value in six.
    static func parabolicShift(below: Float, center: Float, above: Float) -> Float {
        let a = Double(above + below) - 2 * Double(center)
        let b = Double(above - below) / 2
        return abs(b) >= abs(a) ? 0 : Float(-b / a)
    }
}
