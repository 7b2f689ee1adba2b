import Foundation

/// The number type of the neural networks' layers: `Float` for training (OpenBLAS's `sgemm`), `Double` for
/// the gradient checks, which compare each layer's backward pass with finite differences of its forward pass
/// and need the precision (issue 14: relative error ≤ 1e-3).
package protocol NetworkScalar: BinaryFloatingPoint, Sendable {
    /// `c = alpha · op(a) · op(b) + beta · c` on row-major matrices, as ``BLAS``'s `gemm`.
    static func gemm(
        _ a: UnsafePointer<Self>, transposeA: Bool, _ b: UnsafePointer<Self>, transposeB: Bool,
        _ c: UnsafeMutablePointer<Self>, m: Int, n: Int, k: Int, alpha: Self, beta: Self)
    static func exponential(_ x: Self) -> Self
    static func logarithm(_ x: Self) -> Self
    /// One GRU step's gates for one sequence (``GateStep``): one unit at a time unless the type has a
    /// faster way (`Float`: eight at a time).
    static func gatedStep(_ step: GateStep<Self>)
}

extension NetworkScalar {
    /// The logistic function `1 / (1 + e^-x)`, written so that neither side overflows.
    @inline(__always)
    static func sigmoid(_ x: Self) -> Self {
        if x >= 0 { return 1 / (1 + exponential(-x)) }
        let e = exponential(x)
        return e / (1 + e)
    }

    /// `tanh(x)` as `1 − 2 / (e^2x + 1)`: libm's `tanhf` goes through `expm1f`, which took a sixth of a
    /// GRU's training time (measured with `perf`); this is one `expf`, exact at ±∞, with an absolute error
    /// of a few units of the type's precision (relative error grows only where the value is near 0).
    @inline(__always)
    static func tanh(_ x: Self) -> Self {
        1 - 2 / (exponential(2 * x) + 1)
    }
}

extension Float: NetworkScalar {
    package static func gemm(
        _ a: UnsafePointer<Float>, transposeA: Bool, _ b: UnsafePointer<Float>, transposeB: Bool,
        _ c: UnsafeMutablePointer<Float>, m: Int, n: Int, k: Int, alpha: Float, beta: Float
    ) {
        BLAS.gemm(a, transposeA: transposeA, b, transposeB: transposeB, c, m: m, n: n, k: k, alpha: alpha, beta: beta)
    }
    package static func exponential(_ x: Float) -> Float { Foundation.exp(x) }
    package static func logarithm(_ x: Float) -> Float { Foundation.log(x) }
}

extension Double: NetworkScalar {
    package static func gemm(
        _ a: UnsafePointer<Double>, transposeA: Bool, _ b: UnsafePointer<Double>, transposeB: Bool,
        _ c: UnsafeMutablePointer<Double>, m: Int, n: Int, k: Int, alpha: Double, beta: Double
    ) {
        BLAS.gemm(a, transposeA: transposeA, b, transposeB: transposeB, c, m: m, n: n, k: k, alpha: alpha, beta: beta)
    }
    package static func exponential(_ x: Double) -> Double { Foundation.exp(x) }
    package static func logarithm(_ x: Double) -> Double { Foundation.log(x) }
}
