/// Features of one clip: the per-frame matrices and the summary vector (mean and std over frames
/// of each coefficient), in the layout and names of `reference_features.py`.
package struct ClipFeatures: Sendable {
    /// Feature name ("rms", "zcr", "mfcc", …) and its rows × frames values.
    package var frames: [(name: String, rows: [[Double]])]
    /// `rms_mean_0`, …, `mfcc_std_19`.
    package var summaryNames: [String]
    package var summary: [Double]
    /// The tuning `chroma_stft` estimated (fractions of a semitone), `nil` without chroma.
    package var chromaTuning: Double?

    package var frameCount: Int { frames.first?.rows.first?.count ?? 0 }

    /// Why these features cannot stand for the clip, if a summary value is not finite (samples far
    /// outside [-1, 1], unnormalised, overflow float32 powers): `rms_mean_0 is inf`.
    package var nonFiniteProblem: String? {
        guard let index = summary.firstIndex(where: { !$0.isFinite }) else { return nil }
        let name = index < summaryNames.count ? summaryNames[index] : "value \(index)"
        return "feature \(name) is \(summary[index]) (are its samples far outside -1…1? process.normalize.enabled "
            + "scales them)"
    }
}

/// Computes ``ClipFeatures`` with one reusable extractor (FFT plan and buffers) per worker.
package struct FeatureComputer {
    private let extractor: FrameFeatureExtractor
    private let secondsPerFrame: Double
    private let names: [String]

    package init(_ parameters: FeatureParameters, sampleRate: Int) throws(DSPError) {
        extractor = try FrameFeatureExtractor(parameters: parameters, sampleRate: sampleRate)
        secondsPerFrame = Double(parameters.hopLength) / Double(sampleRate)
        names = Functionals.names(parameters)
    }

    package func callAsFunction(_ samples: [Float]) -> ClipFeatures {
        let features = extractor.extract(samples)
        let values = Functionals.values(features, parameters: extractor.parameters, secondsPerFrame: secondsPerFrame)
        return ClipFeatures(
            frames: features.entries.map { ($0.kind.rawValue, $0.matrix.rows) },
            summaryNames: names,
            summary: values,
            chromaTuning: features.chromaTuning)
    }
}

/// The summary's column names for a feature setting, in the order ``Functionals`` writes them.
package enum FeatureNames {
    /// Each descriptor of the setting with its rows and the summary values it gives.
    package static func groups(_ features: FeatureParameters) -> [(name: String, rows: Int, values: Int)] {
        let statistics = features.activeFunctionals.count
        var groups = features.activeKinds.map { kind in
            (name: kind.rawValue, rows: features.rowCount(kind), values: features.rowCount(kind) * statistics)
        }
        if features.activeKinds.contains(.f0) {
            groups.append((name: "voicing segments", rows: 0, values: VoicingSegments.names.count))
        }
        return groups
    }

    package static func summary(_ features: FeatureParameters) -> [String] {
        Functionals.names(features)
    }

    /// The ``FeatureGroup`` a summary column belongs to, from its name (`mfcc_delta_p50_3` → `mfcc_delta`,
    /// `rms_mean_0` → `rms`, a voicing segment statistic → `pitch`); nil for a name serreport does not make.
    package static func group(ofColumn name: String) -> FeatureGroup? {
        if VoicingSegments.names.contains(name) { return .pitch }
        return kind(ofColumn: name).map(FeatureGroup.init)
    }

    /// The descriptor a summary column summarises (nil for the voicing segment statistics, which
    /// summarise F0's voicing as a whole, and for names that are not summary columns).
    package static func kind(ofColumn name: String) -> FeatureKind? {
        kindsByLongestName.first { name.hasPrefix($0.rawValue + "_") }
    }

    /// Longest name first, so that `mfcc_delta_…` is not read as `mfcc`.
    private static let kindsByLongestName = FeatureKind.allCases.sorted { $0.rawValue.count > $1.rawValue.count }
}
