#if canImport(Glibc)
    import Glibc
#endif

extension SpectralGate {
    /// `spectral_gating_nonstationary`'s mask before smoothing (`nonstationary.py:47-80`):
    /// `S = filtfilt(...)(|Z|)`, `sigmoid((|Z| − S) / S, −thresh_n_mult, slope)`.
    ///
    /// On entry the rows of frames `active` hold the noise floor's forward pass (run while
    /// transforming). This finishes the forward pass over the frames of zeros after them, then runs
    /// the backward pass from the last frame, turning each transformed frame's row into its mask
    /// as soon as its floor is final.
    ///
    /// Where `|Z|` is 0 the ratio is −1, as `(0 − S) / S` gives for any `S > 0`; noisereduce
    /// computes 0/0 = NaN there when `S` is 0 too (a bin that is 0 in every frame, e.g. digital
    /// silence), and that NaN then spreads over its whole output. Frames that were not transformed
    /// have `|Z| = 0`, so their mask is the constant `sigmoid(−1)`.
    func nonstationaryMask(
        floor: TimeSmoothing, sigmoid: Sigmoid, magnitudes: UnsafeMutablePointer<Double>,
        active: ClosedRange<Int>, maskFrames: ClosedRange<Int>, frameCount: Int, rows: MaskRows
    ) {
        let stride = framing.rowStride
        for t in (active.upperBound + 1)..<frameCount {
            floor.forwardOverZeros(previous: rows[t - 1], into: rows[t], width: stride)
        }
        let carry = floorCarry.reserve(stride)
        floor.backwardStart(last: rows[frameCount - 1], into: carry, width: stride)
        var t = frameCount - 1
        while true {
            if t <= active.upperBound {
                let a = magnitudes + (t - active.lowerBound) * stride
                let row = rows[t]
                var k = 0
                while k < stride {
                    row.store(sigmoid(Self.aboveFloor(a.vector(at: k), floor: carry.vector(at: k))), at: k)
                    k &+= 4
                }
            }
            if t == active.lowerBound { break }
            t -= 1
            floor.backward(rows[t], state: carry, width: stride)
        }
        let silent = sigmoid(SIMD4(repeating: -1))
        for t in maskFrames where !active.contains(t) {
            let row = rows[t]
            var k = 0
            while k < stride {
                row.store(silent, at: k)
                k &+= 4
            }
        }
    }

    /// `sig_mult_above_thresh = (|Z| − S) / S`, except that it is −1 wherever `|Z|` is 0, where
    /// noisereduce gets 0/0 = NaN if `S` is 0 too.
    @inline(__always)
    static func aboveFloor(_ magnitude: SIMD4<Double>, floor: SIMD4<Double>) -> SIMD4<Double> {
        ((magnitude - floor) / floor).replacing(with: -1, where: magnitude .== 0)
    }

    /// `spectral_gating_stationary`'s mask before smoothing (`stationary.py:88-108`):
    /// `_amp_to_db(Z) > noise_thresh`, times `prop_decrease`, plus `1 − prop_decrease`.
    ///
    /// `_amp_to_db` is `20·log10(|Z| + eps)` floored at its maximum over the chunk's frames minus
    /// 80 dB, per frequency. The comparison is made on `|Z| + eps` against `10^(thresh/20)`, and
    /// through the logarithm only within 1e-9 of that boundary, which gives the same answer as
    /// comparing decibels. Frames that were not transformed have `|Z| = 0`.
    func stationaryMask(
        thresholds: [Double], propDecrease: Double, magnitudes: UnsafeMutablePointer<Double>,
        active: ClosedRange<Int>, maskFrames: ClosedRange<Int>, rows: MaskRows
    ) {
        let stride = framing.rowStride
        let bins = framing.binCount
        let eps = Double.ulpOfOne
        let on = 1.0 * propDecrease + 1 * (1.0 - propDecrease)
        let off = 0.0 * propDecrease + 1 * (1.0 - propDecrease)
        let silentDecibels = 20 * log10(0 + eps)
        var peak = [Double](repeating: 0, count: bins)
        for t in active {
            let a = magnitudes + (t - active.lowerBound) * stride
            for k in 0..<bins { peak[k] = max(peak[k], a[k]) }
        }
        var alwaysOn = [Bool](repeating: false, count: bins)
        var silentOn = [Bool](repeating: false, count: bins)
        var linear = [Double](repeating: 0, count: bins)
        for k in 0..<bins {
            let floorDecibels = 20 * log10(peak[k] + eps) - 80
            alwaysOn[k] = floorDecibels > thresholds[k]
            silentOn[k] = alwaysOn[k] || silentDecibels > thresholds[k]
            linear[k] = pow(10, thresholds[k] / 20)
        }
        for t in active {
            let a = magnitudes + (t - active.lowerBound) * stride
            let row = rows[t]
            for k in 0..<bins {
                let value = a[k] + eps
                let above: Bool
                if alwaysOn[k] || value > linear[k] * (1 + 1e-9) {
                    above = true
                } else if value < linear[k] * (1 - 1e-9) {
                    above = false
                } else {
                    above = 20 * log10(value) > thresholds[k]
                }
                row[k] = above ? on : off
            }
            for k in bins..<stride { row[k] = 0 }
        }
        for t in maskFrames where !active.contains(t) {
            let row = rows[t]
            for k in 0..<bins { row[k] = silentOn[k] ? on : off }
            for k in bins..<stride { row[k] = 0 }
        }
    }
}
