import Foundation
import SERAudio
import SERCells
import SERDSP
import SERParallel

/// `serreport features`: one clip's features as one JSON line, in the layout and key names of
/// `reference_features.py` (`meta`, `summary.names`/`summary.seed`, `frames`), so the two diff
/// directly.
struct FeatureDump: Sendable {
    var settings: Settings
    /// `false` skips every processing step (`--raw`, like the reference with no options).
    var processing: Bool
    /// `false` leaves out the per-frame matrices (`--summary`).
    var includeFrames: Bool
    /// `false` prints one readable line per file instead of JSON.
    var json: Bool
    /// Where to write the waveform the features were computed from, as float32 WAV (one file only),
    /// like the reference's `--dump-wave`.
    var waveOutput: String?
    /// With `--report` of a report whose models include the `cnn`: its log-mel spectrogram of that many bands,
    /// as `frames.log_mel` (bands × frames), the input of `models/cnn.onnx`.
    var logMelBands: Int?

    init(settings: Settings, processing: Bool, includeFrames: Bool, json: Bool) {
        self.settings = settings
        self.processing = processing
        self.includeFrames = includeFrames
        self.json = json
    }

    /// Features of each file, in order; a file that fails yields its error instead.
    func run(paths: [String], jobs: Int? = nil) -> [Result<String, ClipError>] {
        var dump = self
        if paths.count != 1 { dump.waveOutput = nil }
        let settings = settings
        let processing = processing
        return ParallelJobs.map(
            count: paths.count, workers: jobs ?? ParallelJobs.coreCount,
            makeState: { settings.clipAnalyzer(processing: processing) },
            body: { [dump] analyzer, index in
                Result { () throws(ClipError) in try dump.output(for: paths[index], analyzer: &analyzer) }
            })
    }

    /// One file's line of output, after writing its waveform if asked to.
    private func output(for path: String, analyzer: inout ClipAnalyzer) throws(ClipError) -> String {
        let run = try analyzer.analyze(path: path)
        // librosa computes features of silence and of a click; a build and predict do not use such a file.
        if let problem = run.processed.unusable {
            Standard.error("serreport: note: \(PrintedLine.escaped(path)): \(problem); build and predict skip it")
        }
        if let waveOutput {
            do {
                try AudioFile.write(
                    run.processed.samples, sampleRate: run.processed.sampleRate, format: .wavFloat, to: waveOutput)
            } catch {
                throw ClipError(path: waveOutput, reason: error.reason)
            }
        }
        var logMel: [[Double]]?
        if let bands = logMelBands, includeFrames {
            do {
                let values = try ClipExtractor.logMel(
                    run.processed.samples, sampleRate: run.processed.sampleRate, features: settings.features,
                    bands: bands)
                let frames = values.count / bands
                logMel = (0..<bands).map { m in (0..<frames).map { Double(values[$0 * bands + m]) } }
            } catch {
                throw ClipError(path: path, reason: "log-mel spectrogram: \(error.reason)")
            }
        }
        return json
            ? Self.json(
                path: path, run: run, parameters: settings.features, includeFrames: includeFrames, logMel: logMel)
            : Self.line(path: path, run: run)
    }

    /// `clip.wav: 22050 Hz, 66150 samples, 130 frames, trim [0, 55808), 62 summary values`
    static func line(path: String, run: ClipAnalysis) -> String {
        let stages = run.processed.stages
        let trim = stages.trim.map { ", trim [\($0.lowerBound), \($0.upperBound))" } ?? ""
        return "\(path): \(stages.loadedSampleRate) Hz, \(run.processed.samples.count) samples, "
            + "\(run.features.frameCount) frames\(trim), \(run.features.summary.count) summary values"
    }

    static func json(
        path: String, run: ClipAnalysis, parameters: FeatureParameters, includeFrames: Bool, logMel: [[Double]]? = nil
    ) -> String {
        let encoder = JSONEncoder()
        // Sorted keys: the same clip always gives the same bytes.
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var record = FeatureRecord(path: path, run: run, parameters: parameters, includeFrames: includeFrames)
        if let logMel { record.frames?["log_mel"] = logMel }
        return (try? encoder.encode(record)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

/// One line of `serreport features --json`: `reference_features.py`'s layout and key names.
private struct FeatureRecord: Encodable {
    struct Meta: Encodable {
        let path: String
        let input: Input
        let stages: Stages
        let nFrames: Int
        let chromaTuning: Double?
        let featureShapes: [String: [Int]]

        enum CodingKeys: String, CodingKey {
            case path, input, stages
            case nFrames = "n_frames"
            case chromaTuning = "chroma_tuning"
            case featureShapes = "feature_shapes"
        }
    }

    struct Input: Encodable {
        let samplerate: Int
        let channels: Int
        let frames: Int
        let format: String
    }

    struct Stages: Encodable {
        struct Load: Encodable {
            let sr: Int
            let n: Int
            let dtype = "float32"
            let peak: Double
        }
        struct Normalize: Encodable {
            let peakBefore: Double
            let peakAfter: Double

            enum CodingKeys: String, CodingKey {
                case peakBefore = "peak_before"
                case peakAfter = "peak_after"
            }
        }
        struct Trim: Encodable {
            let start: Int
            let end: Int
            let n: Int
        }
        struct Pad: Encodable {
            let size: Int
        }
        struct Denoise: Encodable {
            let stationary: Bool
            let n: Int
        }

        let load: Load
        let normalize: Normalize?
        let trim: Trim?
        let pad: Pad?
        let denoise: Denoise?
    }

    /// The clip's summary (`names`, `values`) and, as the reference's `summary.seed`, the seed's 82
    /// values when the set computes them (`features.set: seed`, or extended with the seed's groups and
    /// mean and std).
    struct Summary: Encodable {
        let names: [String]
        let values: [Double]
        let seed: [Double]?

        init(names: [String], values: [Double], parameters: FeatureParameters) {
            self.names = names
            self.values = values
            var seedParameters = parameters
            seedParameters.featureSet = .seed
            let byName = Dictionary(zip(names, values), uniquingKeysWith: { first, _ in first })
            let seed = FeatureNames.summary(seedParameters).map { byName[$0] }
            self.seed = seed.contains(nil) ? nil : seed.compactMap { $0 }
        }
    }

    let meta: Meta
    let summary: Summary
    /// Per descriptor, its rows of frame values; `null` where a value is undefined (F0 of an unvoiced
    /// frame), as JSON has no NaN.
    var frames: [String: [[Double?]]]?

    init(path: String, run: ClipAnalysis, parameters: FeatureParameters, includeFrames: Bool) {
        let stages = run.processed.stages
        let features = run.features
        meta = Meta(
            path: path,
            input: Input(
                samplerate: stages.sourceSampleRate, channels: stages.sourceChannelCount,
                frames: stages.sourceFrameCount, format: stages.sourceFormat),
            stages: Stages(
                load: .init(sr: stages.loadedSampleRate, n: stages.loadedCount, peak: Double(stages.loadedPeak)),
                normalize: stages.normalize.map { .init(peakBefore: $0.peakBefore, peakAfter: $0.peakAfter) },
                trim: stages.trim.map { .init(start: $0.lowerBound, end: $0.upperBound, n: $0.count) },
                pad: stages.fixedLength.map { .init(size: $0) },
                denoise: stages.denoise.map {
                    .init(stationary: $0.reduction.stationary, n: run.processed.samples.count)
                }),
            nFrames: features.frameCount,
            chromaTuning: features.chromaTuning,
            featureShapes: Dictionary(
                uniqueKeysWithValues: features.frames.map { ($0.name, [$0.rows.count, features.frameCount]) }))
        summary = Summary(names: features.summaryNames, values: features.summary, parameters: parameters)
        frames =
            includeFrames
            ? Dictionary(
                uniqueKeysWithValues: features.frames.map { ($0.name, $0.rows.map { $0.map { $0.isNaN ? nil : $0 } }) })
            : nil
    }
}
