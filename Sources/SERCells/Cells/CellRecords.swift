import Foundation
import SERNotebook

/// A clip as the load cell hands it on: who says what, the digest of the file's bytes, and what the
/// file holds. Paths are relative to the corpus root.
struct LoadedClip: Codable, Sendable, Equatable {
    var path: String
    var emotion: String
    var speaker: String
    var gender: String
    var content: Digest
    var facts: AudioFacts
}

/// What decoding a file found (the load cell's per-clip result), or why it could not be used.
struct AudioFacts: Codable, Sendable, Equatable {
    var sampleRate: Int
    var channels: Int
    var frames: Int
    var format: String
    /// Set when the file cannot be used; the other fields are then zero.
    var skip: String?

    var seconds: Double { sampleRate > 0 ? Double(frames) / Double(sampleRate) : 0 }
}

/// A clip after processing: where its samples are stored and what the steps did.
struct ProcessedRecord: Codable, Sendable, Equatable {
    var path: String
    /// The cache entry holding the processed samples (float32, little-endian).
    var audio: Digest
    var facts: ProcessFacts
}

/// What processing did to one clip (the process cell's small per-clip result).
struct ProcessFacts: Codable, Sendable, Equatable {
    var sampleRate: Int
    /// Samples after `librosa.load` (mono, resampled), before trimming.
    var loadedCount: Int
    /// The kept span of the loaded samples, when trimming ran.
    var trimStart: Int?
    var trimEnd: Int?
    /// Samples after every step.
    var count: Int
    var skip: String?
}

/// One clip's summary features (the extract cell's per-clip result).
///
/// Stored with `values` as base64 of little-endian float64s, not a JSON array of numbers: exact, a third
/// of the bytes, and about 20 times faster to write and read than `JSONEncoder`'s number formatting,
/// which took 0.6 s of CPU per RAVDESS build (653 values per clip, in the clip's entry and the table).
struct ClipSummary: Codable, Sendable, Equatable {
    var path: String
    var values: [Double]
    var frames: Int
    /// `chroma_stft`'s tuning estimate, in fractions of a bin.
    var tuning: Double?

    init(path: String, values: [Double], frames: Int, tuning: Double?) {
        self.path = path
        self.values = values
        self.frames = frames
        self.tuning = tuning
    }

    private enum CodingKeys: String, CodingKey {
        case path
        case values = "values_f64le"
        case frames, tuning
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        path = try container.decode(String.self, forKey: .path)
        frames = try container.decode(Int.self, forKey: .frames)
        tuning = try container.decodeIfPresent(Double.self, forKey: .tuning)
        guard let bytes = Data(base64Encoded: try container.decode(String.self, forKey: .values)),
            bytes.count % 8 == 0
        else {
            throw DecodingError.dataCorruptedError(
                forKey: .values, in: container, debugDescription: "not base64 of whole float64s")
        }
        values = stride(from: 0, to: bytes.count, by: 8).map { offset in
            Double(
                bitPattern: UInt64(
                    littleEndian: bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        var bytes = Data(capacity: values.count * 8)
        for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        try container.encode(bytes.base64EncodedString(), forKey: .values)
        try container.encode(frames, forKey: .frames)
        try container.encodeIfPresent(tuning, forKey: .tuning)
    }
}

/// The extract cell's table: the feature names and one row per clip, in corpus order.
struct FeatureTableRecord: Codable, Sendable, Equatable {
    var names: [String]
    var clips: [ClipSummary]
}
