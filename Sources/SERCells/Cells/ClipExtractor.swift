import SERAudio
package import SERDSP
import SERNotebook

/// One worker's feature extraction: reads a clip's processed samples from the cache (or, when that
/// entry is gone, processes the file again) and summarises its frame features. Keeps its FFT plans
/// and buffers by sample rate for every clip it takes. Not Sendable.
package struct ClipExtractor {
    let settings: Settings
    private var computers: [Int: FeatureComputer] = [:]
    private var processor: ClipProcessor?

    init(settings: Settings) {
        self.settings = settings
    }

    /// The clip's summary, with `keepFrames` its frame vectors (``FrameSequence``), and with `logMelBands` its
    /// log-mel spectrogram of that many bands (frame-major).
    mutating func summary(
        of record: ProcessedRecord, location: String, store: ArtifactStore, stamps: ClipStamps = .none,
        keepFrames: Bool = false, logMelBands: Int? = nil
    ) -> Result<ExtractedClip, ClipError> {
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
        var logMel: [Float]?
        if let bands = logMelBands {
            do {
                logMel = try Self.logMel(samples, sampleRate: rate, features: settings.features, bands: bands)
            } catch {
                return .failure(ClipError(path: record.path, reason: "log-mel spectrogram: \(error.reason)"))
            }
        }
        samples = []
        if let problem = features.nonFiniteProblem { return .failure(ClipError(path: record.path, reason: problem)) }
        let summary = ClipSummary(
            path: record.path, values: features.summary, frames: features.frameCount, tuning: features.chromaTuning)
        if (keepFrames || logMelBands != nil) && features.frameCount == 0 {
            return .failure(ClipError(path: record.path, reason: "shorter than one frame (no frame features)"))
        }
        return .success(
            ExtractedClip(
                summary: summary, frames: keepFrames ? FrameSequence.frames(features.frames.flatMap(\.rows)) : nil,
                logMel: logMel))
    }

    /// `librosa.power_to_db(librosa.feature.melspectrogram(y, sr, n_fft, hop_length, n_mels=bands))`,
    /// frame-major: the `cnn` model's input.
    package static func logMel(
        _ samples: [Float], sampleRate: Int, features: FeatureParameters, bands: Int
    ) throws(DSPError)
        -> [Float]
    {
        try MelSpectrogram(
            samples: samples, sampleRate: Double(sampleRate), nFFT: features.nFFT, hopLength: features.hopLength,
            melCount: bands
        ).logPower
    }
}

/// What the extract cell keeps of one clip: its summary, and the frames the deep models learn from when one
/// is trained.
struct ExtractedClip: Sendable {
    var summary: ClipSummary
    var frames: [Float]?
    var logMel: [Float]?
}
