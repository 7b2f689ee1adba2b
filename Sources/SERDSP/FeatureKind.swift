/// The per-frame features of the seed notebook, in the reference's order; the raw value is the
/// name used in feature tables and JSON (`rms`, `zcr`, `mfcc`, `chroma`, `contrast`).
package enum FeatureKind: String, Sendable, Hashable, Codable, CaseIterable, CodingKey {
    /// `librosa.feature.rms` (1 row, float32 in librosa).
    case rms
    /// `librosa.feature.zero_crossing_rate` (1 row, float64 in librosa).
    case zcr
    /// `librosa.feature.mfcc` (`n_mfcc` rows, float32 in librosa).
    case mfcc
    /// `librosa.feature.chroma_stft` (`n_chroma` rows, float32 in librosa).
    case chroma
    /// `librosa.feature.spectral_contrast` (`n_bands + 1` rows, float64 in librosa).
    case contrast
}
