package import SERSettings

/// The parameters of per-frame feature extraction, `features:` in `serreport.yml`. Defaults are
/// librosa's (`n_fft=2048`, `hop_length=512`, `n_mfcc=20`, `n_mels=128`, `chroma_stft`'s
/// `n_chroma=12`, `spectral_contrast`'s `n_bands=6` and `fmin=200`), under librosa's names.
///
/// `nFFT` is both the STFT size and the frame length of rms and zcr (librosa's `frame_length`
/// default equals its `n_fft` default). The sample rate is each clip's own: see ``validate(sampleRate:)``.
package struct FeatureParameters: SettingGroup, Hashable {
    package var featureSet = FeatureSet.extended
    package var groups = FeatureGroup.defaults
    package var functionals = Functional.allCases
    package var nFFT = 2048
    package var hopLength = 512
    package var nMFCC = 20
    package var nMels = 128
    package var nChroma = 12
    package var nBands = 6
    package var fmin = 200.0

    package init() {}

    package static let schema = SettingSchema<FeatureParameters>(
        [
            Setting(
                "set", \.featureSet,
                "seed: the notebook's 82 values (mean and std of rms, zcr, mfcc, chroma, contrast); extended: every group of features.groups by every statistic of features.functionals"
            ),
            Setting(
                "groups", \.groups, "descriptor groups of the extended set (features.set: extended)",
                allowed: .all(.atLeastOne(), .unique())),
            Setting(
                "functionals", \.functionals, "statistics over frames of each descriptor of the extended set",
                allowed: .all(.atLeastOne(), .unique())),
            Setting(
                "n_fft", \.nFFT, "FFT size, and the frame length of RMS and ZCR (librosa n_fft, frame_length)",
                allowed: .even(16...65536)),
            Setting(
                "hop_length", \.hopLength, "samples between frames (librosa hop_length)",
                allowed: .from(1, upTo: \.nFFT, named: "n_fft")),
            Section(
                "mfcc",
                [
                    Setting(
                        "n_mfcc", \.nMFCC, "MFCCs kept (librosa.feature.mfcc n_mfcc)",
                        allowed: .from(1, upTo: \.nMels, named: "n_mels")),
                    Setting("n_mels", \.nMels, "mel bands the MFCCs are taken from (n_mels)", allowed: .range(1...512)),
                ]),
            Section(
                "chroma",
                [
                    Setting(
                        "n_chroma", \.nChroma, "chroma bins per octave (librosa.feature.chroma_stft n_chroma)",
                        allowed: .range(1...120))
                ]),
            Section(
                "contrast",
                [
                    Setting(
                        "n_bands", \.nBands,
                        "octave bands above the lowest (librosa.feature.spectral_contrast n_bands)",
                        allowed: .range(1...12)),
                    Setting(
                        "fmin", \.fmin, "upper edge of the lowest band in Hz (spectral_contrast fmin)",
                        allowed: .range(0, 96_000, includingLower: false)),
                ]),
        ],
        rules: [
            // With the seed set the notebook's groups and statistics are fixed: a choice here would be ignored.
            Rule("groups") { (features: FeatureParameters) -> String? in
                features.featureSet == .seed && Set(features.groups) != Set(FeatureGroup.defaults)
                    ? "chooses the extended set's groups; features.set is seed (the notebook's five groups, mean and std): set features.set: extended or leave groups out"
                    : nil
            },
            Rule("functionals") { (features: FeatureParameters) -> String? in
                features.featureSet == .seed && Set(features.functionals) != Set(Functional.allCases)
                    ? "chooses the extended set's statistics; features.set is seed (mean and std only): set features.set: extended or leave functionals out"
                    : nil
            },
        ])

    /// The groups summarised: the seed's five for `set: seed`, else ``groups`` in ``FeatureGroup`` order.
    package var activeGroups: [FeatureGroup] {
        featureSet == .seed ? [.rms, .zcr, .mfcc, .chroma, .contrast] : FeatureGroup.allCases.filter(groups.contains)
    }

    /// The statistics taken: mean and std for `set: seed`, else ``functionals`` in ``Functional`` order.
    package var activeFunctionals: [Functional] {
        featureSet == .seed ? [.mean, .std] : Functional.allCases.filter(functionals.contains)
    }

    /// The descriptors computed, in ``FeatureKind`` order.
    package var activeKinds: [FeatureKind] { activeGroups.flatMap(\.kinds) }

    /// Rows of a descriptor at these parameters.
    package func rowCount(_ kind: FeatureKind) -> Int {
        switch kind {
        case .mfcc, .mfccDelta: nMFCC
        case .chroma: nChroma
        case .contrast: nBands + 1
        case .formantFrequency, .formantBandwidth: Formants.count
        default: 1
        }
    }

    /// The frame geometry shared by every feature.
    package var geometry: FrameGeometry { FrameGeometry(frameLength: nFFT, hopLength: hopLength) }

    /// Throws ``DSPError`` naming the first setting outside its range (the schema's rules, as
    /// resolving settings checks them) or, at `sampleRate`, a spectral contrast band reaching the
    /// Nyquist frequency (librosa: "Frequency band exceeds Nyquist").
    package func validate(sampleRate: Int) throws(DSPError) {
        do {
            try validated()
        } catch {
            throw DSPError(.invalidParameter, reason: "\(error.key): \(error.reason)")
        }
        guard sampleRate > 0 else {
            throw DSPError(.invalidParameter, reason: "sample_rate must be positive, got \(sampleRate)")
        }
        try validateContrast(sampleRate: sampleRate)
        try validatePitch(sampleRate: sampleRate)
    }

    /// Spectral contrast's bands at `sampleRate`, where contrast is extracted: each must hold a bin to rank
    /// and the top one must stay below Nyquist.
    package func validateContrast(sampleRate: Int) throws(DSPError) {
        guard activeKinds.contains(.contrast) else { return }
        _ = try SpectralContrast.bands(
            sampleRate: Double(sampleRate), nFFT: nFFT, bandCount: nBands, minimumHz: fmin,
            quantile: SpectralContrast.defaultQuantile)
    }

    /// Whether pYIN, which the pitch, voice-quality, formant and harmonic-difference descriptors rest on,
    /// works at `sampleRate` with `n_fft` as its frame (its lowest pitch's period must fit the frame).
    package var needsPitch: Bool {
        activeKinds.contains { [.f0, .hnr, .jitter, .formantFrequency, .h1h2].contains($0) }
    }

    package func validatePitch(sampleRate: Int) throws(DSPError) {
        guard needsPitch else { return }
        try ProbabilisticYIN.check(sampleRate: Double(sampleRate), frameLength: nFFT, hopLength: hopLength)
    }
}
