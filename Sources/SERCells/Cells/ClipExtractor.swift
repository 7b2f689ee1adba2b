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

    mutating func summary(of record: ProcessedRecord, location: String, store: ArtifactStore) -> Result<
        ClipSummary, ClipError
    > {
        var samples: [Float]
        if let data = store.read(record.audio), let stored = SampleCoding.samples(data) {
            samples = stored
        } else {
            do {
                if processor == nil { processor = try ClipProcessor(settings: settings) }
                samples = try processor!.process(path: location).samples
            } catch {
                return .failure(ClipError(path: record.path, reason: error.reason))
            }
        }
        let rate = record.facts.sampleRate
        if computers[rate] == nil {
            do {
                computers[rate] = try FeatureComputer(settings: settings, sampleRate: rate)
            } catch {
                return .failure(ClipError(path: record.path, reason: "features at \(rate) Hz: \(error.reason)"))
            }
        }
        let features = computers[rate]!(samples)
        samples = []
        return .success(
            ClipSummary(
                path: record.path, values: features.summary, frames: features.frameCount,
                tuning: features.chromaTuning))
    }
}

/// The summary's column names for a feature setting, in the order ``SERDSP/Functionals`` writes them:
/// per feature, the mean of each coefficient, then its standard deviation.
enum FeatureNames {
    static func groups(_ features: Settings.Features) -> [(name: String, rows: Int)] {
        [
            ("rms", 1), ("zcr", 1), ("mfcc", features.mfcc.nMFCC), ("chroma", features.chroma.nChroma),
            ("contrast", features.contrast.nBands + 1),
        ]
    }

    static func summary(_ features: Settings.Features) -> [String] {
        groups(features).flatMap { group in
            (0..<group.rows).map { "\(group.name)_mean_\($0)" } + (0..<group.rows).map { "\(group.name)_std_\($0)" }
        }
    }
}
