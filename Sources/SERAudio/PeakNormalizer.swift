#if canImport(Glibc)
    import Glibc
#endif

/// Peak normalisation with `pydub.effects.normalize(seg, headroom=0.1)` semantics.
///
/// One gain for the whole file (peak over all channels) brings the peak to
/// `full_scale * 10^(-headroom/20)`. For integer PCM the gain is applied in the integer domain as
/// CPython's `audioop.mul` does it: multiply in double, clamp to the sample range, round toward
/// negative infinity. pydub stores 24-bit audio as 32-bit, so 24-bit files are scaled in the 32-bit
/// domain, like pydub. Float files (which pydub cannot read) get the same gain without rounding.
/// A silent file is returned unchanged.
public struct PeakNormalizer: Sendable {
    public var headroomDB: Double

    public init(headroomDB: Double = 0.1) {
        self.headroomDB = headroomDB
    }

    public func callAsFunction(_ audio: DecodedAudio) -> DecodedAudio {
        var result = audio
        switch audio.encoding {
        case .integer(let bits):
            // pydub widens 24-bit samples to 32-bit before doing any arithmetic.
            let width = bits == 24 ? 32 : bits
            let fullScale = Double(sign: .plus, exponent: width - 1, significand: 1)
            let toInteger = fullScale
            let peak = audio.samples.reduce(0.0) { max($0, (Double($1) * toInteger).magnitude.rounded()) }
            guard peak > 0 else { return audio }
            let factor = gainFactor(peak: peak, fullScale: fullScale)
            let low = -fullScale
            let high = fullScale - 1
            result.samples = audio.samples.map { sample in
                let integer = (Double(sample) * toInteger).rounded()
                let scaled = min(max(integer * factor, low), high).rounded(.down)
                return Float(scaled / fullScale)
            }
        case .floatingPoint:
            let peak = Double(audio.samples.reduce(Float(0)) { max($0, $1.magnitude) })
            guard peak > 0 else { return audio }
            let factor = gainFactor(peak: peak, fullScale: 1)
            result.samples = audio.samples.map { Float(Double($0) * factor) }
        }
        return result
    }

    /// `10 ** (gain_db / 20)` with `gain_db = 20 * log10(target_peak / peak)`, computed as pydub does.
    private func gainFactor(peak: Double, fullScale: Double) -> Double {
        let targetPeak = fullScale * pow(10, -headroomDB / 20)
        let gainDB = 20 * log10(targetPeak / peak)
        return pow(10, gainDB / 20)
    }
}
