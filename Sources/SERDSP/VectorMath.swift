/// Float32 reductions over contiguous runs, written with explicit SIMD vectors so they vectorise on
/// the baseline x86-64 target (the scalar loops do not: a float `max` or a float sum cannot be
/// reordered by the compiler).
enum VectorMath {
    /// The largest of `count` values (`-inf` for none). NaNs are skipped, unlike `np.max`; the
    /// spectrograms this is used on are finite.
    @inline(__always)
    static func maximum(_ values: UnsafePointer<Float>, count: Int) -> Float {
        let raw = UnsafeRawPointer(values)
        var lanes = SIMD8<Float>(repeating: -.infinity)
        var i = 0
        while i + 8 <= count {
            let x = raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            lanes.replace(with: x, where: x .> lanes)
            i += 8
        }
        var result = lanes.max()
        while i < count {
            if values[i] > result { result = values[i] }
            i += 1
        }
        return result
    }

    /// `Σ a[i] * b[i]` in float32 with 16 interleaved partial sums, as a BLAS `sdot` / `sgemm`
    /// accumulates (librosa's float32 `einsum`); the rounding differs from numpy's by float32
    /// rounding only.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        let rawA = UnsafeRawPointer(a)
        let rawB = UnsafeRawPointer(b)
        var lanes = SIMD16<Float>()
        var i = 0
        while i + 16 <= count {
            lanes +=
                rawA.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
                * rawB.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
            i += 16
        }
        var result = lanes.sum()
        while i < count {
            result += a[i] * b[i]
            i += 1
        }
        return result
    }

    /// ``dot(_:_:count:)`` of `a0` and of `a1` with the same `b`, each bit for bit as alone; the
    /// two sets of partial sums are independent, which hides the additions' latency, and `b` is
    /// loaded once.
    @inline(__always)
    static func dot(
        _ a0: UnsafePointer<Float>, _ a1: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int
    ) -> (Float, Float) {
        let rawA0 = UnsafeRawPointer(a0)
        let rawA1 = UnsafeRawPointer(a1)
        let rawB = UnsafeRawPointer(b)
        var lanes0 = SIMD16<Float>()
        var lanes1 = SIMD16<Float>()
        var i = 0
        while i + 16 <= count {
            let x = rawB.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
            lanes0 += rawA0.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self) * x
            lanes1 += rawA1.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self) * x
            i += 16
        }
        var result0 = lanes0.sum()
        var result1 = lanes1.sum()
        while i < count {
            result0 += a0[i] * b[i]
            result1 += a1[i] * b[i]
            i += 1
        }
        return (result0, result1)
    }
}
