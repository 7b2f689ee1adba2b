/// The per-frame features of the seed notebook, in the reference's order; the raw value is the
/// name used in feature tables and JSON (`rms`, `zcr`, `mfcc`, …).
///
/// chroma (12 rows) and spectral contrast (7 rows) follow mfcc when they are implemented.
public enum FeatureKind: String, Sendable, Hashable, Codable, CaseIterable, CodingKey {
    /// `librosa.feature.rms` (1 row, float32 in librosa).
    case rms
    /// `librosa.feature.zero_crossing_rate` (1 row, float64 in librosa).
    case zcr
    /// `librosa.feature.mfcc` (`n_mfcc` rows, float32 in librosa).
    case mfcc
}
