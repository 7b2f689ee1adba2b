/// Zero-crossing rate per frame: `librosa.feature.zero_crossing_rate(y)` with its defaults
/// (`frame_length=2048`, `hop_length=512`, `center=True` with **edge** padding, and
/// `zero_crossings(threshold=1e-10, ref_magnitude=None, pad=False, zero_pos=True)`).
///
/// Values with `|x| <= 1e-10` (compared in float32) count as +0, zero counts as positive, and a
/// crossing is a change of sign bit between neighbouring samples of the same frame; the first
/// slot of a frame never counts, and the count is divided by the full frame length. Results are
/// float64, as librosa's are (`np.mean` of booleans), and exact.
///
/// librosa raises on an empty signal (numpy cannot edge-pad nothing); here it gives one frame of
/// rate 0, consistent with the other features' one frame of padding.
package struct ZeroCrossingRate: Sendable {
    package var geometry: FrameGeometry
    /// Magnitudes at or below this are treated as zero (`threshold`, cast to float32 as librosa's
    /// float32 kernel does).
    package var threshold: Float

    package init(geometry: FrameGeometry, threshold: Float = 1e-10) {
        self.geometry = geometry
        self.threshold = threshold
    }

    /// One rate per frame, `1 + n // hop` frames.
    package func callAsFunction(_ y: [Float]) -> [Double] {
        var scratch: [Int32] = []
        return self(y, scratch: &scratch)
    }

    /// As ``callAsFunction(_:)``, reusing `scratch` for the running crossing count.
    func callAsFunction(_ y: [Float], scratch crossings: inout [Int32]) -> [Double] {
        let frames = geometry.frameCount(sampleCount: y.count)
        guard !y.isEmpty else { return [Double](repeating: 0, count: frames) }
        let length = geometry.frameLength
        let halfFrame = length / 2
        // Padded samples up to the end of the last frame (n + 2 * halfFrame or fewer).
        let paddedCount = (frames - 1) * geometry.hopLength + length
        // crossings[p] = sign changes between padded samples (q - 1, q) for 1 <= q <= p, wrapping
        // on overflow (only differences within one frame are used, and those are exact).
        if crossings.count < paddedCount { crossings.resize(to: paddedCount) }
        let threshold = threshold
        @inline(__always) func isNegative(_ x: Float) -> Bool {
            !(abs(x) <= threshold) && x.sign == .minus
        }
        y.withUnsafeBufferPointer { signal in
            crossings.withUnsafeMutableBufferPointer { running in
                let n = signal.count
                let samples = signal.baseAddress!
                let counts = running.baseAddress!
                // Branch-free: a crossing adds `current ^ previous` (1 or 0) to the count.
                var previous: Int32 = isNegative(samples[0]) ? 1 : 0
                var count: Int32 = 0
                counts[0] = 0
                for p in 1..<paddedCount {
                    let current: Int32 = isNegative(samples[min(max(p &- halfFrame, 0), n &- 1)]) ? 1 : 0
                    count &+= current ^ previous
                    counts[p] = count
                    previous = current
                }
            }
        }
        let scale = Double(length)
        return crossings.withUnsafeBufferPointer { running in
            (0..<frames).map { t in
                let first = t * geometry.hopLength
                return Double(running[first + length - 1] &- running[first]) / scale
            }
        }
    }
}
