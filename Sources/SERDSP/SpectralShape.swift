import Glibc

/// librosa's spectral shape descriptors of a **magnitude** spectrogram (``STFT/magnitude(_:)``, the one
/// spectral contrast uses), one value per frame, each with librosa 0.11's defaults:
///
/// - ``centroid(_:)``: `librosa.feature.spectral_centroid(S=S, sr=sr)`;
/// - ``bandwidth(_:centroid:)``: `librosa.feature.spectral_bandwidth(S=S, sr=sr)` (`p=2`, `norm=True`);
/// - ``rolloff(_:)``: `librosa.feature.spectral_rolloff(S=S, sr=sr)` (`roll_percent=0.85`);
/// - ``flatness(_:)``: `librosa.feature.spectral_flatness(S=S)` (`amin=1e-10`, `power=2`).
///
/// Bin `k` is at `k · sr / n_fft` Hz (`librosa.fft_frequencies`). Where librosa works in float32 (the L1
/// normalisation, the roll-off's cumulative sum and threshold, flatness's arithmetic mean) so does this; the weighted
/// sums are float64, as librosa's products with its float64 frequencies are.
package struct SpectralShape: Sendable {
    /// `roll_percent`.
    static let rollPercent: Float = 0.85
    /// `amin` of flatness.
    static let flatnessFloor: Float = 1e-10

    package let sampleRate: Double
    package let nFFT: Int
    /// `np.fft.rfftfreq(n_fft, 1 / sr)`: the frequency of each bin in Hz.
    package let frequencies: [Double]

    package init(sampleRate: Double, nFFT: Int) {
        self.sampleRate = sampleRate
        self.nFFT = nFFT
        let spacing = 1.0 / (Double(nFFT) * (1.0 / sampleRate))
        self.frequencies = (0...(nFFT / 2)).map { Double($0) * spacing }
    }

    /// The frequency-weighted mean of each frame's L1-normalised magnitudes, in Hz (0 for a silent frame).
    package func centroid(_ magnitude: Spectrogram) -> [Double] {
        perFrame(magnitude) { frame, bins in
            let norm = Self.l1Norm(frame, count: bins)
            var sum = 0.0
            for k in 0..<bins { sum += frequencies[k] * Double(frame[k] / norm) }
            return sum
        }
    }

    /// `(Σ_k S̄[k] · (f[k] - centroid)²)^(1/2)` with `S̄` each frame's L1-normalised magnitudes, in Hz.
    /// `centroid` is ``centroid(_:)`` of the same spectrogram.
    package func bandwidth(_ magnitude: Spectrogram, centroid: [Double]) -> [Double] {
        precondition(centroid.count == magnitude.frameCount, "one centroid per frame")
        var t = 0
        return perFrame(magnitude) { frame, bins in
            let norm = Self.l1Norm(frame, count: bins)
            let center = centroid[t]
            t += 1
            var sum = 0.0
            for k in 0..<bins {
                let deviation = abs(center - frequencies[k])
                sum += Double(frame[k] / norm) * (deviation * deviation)
            }
            return sum.squareRoot()
        }
    }

    /// The lowest bin frequency at which the float32 running sum of magnitudes reaches 85 % of the frame's
    /// total, in Hz (0 for a silent frame).
    package func rolloff(_ magnitude: Spectrogram) -> [Double] {
        perFrame(magnitude) { frame, bins in
            var total: Float = 0
            for k in 0..<bins { total += frame[k] }
            let threshold = Self.rollPercent * total
            var running: Float = 0
            for k in 0..<bins {
                running += frame[k]
                if !(running < threshold) { return frequencies[k] }
            }
            return frequencies[bins - 1]
        }
    }

    /// The geometric over the arithmetic mean of each frame's powers `max(1e-10, |S|²)`, in float32.
    package func flatness(_ magnitude: Spectrogram) -> [Double] {
        let amin = Self.flatnessFloor
        return perFrame(magnitude) { frame, bins in
            let mean = Numpy.pairwiseSum(frame, count: bins) { max(amin, $0 * $0) } / Float(bins)
            return exp(Self.sumOfLogPowers(frame, count: bins, floor: amin) / Double(bins)) / Double(mean)
        }
    }

    /// `Σ_k log(max(floor, x_k²))` in float64, as the logarithm of products of 16 powers at a time: one `log` per
    /// 16 bins instead of librosa's one `logf` per bin (a sixth of the extract cell's spectral-shape cost,
    /// measured), and closer to the exact sum. A product of 16 powers stays within float64's range for any
    /// float32 magnitude of a normalised signal (each power lies in `[1e-10, 1e12]`; larger ones fall back to
    /// one log each).
    private static func sumOfLogPowers(_ frame: UnsafePointer<Float>, count: Int, floor: Float) -> Double {
        var total = 0.0
        var start = 0
        while start < count {
            let end = min(start + 16, count)
            var product = 1.0
            var inRange = true
            for k in start..<end {
                let power = Double(max(floor, frame[k] * frame[k]))
                inRange = inRange && power <= 1e12
                product *= power
            }
            if inRange {
                total += log(product)
            } else {
                for k in start..<end { total += log(Double(max(floor, frame[k] * frame[k]))) }
            }
            start = end
        }
        return total
    }

    /// `np.sum(np.abs(S))` of one frame in float32 (numpy's pairwise sum), or 1 when below float32's
    /// smallest normal, as `librosa.util.normalize(S, norm=1)` leaves such frames unscaled.
    private static func l1Norm(_ frame: UnsafePointer<Float>, count: Int) -> Float {
        let norm = Numpy.pairwiseSum(frame, count: count)
        return norm < Float.leastNormalMagnitude ? 1 : norm
    }

    private func perFrame(
        _ magnitude: Spectrogram, _ body: (UnsafePointer<Float>, Int) -> Double
    ) -> [Double] {
        precondition(magnitude.binCount == nFFT / 2 + 1, "spectrogram has \(magnitude.binCount) bins, n_fft is \(nFFT)")
        let bins = magnitude.binCount
        return magnitude.values.withUnsafeBufferPointer { values in
            (0..<magnitude.frameCount).map { t in body(values.baseAddress! + t * bins, bins) }
        }
    }
}
