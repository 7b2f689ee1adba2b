import SERAudio
import SERCells
import SERDSP

/// The outcome of running load → process → extract on one clip.
struct ClipAnalysis: Sendable {
    var processed: ProcessedClip
    var features: ClipFeatures
}

/// Load → process → extract for one clip at a time, as the settings say.
///
/// Holds the feature extractors (FFT plans, filter banks, buffers) by sample rate and reuses them
/// for every clip, so make one per thread or task and keep it. Not Sendable.
struct ClipAnalyzer {
    let settings: Settings
    let processing: Bool
    /// Made on first use, so that a setting it rejects is reported against a clip, not as a trap.
    private var processor: ClipProcessor?
    private var computers: [Int: FeatureComputer] = [:]

    /// - Parameter processing: `false` skips normalise, trim, fix length and noise reduction.
    init(settings: Settings, processing: Bool = true) {
        self.settings = settings
        self.processing = processing
    }

    mutating func analyze(path: String) throws(ClipError) -> ClipAnalysis {
        let processed: ProcessedClip
        do {
            let processor: ClipProcessor
            if let existing = self.processor {
                processor = existing
            } else {
                processor = try settings.clipProcessor(processing: processing)
                self.processor = processor
            }
            processed = try processor.process(path: path)
        } catch {
            throw ClipError(path: path, reason: error.reason)
        }
        let rate = processed.sampleRate
        if computers[rate] == nil {
            do {
                computers[rate] = try FeatureComputer(settings.features, sampleRate: rate)
            } catch {
                throw ClipError(path: path, reason: "features at \(rate) Hz: \(error.reason)")
            }
        }
        guard let computer = computers[rate] else { throw ClipError(path: path, reason: "no feature extractor") }
        return ClipAnalysis(processed: processed, features: computer(processed.samples))
    }
}
