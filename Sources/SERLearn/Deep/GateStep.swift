/// One GRU step's gates for one sequence: the pre-activations in, the gates and the new state out
/// (``GatedRecurrentLayer``'s equations). `projected` and `recurrent` hold `3 · units` values (reset,
/// update, new; biases included), the others `units`.
package struct GateStep<Scalar: NetworkScalar> {
    let units: Int
    let projected: UnsafePointer<Scalar>
    let recurrent: UnsafePointer<Scalar>
    let previous: UnsafePointer<Scalar>
    let reset: UnsafeMutablePointer<Scalar>
    let update: UnsafeMutablePointer<Scalar>
    let candidate: UnsafeMutablePointer<Scalar>
    let recurrentCandidate: UnsafeMutablePointer<Scalar>
    let output: UnsafeMutablePointer<Scalar>

    /// Units `first ..< end`, one at a time.
    @inline(__always)
    func compute(from first: Int, to end: Int) {
        let h = units
        for j in first..<end {
            let r = Scalar.sigmoid(projected[j] + recurrent[j])
            let z = Scalar.sigmoid(projected[h + j] + recurrent[h + j])
            let n = Scalar.tanh(projected[2 * h + j] + r * recurrent[2 * h + j])
            reset[j] = r
            update[j] = z
            candidate[j] = n
            recurrentCandidate[j] = recurrent[2 * h + j]
            output[j] = (1 - z) * n + z * previous[j]
        }
    }
}

extension NetworkScalar {
    /// The gates one unit at a time, through ``exponential(_:)``.
    package static func gatedStep(_ step: GateStep<Self>) {
        step.compute(from: 0, to: step.units)
    }
}

extension Float {
    /// The gates eight units at a time (`SIMD8`), through ``exponential8(_:)``; the units past a multiple of
    /// eight one at a time. libm's `expf` was a tenth of a GRU's training time and the compiler cannot
    /// vectorise a call to it.
    package static func gatedStep(_ step: GateStep<Float>) {
        let h = step.units
        var j = 0
        while j + 8 <= h {
            func load(_ pointer: UnsafePointer<Float>) -> SIMD8<Float> {
                UnsafeRawPointer(pointer + j).loadUnaligned(as: SIMD8<Float>.self)
            }
            func store(_ value: SIMD8<Float>, _ pointer: UnsafeMutablePointer<Float>) {
                UnsafeMutableRawPointer(pointer + j).storeBytes(of: value, as: SIMD8<Float>.self)
            }
            let one = SIMD8<Float>(repeating: 1)
            let r = one / (one + exponential8(-(load(step.projected) + load(step.recurrent))))
            let z = one / (one + exponential8(-(load(step.projected + h) + load(step.recurrent + h))))
            let u = load(step.recurrent + 2 * h)
            let n = one - 2 / (exponential8(2 * (load(step.projected + 2 * h) + r * u)) + one)
            store(r, step.reset)
            store(z, step.update)
            store(n, step.candidate)
            store(u, step.recurrentCandidate)
            store((one - z) * n + z * load(step.previous), step.output)
            j += 8
        }
        step.compute(from: j, to: h)
    }

    /// `e^x` of eight values, as Cephes' `expf` computes it: `x = k ln 2 + r` with `|r| ≤ ½ ln 2` (ln 2 in two
    /// parts), a degree-6 polynomial for `e^r`, and `2^k` put in the exponent bits. Within 2 units in the last
    /// place for `x` in `[-87.3, 88.3]`; outside, `x` is clamped there (about 1e-38 and 2e38, so that
    /// `1 / (1 + e^x)` stays finite and exact to float precision). Plain IEEE operations (no fused
    /// multiply-add), so every CPU gives the same bits.
    @inline(__always)
    static func exponential8(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let clamped = x.clamped(lowerBound: SIMD8(repeating: -87.3), upperBound: SIMD8(repeating: 88.3))
        let k = (clamped * 1.442_695_04 + 0.5).rounded(.down)
        let r = clamped - k * 0.693_359_375 + k * 2.121_944_4e-4
        let z = r * r
        var p = SIMD8<Float>(repeating: 1.987_569_15e-4)
        p = p * r + 1.398_199_950_7e-3
        p = p * r + 8.333_451_907_3e-3
        p = p * r + 4.166_579_589_4e-2
        p = p * r + 1.666_666_545_9e-1
        p = p * r + 5.000_000_120_1e-1
        p = p * z + r + 1
        // k is a whole number in [-126, 127]: added to 1.5 · 2^23, it lands in the low bits of the mantissa
        // (an exact sum), from which `2^k`'s exponent bits follow without a float-to-integer conversion.
        let shifted = unsafeBitCast(k + 12_582_912, to: SIMD8<UInt32>.self)
        let scale = unsafeBitCast((shifted &- 0x4B40_0000 &+ 127) &<< 23, to: SIMD8<Float>.self)
        return p * scale
    }
}
