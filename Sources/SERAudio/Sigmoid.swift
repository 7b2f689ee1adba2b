/// noisereduce's `sigmoid(x, shift, mult) = 1 / (1 + exp(-(x + shift) * mult))`
/// (`spectralgate/utils.py:4-8`), four lanes at a time with a vectorisable `exp`.
///
/// The non-stationary gate calls it with `shift = -thresh_n_mult_nonstationary` (−2) and
/// `mult = sigmoid_slope_nonstationary` (10).
struct Sigmoid {
    let shift: Double
    let multiplier: Double

    @inline(__always)
    func callAsFunction(_ x: SIMD4<Double>) -> SIMD4<Double> {
        1 / (1 + VectorExp.exp(-(x + shift) * multiplier))
    }
}

/// `exp` on four float64 lanes without calls or branches, within 2 ulp of glibc's `exp` over
/// [−708, 709].
///
/// `x = k ln2 + r` with `k` rounded to nearest (through the 1.5·2^52 trick, so no float-to-int
/// conversion can trap on NaN), `ln2` split in two parts so `x − k ln2` is exact, `exp(r)` on
/// `|r| ≤ ln2/2` from its degree-13 Taylor polynomial (truncation < 1e-17, evaluated by Estrin's
/// scheme), and `2^k` built in the
/// exponent bits. Inputs are clamped to [−708, 709]: below, `exp` is < 3.3e-308 and the sigmoid is
/// exactly 1; above, the sigmoid is < 1.2e-308 instead of 0. NaN stays NaN.
enum VectorExp {
    private static let log2e = 1.4426950408889634
    /// ln 2 to 32 bits, so `k * ln2High` is exact for |k| < 2^21.
    private static let ln2High = 0.6931471803691238
    private static let ln2Low = 1.9082149292705877e-10
    private static let roundingShift = 6_755_399_441_055_744.0  // 1.5 * 2^52

    @inline(__always)
    static func exp(_ x: SIMD4<Double>) -> SIMD4<Double> {
        let clamped = x.replacing(with: -708, where: x .< -708).replacing(with: 709, where: x .> 709)
        let shifted = clamped * log2e + roundingShift
        let k = shifted - roundingShift
        let r = (clamped - k * ln2High) - k * ln2Low
        // Σ r^n / n!, n = 0 ... 13, by Estrin's scheme: pairs, then powers r², r⁴, r⁸, so the
        // dependency chain is 5 deep instead of 13.
        let r2 = r * r
        let r4 = r2 * r2
        let r8 = r4 * r4
        let p01 = 1 + r
        let p23 = 0.5 + r * 0.16666666666666666
        let p45 = 0.041666666666666664 + r * 0.008333333333333333
        let p67 = 0.001388888888888889 + r * 0.0001984126984126984
        let p89 = 2.48015873015873e-05 + r * 2.7557319223985893e-06
        let p1011 = 2.755731922398589e-07 + r * 2.505210838544172e-08
        let p1213 = 2.08767569878681e-09 + r * 1.6059043836821613e-10
        let p0to3 = p01 + r2 * p23
        let p4to7 = p45 + r2 * p67
        let p8to13 = (p89 + r2 * p1011) + r4 * p1213
        let p = (p0to3 + r4 * p4to7) + r8 * p8to13
        // The low mantissa bits of `shifted` hold 2^51 + k; adding the bias and shifting left by 52
        // leaves (k + 1023) in the exponent field.
        let bits = unsafeBitCast(shifted, to: SIMD4<UInt64>.self)
        let scale = unsafeBitCast((bits &+ 1023) &<< 52, to: SIMD4<Double>.self)
        return p * scale
    }
}
