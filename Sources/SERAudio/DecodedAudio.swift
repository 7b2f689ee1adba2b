/// How the samples of a file were stored, which decides how peak normalisation rounds.
public enum SampleEncoding: Sendable, Equatable {
    /// Signed or unsigned integer PCM of this many bits (8, 16, 24 or 32).
    case integer(bits: Int)
    /// IEEE float or a lossy codec decoded to float.
    case floatingPoint
}

/// Audio as decoded from a file: all channels at the file's own rate, as float32 in [-1, 1).
///
/// Integer PCM is scaled the way libsndfile (and so `soundfile`, and so `librosa.load`) scales it:
/// a 16-bit sample `s` becomes `s / 32768`.
public struct DecodedAudio: Sendable {
    /// Interleaved samples, `frameCount * channelCount` values.
    public var samples: [Float]
    public var channelCount: Int
    public var sampleRate: Int
    public var encoding: SampleEncoding
    /// libsndfile's name for the container and encoding, e.g. "WAV (Microsoft) / Signed 16 bit PCM".
    public var formatName: String

    public init(samples: [Float], channelCount: Int, sampleRate: Int, encoding: SampleEncoding, formatName: String) {
        self.samples = samples
        self.channelCount = channelCount
        self.sampleRate = sampleRate
        self.encoding = encoding
        self.formatName = formatName
    }

    public var frameCount: Int { channelCount > 0 ? samples.count / channelCount : 0 }

    public var durationSeconds: Double { sampleRate > 0 ? Double(frameCount) / Double(sampleRate) : 0 }

    /// The largest sample magnitude over all channels in the file's own integer scale (pydub's
    /// `seg.max`, e.g. 26536 for a 16-bit file), or in full scale 1 for float files.
    public var peak: Double {
        var largest: Float = 0
        samples.withUnsafeBufferPointer { buffer in
            for sample in buffer { largest = max(largest, sample.magnitude) }
        }
        let magnitude = Double(largest)
        switch encoding {
        case .integer(let bits): return (magnitude * Double(sign: .plus, exponent: bits - 1, significand: 1)).rounded()
        case .floatingPoint: return magnitude
        }
    }

    /// The arithmetic mean of the channels in float32, as `librosa.to_mono` (`np.mean(y, axis=0)`).
    public func monoMix() -> [Float] {
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
