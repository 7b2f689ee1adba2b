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
struct ClipSummary: Codable, Sendable, Equatable {
    var path: String
    var values: [Double]
    var frames: Int
    /// `chroma_stft`'s tuning estimate, in fractions of a bin.
    var tuning: Double?
}

/// The extract cell's table: the feature names and one row per clip, in corpus order.
struct FeatureTableRecord: Codable, Sendable, Equatable {
    var names: [String]
    var clips: [ClipSummary]
}
