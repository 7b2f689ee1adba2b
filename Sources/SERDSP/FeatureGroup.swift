package import SERSettings

/// `features.groups`: the descriptors the extended set summarises, switched on and off together.
/// The first five are the seed notebook's.
package enum FeatureGroup: String, Sendable, Hashable, CaseIterable, SettingEnum {
    case rms, zcr, mfcc, chroma, contrast
    /// Delta MFCCs (`librosa.feature.delta`).
    case mfccDelta = "mfcc_delta"
    /// Spectral centroid, bandwidth, roll-off and flatness (librosa).
    case spectralShape = "spectral_shape"
    /// Alpha ratio, Hammarberg index and the two spectral slopes (openSMILE eGeMAPS).
    case spectralBalance = "spectral_balance"
    /// F0 (semitones, voiced frames only), voicing probability and voiced/unvoiced segment statistics
    /// (`librosa.pyin`; eGeMAPS' temporal features).
    case pitch
    /// Harmonics-to-noise ratio, local jitter and shimmer over voiced frames (openSMILE eGeMAPS' voice
    /// quality; needs pYIN's F0).
    case voiceQuality = "voice_quality"
    /// Loudness from an auditory spectrum (openSMILE eGeMAPS' `Loudness`).
    case loudness
    /// Formants F1–F3, frequency and bandwidth, over voiced frames (openSMILE eGeMAPS' LPC formants; needs
    /// pYIN's voicing).
    case formants
    /// H1–H2 and H1–A3 over voiced frames (openSMILE eGeMAPS' harmonic differences; needs pYIN's F0 and the
    /// formants' F3).
    case harmonicDifferences = "harmonic_differences"

    /// `features.groups` by default: every group but ``formants``. Measured with the default statistics
    /// (release build, `Benchmarks/feature-sets.sh`'s protocols): adding the formants changed the UAR of SVM,
    /// MLP, forest and logistic regression by −0.015, −0.011, −0.004, −0.002 on RAVDESS actors 01–12 and
    /// −0.007, +0.014, −0.008, −0.020 on EmoDB, and costs about 0.6 ms of CPU per second of audio (LAPACK's
    /// root finding in every voiced frame): no gain that pays for it. `features.groups` switches them on.
    /// The harmonic differences, which need the formants' F3, are off by default too (measured in
    /// `Benchmarks/README.md`).
    package static let defaults = allCases.filter { $0 != .formants && $0 != .harmonicDifferences }

    /// The descriptors of the group, in ``FeatureKind`` order.
    package var kinds: [FeatureKind] {
        switch self {
        case .rms: [.rms]
        case .zcr: [.zcr]
        case .mfcc: [.mfcc]
        case .chroma: [.chroma]
        case .contrast: [.contrast]
        case .mfccDelta: [.mfccDelta]
        case .spectralShape: [.centroid, .bandwidth, .rolloff, .flatness]
        case .spectralBalance: [.alphaRatio, .hammarberg, .slope0To500, .slope500To1500]
        case .pitch: [.f0, .voicing]
        case .voiceQuality: [.hnr, .jitter, .shimmer]
        case .loudness: [.loudness]
        case .formants: [.formantFrequency, .formantBandwidth]
        case .harmonicDifferences: [.h1h2, .h1a3]
        }
    }

    /// The group a descriptor belongs to.
    package init(_ kind: FeatureKind) {
        self = Self.allCases.first { $0.kinds.contains(kind) }!
    }
}

/// `features.set`: which summary each clip gets.
package enum FeatureSet: String, Sendable, Hashable, CaseIterable, SettingEnum {
    /// The seed notebook's 82 values: mean and standard deviation over frames of rms, zcr, mfcc, chroma
    /// and contrast, exactly as the reference computes them.
    case seed
    /// Every descriptor of `features.groups`, summarised by every statistic of `features.functionals`.
    case extended
}
