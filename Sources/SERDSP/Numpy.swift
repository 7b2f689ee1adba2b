/// numpy's arithmetic where its result depends on the algorithm, reproduced so that features and
/// their summaries come out bit for bit as librosa's (numpy 2.4 on x86-64 with AVX2/AVX-512).
package enum Numpy {
    /// `np.sum` / `np.mean` of contiguous float32 or float64 values: numpy's `pairwise_sum` (blocks of at
    /// most 128 summed with 8 interleaved accumulators, halved recursively at multiples of 8),
    /// added to the reduction's identity 0. `transform` is applied to each value first (e.g. a
    /// square, so no squared copy is needed).
    package static func pairwiseSum<Value: BinaryFloatingPoint>(
        _ values: UnsafePointer<Value>, count: Int, transform: (Value) -> Value = { $0 }
    ) -> Value {
        if count < 8 {
            var sum: Value = 0
            for i in 0..<count { sum += transform(values[i]) }
            return sum
        }
        if count <= 128 {
            var r0 = transform(values[0])
            var r1 = transform(values[1])
            var r2 = transform(values[2])
            var r3 = transform(values[3])
            var r4 = transform(values[4])
            var r5 = transform(values[5])
            var r6 = transform(values[6])
            var r7 = transform(values[7])
            var i = 8
            let unrolledEnd = count - count % 8
            while i < unrolledEnd {
                r0 += transform(values[i])
                r1 += transform(values[i + 1])
                r2 += transform(values[i + 2])
                r3 += transform(values[i + 3])
                r4 += transform(values[i + 4])
                r5 += transform(values[i + 5])
                r6 += transform(values[i + 6])
                r7 += transform(values[i + 7])
                i += 8
            }
            var sum = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
            while i < count {
                sum += transform(values[i])
                i += 1
            }
            return sum
        }
        var half = count / 2
        half -= half % 8
        return pairwiseSum(values, count: half, transform: transform)
            + pairwiseSum(values + half, count: count - half, transform: transform)
    }

    /// ``pairwiseSum(_:count:transform:)`` of the squares of float32 values, bit for bit: the
    /// same recursion, with the 8 interleaved accumulators of each block held in the lanes of one
    /// vector (each lane adds the same squares in the same order).
    package static func pairwiseSumOfSquares(_ values: UnsafePointer<Float>, count: Int) -> Float {
        if count < 8 {
            var sum: Float = 0
            for i in 0..<count { sum += values[i] * values[i] }
            return sum
        }
        if count <= 128 {
            let raw = UnsafeRawPointer(values)
            let first = raw.loadUnaligned(as: SIMD8<Float>.self)
            var r = first * first
            var i = 8
            let unrolledEnd = count - count % 8
            while i < unrolledEnd {
                let x = raw.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self)
                r += x * x
                i += 8
            }
            var sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
            while i < count {
                sum += values[i] * values[i]
                i += 1
            }
            return sum
        }
        var half = count / 2
        half -= half % 8
        return pairwiseSumOfSquares(values, count: half)
            + pairwiseSumOfSquares(values + half, count: count - half)
    }

    /// `np.abs` of one complex64 value, as numpy's SIMD loop computes it:
    /// `larger * sqrt(fma(smaller/larger, smaller/larger, 1))`, in float32.
    ///
    /// This differs from a correctly rounded `hypotf` in about a third of all inputs (by one ulp),
    /// so it matters for bit-exact spectrograms.
    @inline(__always)
    package static func magnitude(real: Float, imaginary: Float) -> Float {
        let a = abs(real)
        let b = abs(imaginary)
        if a == .infinity || b == .infinity { return .infinity }
        if a.isNaN || b.isNaN { return .nan }
        let larger = max(a, b)
        guard larger > 0 else { return 0 }
        let ratio = min(a, b) / larger
        return Float(1).addingProduct(ratio, ratio).squareRoot() * larger
    }

    /// ``magnitude(real:imaginary:)`` of four values at once, bit for bit.
    ///
    /// The baseline x86-64 target has no FMA instruction, so `fma(r, r, 1)` is computed in float64
    /// instead: `r * r` is exact there and `1 + r * r` is rounded once to float64, then to float32.
    /// That double rounding can only differ from the single one when the float64 sum lies exactly
    /// halfway between two float32 values; lanes like that, and lanes with a zero, infinite or NaN
    /// component, take the scalar path.
    @inline(__always)
    static func magnitude(real: SIMD4<Float>, imaginary: SIMD4<Float>) -> SIMD4<Float> {
        let a = unsafeBitCast(unsafeBitCast(real, to: SIMD4<UInt32>.self) & 0x7FFF_FFFF, to: SIMD4<Float>.self)
        let b = unsafeBitCast(unsafeBitCast(imaginary, to: SIMD4<UInt32>.self) & 0x7FFF_FFFF, to: SIMD4<Float>.self)
        var larger = a
        var smaller = b
        larger.replace(with: b, where: b .> a)
        smaller.replace(with: a, where: b .> a)
        let one = SIMD2<Double>(repeating: 1)
        let halfway = SIMD2<UInt64>(repeating: 1 << 28)
        let ratio = smaller / larger
        let low = SIMD2<Double>(Double(ratio[0]), Double(ratio[1]))
        let high = SIMD2<Double>(Double(ratio[2]), Double(ratio[3]))
        let lowSum = one + low * low
        let highSum = one + high * high
        let lowTie = unsafeBitCast(lowSum, to: SIMD2<UInt64>.self) & 0x1FFF_FFFF .== halfway
        let highTie = unsafeBitCast(highSum, to: SIMD2<UInt64>.self) & 0x1FFF_FFFF .== halfway
        guard !any(larger .== 0), !any(.!(larger .< .infinity)), !any(lowTie), !any(highTie) else {
            return SIMD4(
                magnitude(real: real[0], imaginary: imaginary[0]), magnitude(real: real[1], imaginary: imaginary[1]),
                magnitude(real: real[2], imaginary: imaginary[2]), magnitude(real: real[3], imaginary: imaginary[3]))
        }
        let onePlusSquare = SIMD4<Float>(Float(lowSum[0]), Float(lowSum[1]), Float(highSum[0]), Float(highSum[1]))
        return onePlusSquare.squareRoot() * larger
    }
}
