/// A per-frame descriptor (one matrix of rows × frames); the raw value is the name used in feature
/// tables and JSON. The first five are the seed notebook's, in the reference's order; the rest are the
/// extended set's (``FeatureGroup``), each following the librosa function or openSMILE eGeMAPS
/// descriptor it names.
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
    /// `librosa.feature.delta(mfcc)` (`n_mfcc` rows): the local slope over 9 frames.
    case mfccDelta = "mfcc_delta"
    /// `librosa.feature.spectral_centroid`, Hz.
    case centroid
    /// `librosa.feature.spectral_bandwidth`, Hz.
    case bandwidth
    /// `librosa.feature.spectral_rolloff` (85 %), Hz.
    case rolloff
    /// `librosa.feature.spectral_flatness`.
    case flatness
    /// eGeMAPS `alphaRatio`: energy 1–5 kHz over energy below 1 kHz, dB.
    case alphaRatio = "alpha_ratio"
    /// eGeMAPS `hammarbergIndex`: strongest power below 2 kHz over strongest 2–5 kHz, dB.
    case hammarberg
    /// eGeMAPS `slope0-500`: least-squares slope of the dB power spectrum over 0–500 Hz, dB/Hz.
    case slope0To500 = "slope_0_500"
    /// eGeMAPS `slope500-1500`: the same over 500–1500 Hz.
    case slope500To1500 = "slope_500_1500"
    /// F0 from `librosa.pyin`, in semitones above 27.5 Hz (eGeMAPS `F0semitoneFrom27.5Hz`); NaN where
    /// unvoiced.
    case f0
    /// `librosa.pyin`'s `voiced_prob`.
    case voicing
    /// eGeMAPS `HNRdBACF`: harmonics-to-noise ratio from the autocorrelation at the pitch period, dB
    /// (``HarmonicsToNoiseRatio``); NaN where unvoiced.
    case hnr
    /// eGeMAPS `jitterLocal`: mean absolute difference of consecutive pitch periods over the mean period
    /// (``JitterShimmer``); NaN where unvoiced.
    case jitter
    /// eGeMAPS `shimmerLocaldB`: the same for the periods' peak-to-peak amplitudes, in dB; NaN where unvoiced.
    case shimmer
    /// eGeMAPS `Loudness`: the sum of the auditory spectrum (``Loudness``).
    case loudness
    /// eGeMAPS `F1frequency` … `F3frequency`: formant frequencies by LPC (``Formants``), Hz, 3 rows; NaN where
    /// unvoiced.
    case formantFrequency = "formant_frequency"
    /// eGeMAPS `F1bandwidth` … `F3bandwidth`: the same formants' bandwidths, Hz, 3 rows; NaN where unvoiced.
    case formantBandwidth = "formant_bandwidth"
    /// eGeMAPS `logRelF0-H1-H2`: the first harmonic's level over the second's, dB (``HarmonicDifferences``);
    /// NaN where unvoiced.
    case h1h2 = "h1_h2"
    /// eGeMAPS `logRelF0-H1-A3`: the first harmonic's level over the strongest harmonic near F3, dB; NaN
    /// where unvoiced.
    case h1a3 = "h1_a3"

    /// The seed notebook's five, in its order.
    package static let seed: [FeatureKind] = [.rms, .zcr, .mfcc, .chroma, .contrast]

    /// Whether only voiced frames carry a value (NaN elsewhere), so its functionals are taken over
    /// voiced frames only.
    package var isVoicedOnly: Bool {
        [.f0, .hnr, .jitter, .shimmer, .formantFrequency, .formantBandwidth, .h1h2, .h1a3].contains(self)
    }
}
