package import SERDSP

/// The outcome of running load → process → extract on one clip.
package struct ClipAnalysis: Sendable {
    package var processed: ProcessedClip
    package var features: ClipFeatures
}

/// Load → process → extract for one clip at a time, as the settings say.
///
/// Holds the feature extractors (FFT plans, filter banks, buffers) by sample rate and reuses them
/// for every clip, so make one per thread or task and keep it. Not Sendable.
package struct ClipAnalyzer {
    let process: ProcessingSettings
    let features: FeatureParameters
    /// `sample_rate`; 0 keeps each file's own.
    let sampleRate: Int
    let processing: Bool
    /// Made on first use, so that a setting it rejects is reported against a clip, not as a trap.
    private var processor: ClipProcessor?
    private var computers: [Int: FeatureComputer] = [:]

    /// - Parameter processing: `false` skips normalise, trim, fix length and noise reduction. `auto`
    ///   steps of `process` follow the feature set (``ProcessingSettings/resolved(notebookChain:)``).
    package init(process: ProcessingSettings, features: FeatureParameters, sampleRate: Int, processing: Bool = true) {
        self.process = process.resolved(notebookChain: features.featureSet == .seed)
        self.features = features
        self.sampleRate = sampleRate
        self.processing = processing
    }

    package mutating func analyze(path: String) throws(ClipError) -> ClipAnalysis {
        let processed: ProcessedClip
        do {
            let processor: ClipProcessor
            if let existing = self.processor {
                processor = existing
            } else {
                processor = try ClipProcessor(
                    process, sampleRate: sampleRate, framing: features.geometry, processing: processing)
                self.processor = processor
            }
            processed = try processor.process(path: path)
        } catch {
            throw ClipError(path: path, reason: error.reason)
        }
        let rate = processed.sampleRate
        if computers[rate] == nil {
            do {
                computers[rate] = try FeatureComputer(features, sampleRate: rate)
            } catch {
                throw ClipError(path: path, reason: "features at \(rate) Hz: \(error.reason)")
            }
        }
        guard let computer = computers[rate] else { throw ClipError(path: path, reason: "no feature extractor") }
        let features = computer(processed.samples)
        if let problem = features.nonFiniteProblem { throw ClipError(path: path, reason: problem) }
        return ClipAnalysis(processed: processed, features: features)
    }
}
