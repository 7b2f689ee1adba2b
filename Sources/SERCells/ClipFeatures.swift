import SERDSP

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
struct FeatureComputer {
    private let extractor: FrameFeatureExtractor

    init(settings: Settings, sampleRate: Int) throws(DSPError) {
        let features = settings.features
        extractor = try FrameFeatureExtractor(
            parameters: FeatureParameters(
                sampleRate: sampleRate, nFFT: features.nFFT, hopLength: features.hopLength,
                nMFCC: features.mfcc.nMFCC, nMels: features.mfcc.nMels, nChroma: features.chroma.nChroma,
                nBands: features.contrast.nBands, fmin: features.contrast.fmin))
    }

    func callAsFunction(_ samples: [Float]) -> ClipFeatures {
        let features = extractor.extract(samples)
        let summary = Functionals(features)
        return ClipFeatures(
            frames: features.entries.map { ($0.kind.rawValue, $0.matrix.rows) },
            summaryNames: summary.names,
            summary: summary.values,
            chromaTuning: features.chromaTuning)
    }
}
