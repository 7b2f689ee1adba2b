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
}

/// Computes ``ClipFeatures`` with one reusable extractor (FFT plan and buffers) per worker.
package struct FeatureComputer {
    private let extractor: FrameFeatureExtractor

    package init(_ parameters: FeatureParameters, sampleRate: Int) throws(DSPError) {
        extractor = try FrameFeatureExtractor(parameters: parameters, sampleRate: sampleRate)
    }

    package func callAsFunction(_ samples: [Float]) -> ClipFeatures {
        let features = extractor.extract(samples)
        let summary = Functionals(features)
        return ClipFeatures(
            frames: features.entries.map { ($0.kind.rawValue, $0.matrix.rows) },
            summaryNames: summary.names,
            summary: summary.values,
            chromaTuning: features.chromaTuning)
    }
}

/// The summary's column names for a feature setting, in the order ``Functionals`` writes them: per
/// feature, the mean of each coefficient, then its standard deviation.
package enum FeatureNames {
    package static func groups(_ features: FeatureParameters) -> [(name: String, rows: Int)] {
        [
            ("rms", 1), ("zcr", 1), ("mfcc", features.nMFCC), ("chroma", features.nChroma),
            ("contrast", features.nBands + 1),
        ]
    }

    package static func summary(_ features: FeatureParameters) -> [String] {
        groups(features).flatMap { group in
            (0..<group.rows).map { "\(group.name)_mean_\($0)" } + (0..<group.rows).map { "\(group.name)_std_\($0)" }
        }
    }
}
