import SERAudio
import SERDSP
import SERNotebook

/// One worker's feature extraction: reads a clip's processed samples from the cache (or, when that
/// entry is gone, processes the file again) and summarises its frame features. Keeps its FFT plans
/// and buffers by sample rate for every clip it takes. Not Sendable.
struct ClipExtractor {
    let settings: Settings
    private var computers: [Int: FeatureComputer] = [:]
    private var processor: ClipProcessor?

    init(settings: Settings) {
        self.settings = settings
    }

    /// The clip's summary and, with `keepFrames`, its frame vectors (``FrameSequence``).
    mutating func summary(
        of record: ProcessedRecord, location: String, store: ArtifactStore, stamps: ClipStamps = .none,
        keepFrames: Bool = false
    ) -> Result<(summary: ClipSummary, frames: [Float]?), ClipError> {
        var samples: [Float]
        if let data = store.read(record.audio), let stored = SampleCoding.samples(data) {
            samples = stored
        } else {
            do {
                if processor == nil { processor = try settings.clipProcessor() }
                let processed = try processor!.process(path: location)
                if let change = stamps.change(of: record.path, readAs: processed.stamp) {
                    return .failure(ClipError(path: record.path, reason: change, isLasting: false))
                }
                samples = processed.samples
            } catch {
                let changed = stamps.changeAfterFailure(of: record.path, at: location) != nil
                return .failure(
                    ClipError(path: record.path, reason: error.reason, isLasting: error.isLasting && !changed))
            }
        }
        let rate = record.facts.sampleRate
        if computers[rate] == nil {
            do {
                computers[rate] = try FeatureComputer(settings.features, sampleRate: rate)
            } catch {
                return .failure(ClipError(path: record.path, reason: "features at \(rate) Hz: \(error.reason)"))
            }
        }
        let features = computers[rate]!(samples)
        samples = []
        if let problem = features.nonFiniteProblem { return .failure(ClipError(path: record.path, reason: problem)) }
        let summary = ClipSummary(
            path: record.path, values: features.summary, frames: features.frameCount, tuning: features.chromaTuning)
        guard keepFrames else { return .success((summary, nil)) }
        guard features.frameCount > 0 else {
            return .failure(ClipError(path: record.path, reason: "shorter than one frame (no frame features)"))
        }
        return .success((summary, FrameSequence.frames(features.frames.flatMap(\.rows))))
    }
}
