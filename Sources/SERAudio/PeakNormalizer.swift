#if canImport(Glibc)
    import Glibc
#endif

/// Peak normalisation with `pydub.effects.normalize(seg, headroom=0.1)` semantics.
///
/// One gain for the whole file (peak over all channels) brings the peak to
/// `full_scale * 10^(-headroom/20)`. For integer PCM the gain is applied in the integer domain as
/// CPython's `audioop.mul` does it: multiply in double, clamp to the sample range, round toward
/// negative infinity. pydub stores 24-bit audio as 32-bit (`AudioSegment.__init__`,
/// audio_segment.py:237-256): it writes a pad byte below the three sample bytes, `0xFF` for a
/// negative sample and `0x00` otherwise, so a 24-bit sample `s` becomes `s·256 + (s < 0 ? 255 : 0)`.
/// The peak, the gain and the rounding all work on those widened values, and the result is the
/// 32-bit PCM pydub exports (`int32 / 2^31`, as libsndfile reads it back). Float files (which pydub
/// cannot read) get the same gain without rounding. A silent file is returned unchanged.
package struct PeakNormalizer: Sendable {
    package var headroomDB: Double

    package init(headroomDB: Double) {
        self.headroomDB = headroomDB
    }

    package func callAsFunction(_ audio: DecodedAudio) -> DecodedAudio {
        self(audio, peak: audio.peak)
    }

    /// Normalises with the file's ``DecodedAudio/peak`` already known.
    package func callAsFunction(_ audio: DecodedAudio, peak: Double) -> DecodedAudio {
        guard peak > 0 else { return audio }
        var result = audio
        switch audio.encoding {
        case .integer(let bits):
            // pydub widens 24-bit samples to 32 bits (low pad byte 0xFF below a negative sample)
            // before doing any arithmetic.
            let widened = bits == 24
            let width = widened ? 32 : bits
            let fullScale = Double(sign: .plus, exponent: width - 1, significand: 1)
            let pad = widened ? 255.0 : 0
            let factor = gainFactor(
                peak: widened ? Self.widenedPeak(audio.samples, peak: peak) : peak, fullScale: fullScale)
            let low = -fullScale
            let high = fullScale - 1
            let toSamples = 1 / fullScale
            result.samples.withUnsafeMutableBufferPointer { samples in
                guard let base = samples.baseAddress else { return }
                // Pointer arithmetic and a conversion-free floor, so the loop vectorises.
                for index in 0..<samples.count {
                    // Exact: a decoded sample is an integer divided by a power of two.
                    let scaled = Double(base[index]) * fullScale
                    let integer = scaled < 0 ? scaled + pad : scaled
                    base[index] = Float(Self.floor(min(max(integer * factor, low), high)) * toSamples)
                }
            }
        case .floatingPoint:
            let factor = gainFactor(peak: peak, fullScale: 1)
            result.samples.withUnsafeMutableBufferPointer { samples in
                for index in samples.indices { samples[index] = Float(Double(samples[index]) * factor) }
            }
        }
        return result
    }

    /// pydub's `seg.max` of a 24-bit file widened to 32 bits, from its 24-bit `peak` (the largest
    /// |s|): `peak·256` when a sample `+peak` reaches it, else `peak·256 − 255`, since the pad byte
    /// 0xFF brings every negative sample 255 closer to zero.
    private static func widenedPeak(_ samples: [Float], peak: Double) -> Double {
        let positivePeak = Float(peak / 8_388_608)  // exact: peak < 2^24
        return samples.contains(positivePeak) ? peak * 256 : peak * 256 - 255
    }

    /// `floor(x)` for |x| ≤ 2^51 (samples are clamped to at most 2^31) without a libm call or a
    /// float-to-integer conversion (the hot loop's only rounding): adding and subtracting 1.5·2^52
    /// rounds to the nearest integer exactly (+0 for x in (−0.5, 0.5)), then a value above `x`
    /// steps down by one.
    @inline(__always)
    private static func floor(_ x: Double) -> Double {
        let shift = 6_755_399_441_055_744.0  // 1.5 * 2^52
        let rounded = (x + shift) - shift
        return rounded > x ? rounded - 1 : rounded
    }

    /// `10 ** (gain_db / 20)` with `gain_db = 20 * log10(target_peak / peak)`, computed as pydub does.
    private func gainFactor(peak: Double, fullScale: Double) -> Double {
        let targetPeak = fullScale * pow(10, -headroomDB / 20)
        let gainDB = 20 * log10(targetPeak / peak)
        return pow(10, gainDB / 20)
    }
}
