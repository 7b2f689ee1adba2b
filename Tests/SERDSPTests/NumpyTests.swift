import Testing

@testable import SERDSP

@Suite("numpy arithmetic emulation")
struct NumpyTests {
    /// The vector path must agree with the scalar `fma` formula bit for bit, including the lanes it
    /// hands back to it: zeros, infinities, NaN, and `1 + r²` exactly halfway between two floats
    /// (r = 2⁻¹² exactly; r = 0.0030346198… where only the float64 rounding of `1 + r²` is a tie).
    @Test("the 4-lane |complex| equals the scalar numpy formula bit for bit")
    func vectorMagnitude() {
        var generator = SplitMix(seed: 7)
        func random() -> Float {
            let mantissa = Float(generator.next() % 1_000_000) / 1_000_000 - 0.5
            let exponent = Int(generator.next() % 40) - 30
            return Float(sign: .plus, exponent: exponent, significand: 1) * mantissa
        }
        var pairs: [(Float, Float)] = (0..<40_000).map { _ in (random(), random()) }
        pairs += [
            (0, 0), (0, 1), (-0.0, 3), (.infinity, 1), (1, -.infinity), (.nan, 1), (1, .nan),
            (1, 0x1p-12), (-1, 0x1p-12), (0x1p-12, 1), (1, 0.0030346198473125696), (5, 5), (1e-30, 2e-30),
            (.leastNonzeroMagnitude, 1),
        ]
        while pairs.count % 4 != 0 { pairs.append((1, 2)) }
        for i in stride(from: 0, to: pairs.count, by: 4) {
            let real = SIMD4(pairs[i].0, pairs[i + 1].0, pairs[i + 2].0, pairs[i + 3].0)
            let imaginary = SIMD4(pairs[i].1, pairs[i + 1].1, pairs[i + 2].1, pairs[i + 3].1)
            let vector = Numpy.magnitude(real: real, imaginary: imaginary)
            for lane in 0..<4 {
                let scalar = Numpy.magnitude(real: real[lane], imaginary: imaginary[lane])
                #expect(
                    vector[lane].bitPattern == scalar.bitPattern || (vector[lane].isNaN && scalar.isNaN),
                    "|\(real[lane]) + \(imaginary[lane])i|: \(vector[lane]) vs \(scalar)")
            }
        }
    }
}
