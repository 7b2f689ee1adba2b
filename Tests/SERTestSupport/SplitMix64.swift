/// A small deterministic generator, so test data are the same on every machine.
public struct SplitMix64 {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [-1, 1).
    public mutating func nextSigned() -> Double { Double(next() >> 11) / Double(1 << 52) - 1 }

    /// Uniform in [0, 1).
    public mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// Roughly normal (the sum of four uniforms, rescaled), mean 0 and standard deviation 1.
    public mutating func nextGaussian() -> Double {
        ((0..<4).map { _ in nextUnit() }.reduce(0, +) - 2) * 1.732_050_807_568_877_2
    }
}
