/// SplitMix64 (Steele, Lea & Flood 2014): a small, fast generator whose whole stream follows from one
/// 64-bit seed, so every random choice of a model (bootstrap, shuffles, initial weights, fold
/// assignment) is the same on every machine and every run.
package struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    package init(seed: UInt64) { state = seed }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1), 53 random bits.
    package mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// Uniform in [-1, 1).
    package mutating func nextSigned() -> Double { 2 * nextUnit() - 1 }

    /// Roughly normal (the sum of four uniforms, rescaled): mean 0, standard deviation 1.
    package mutating func nextGaussian() -> Double {
        (nextUnit() + nextUnit() + nextUnit() + nextUnit() - 2) * 1.732_050_807_568_877_2
    }

    /// A seed for a sub-task (fold `index` of model `salt`…), independent of the others.
    package static func derived(from seed: UInt64, _ parts: UInt64...) -> UInt64 {
        var generator = SeededGenerator(seed: seed)
        for part in parts { generator.state ^= part &* 0xD1B5_4A32_D192_ED03 }
        return generator.next()
    }
}
