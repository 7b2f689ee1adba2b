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
}
