package import SERFiles

/// How the samples of a file were stored, which decides how peak normalisation rounds.
package enum SampleEncoding: Sendable, Equatable {
    /// Signed or unsigned integer PCM of this many bits (8, 16, 24 or 32).
    case integer(bits: Int)
    /// IEEE float or a lossy codec decoded to float.
    case floatingPoint
}

/// Audio as decoded from a file: all channels at the file's own rate, as float32 in [-1, 1).
///
/// Integer PCM is scaled the way libsndfile (and so `soundfile`, and so `librosa.load`) scales it:
/// a 16-bit sample `s` becomes `s / 32768`.
package struct DecodedAudio: Sendable {
    /// Interleaved samples, `frameCount * channelCount` values.
    package var samples: [Float]
    package var channelCount: Int
    package var sampleRate: Int
    package var encoding: SampleEncoding
    /// libsndfile's name for the container and encoding, e.g. "WAV (Microsoft) / Signed 16 bit PCM".
    package var formatName: String
    /// The stamp of the file as it was when its samples had been read (`nil` for audio not read from a
    /// file): a build compares it with the stamp its content digest was taken under, so a file changed
    /// while the build ran is never cached under the old content's key.
    package var stamp: FileStamp?

    package init(
        samples: [Float], channelCount: Int, sampleRate: Int, encoding: SampleEncoding, formatName: String,
        stamp: FileStamp? = nil
    ) {
        self.samples = samples
        self.channelCount = channelCount
        self.sampleRate = sampleRate
        self.encoding = encoding
        self.formatName = formatName
        self.stamp = stamp
    }

    package var frameCount: Int { channelCount > 0 ? samples.count / channelCount : 0 }

    package var durationSeconds: Double { sampleRate > 0 ? Double(frameCount) / Double(sampleRate) : 0 }

    /// The largest sample magnitude over all channels in the file's own integer scale (pydub's
    /// `seg.max`, e.g. 26536 for a 16-bit file), or in full scale 1 for float files.
    package var peak: Double {
        let magnitude = Double(samples.withUnsafeBufferPointer { Self.largestMagnitude($0) })
        switch encoding {
        case .integer(let bits): return (magnitude * Double(sign: .plus, exponent: bits - 1, significand: 1)).rounded()
        case .floatingPoint: return magnitude
        }
    }

    /// The arithmetic mean of the channels in float32, as `librosa.to_mono` (`np.mean(y, axis=0)`).
    package func monoMix() -> [Float] {
        guard channelCount > 1 else { return samples }
        let frames = frameCount
        let channels = channelCount
        let scale = Float(channels)
        return [Float](unsafeUninitializedCapacity: frames) { out, initialized in
            samples.withUnsafeBufferPointer { src in
                for frame in 0..<frames {
                    var sum: Float = 0
                    for channel in 0..<channels { sum += src[frame * channels + channel] }
                    out[frame] = sum / scale
                }
            }
            initialized = frames
        }
    }
}

extension DecodedAudio {
    /// `buffer.reduce(0) { max($0, $1.magnitude) }` (NaN samples are skipped, as `max` skips
    /// them there), sixteen lanes at a time: each lane keeps the same running `max`, and the
    /// lanes' maxima are then combined, which gives the same value since `max` is associative
    /// on non-NaN values.
    package static func largestMagnitude(_ buffer: UnsafeBufferPointer<Float>) -> Float {
        guard let base = buffer.baseAddress else { return 0 }
        let count = buffer.count
        let raw = UnsafeRawPointer(base)
        var lanes = SIMD16<Float>(repeating: 0)
        var index = 0
        while index &+ 16 <= count {
            let value = raw.loadUnaligned(fromByteOffset: index &* 4, as: SIMD16<Float>.self)
            let magnitude = unsafeBitCast(
                unsafeBitCast(value, to: SIMD16<UInt32>.self) & 0x7FFF_FFFF, to: SIMD16<Float>.self)
            lanes.replace(with: magnitude, where: magnitude .>= lanes)
            index &+= 16
        }
        var largest: Float = 0
        for lane in 0..<16 { largest = max(largest, lanes[lane]) }
        while index < count {
            largest = max(largest, base[index].magnitude)
            index &+= 1
        }
        return largest
    }

    /// Whether any sample is NaN or infinite, sixteen lanes at a time: a sample is not finite exactly
    /// when its exponent bits are all set, the largest value `bits & 0x7F800000` can take, so the
    /// lanes keep that maximum. The scalar `contains { !$0.isFinite }` cost a fifth of decoding a
    /// 44.1 kHz file.
    package static func containsNonFinite(_ buffer: UnsafeBufferPointer<Float>) -> Bool {
        guard let base = buffer.baseAddress else { return false }
        let count = buffer.count
        let raw = UnsafeRawPointer(base)
        let exponent = SIMD16<UInt32>(repeating: 0x7F80_0000)
        var largest = SIMD16<UInt32>(repeating: 0)
        var index = 0
        while index &+ 16 <= count {
            let bits = raw.loadUnaligned(fromByteOffset: index &* 4, as: SIMD16<UInt32>.self) & exponent
            largest.replace(with: bits, where: bits .> largest)
            index &+= 16
        }
        if any(largest .== exponent) { return true }
        while index < count {
            if !base[index].isFinite { return true }
            index &+= 1
        }
        return false
    }
}
