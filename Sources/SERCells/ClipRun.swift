import SERAudio
import SERDSP

/// The outcome of running load → process → extract on one clip.
struct ClipRun: Sendable {
    var processed: ProcessedClip
    var features: ClipFeatures
}

/// Per-worker state: feature computers by sample rate (several only when `sample_rate: 0` keeps
/// each file's own rate).
struct ClipWorker {
    let settings: Settings
    let processor: ClipProcessor
    private var computers: [Int: FeatureComputer] = [:]

    init(settings: Settings, processing: Bool = true) {
        self.settings = settings
        processor = ClipProcessor(settings: settings, processing: processing)
    }

    mutating func run(path: String) throws(ClipError) -> ClipRun {
        let processed: ProcessedClip
        do {
            processed = try processor.process(path: path)
        } catch {
            throw ClipError(path: path, reason: error.reason)
        }
        let rate = processed.sampleRate
        if computers[rate] == nil {
            do {
                computers[rate] = try FeatureComputer(settings: settings, sampleRate: rate)
            } catch {
                throw ClipError(path: path, reason: "features at \(rate) Hz: \(error.reason)")
            }
        }
        guard let computer = computers[rate] else { throw ClipError(path: path, reason: "no feature extractor") }
        return ClipRun(processed: processed, features: computer(processed.samples))
    }
}

/// Why one clip could not be used: one line naming the file and the reason.
public struct ClipError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let reason: String

    public var description: String { "\(path): \(reason)" }
}
