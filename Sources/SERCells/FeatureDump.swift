import Foundation
import SERAudio

/// `serreport features`: one clip's features as one JSON line, in the layout and key names of
/// `reference_features.py` (`meta`, `summary.names`/`summary.seed`, `frames`), so the two diff
/// directly.
public struct FeatureDump: Sendable {
    public var settings: Settings
    /// `false` skips every processing step (`--raw`, like the reference with no options).
    public var processing: Bool
    /// `false` leaves out the per-frame matrices (`--summary`).
    public var includeFrames: Bool
    /// `false` prints one readable line per file instead of JSON.
    public var json: Bool
    /// Where to write the waveform the features were computed from, as float32 WAV (one file only),
    /// like the reference's `--dump-wave`.
    public var waveOutput: String?

    public init(settings: Settings, processing: Bool, includeFrames: Bool, json: Bool) {
        self.settings = settings
        self.processing = processing
        self.includeFrames = includeFrames
        self.json = json
    }

    /// Features of each file, in order; a file that fails yields its error instead.
    public func run(paths: [String], jobs: Int? = nil) -> [Result<String, ClipError>] {
        var dump = self
        if paths.count != 1 { dump.waveOutput = nil }
        let settings = settings
        let processing = processing
        return ParallelClips.map(
            count: paths.count, workers: jobs ?? ParallelClips.coreCount,
            makeState: { ClipAnalyzer(settings: settings, processing: processing) },
            body: { [dump] analyzer, index in
                Result { () throws(ClipError) in try dump.output(for: paths[index], analyzer: &analyzer) }
            })
    }

    /// One file's line of output, after writing its waveform if asked to.
    private func output(for path: String, analyzer: inout ClipAnalyzer) throws(ClipError) -> String {
        let run = try analyzer.analyze(path: path)
        if let waveOutput {
            do {
                try AudioFile.write(
                    run.processed.samples, sampleRate: run.processed.sampleRate, format: .wavFloat, to: waveOutput)
            } catch {
                throw ClipError(path: waveOutput, reason: error.reason)
            }
        }
        return json ? Self.json(path: path, run: run, includeFrames: includeFrames) : Self.line(path: path, run: run)
    }

    /// `clip.wav: 22050 Hz, 66150 samples, 130 frames, trim [0, 55808), 62 summary values`
    static func line(path: String, run: ClipAnalysis) -> String {
        let stages = run.processed.stages
        let trim = stages.trim.map { ", trim [\($0.lowerBound), \($0.upperBound))" } ?? ""
        return "\(path): \(stages.loadedSampleRate) Hz, \(run.processed.samples.count) samples, "
            + "\(run.features.frameCount) frames\(trim), \(run.features.summary.count) summary values"
    }

    static func json(path: String, run: ClipAnalysis, includeFrames: Bool) -> String {
        let stages = run.processed.stages
        var stageObject: [String: Any] = [
            "load": [
                "sr": stages.loadedSampleRate, "n": stages.loadedCount, "dtype": "float32",
                "peak": Double(stages.loadedPeak),
            ] as [String: Any]
        ]
        if let normalize = stages.normalize {
            stageObject["normalize"] = ["peak_before": normalize.peakBefore, "peak_after": normalize.peakAfter]
        }
        if let trim = stages.trim {
            stageObject["trim"] = ["start": trim.lowerBound, "end": trim.upperBound, "n": trim.count]
        }
        if let size = stages.fixedLength {
            stageObject["pad"] = ["size": size]
        }
        if let denoise = stages.denoise {
            stageObject["denoise"] = ["stationary": denoise.stationary, "n": run.processed.samples.count]
        }
        let features = run.features
        let meta: [String: Any] = [
            "path": path,
            "input": [
                "samplerate": stages.sourceSampleRate, "channels": stages.sourceChannelCount,
                "frames": stages.sourceFrameCount, "format": stages.sourceFormat,
            ] as [String: Any],
            "stages": stageObject,
            "n_frames": features.frameCount,
            "chroma_tuning": features.chromaTuning.map { $0 as Any } ?? NSNull(),
            "feature_shapes": Dictionary(
                uniqueKeysWithValues: features.frames.map { ($0.name, [$0.rows.count, features.frameCount]) }),
        ]
        var object: [String: Any] = [
            "meta": meta,
            "summary": ["names": features.summaryNames, "seed": features.summary] as [String: Any],
        ]
        if includeFrames {
            object["frames"] = Dictionary(uniqueKeysWithValues: features.frames.map { ($0.name, $0.rows) })
        }
        // Sorted keys: the same clip always gives the same bytes.
        let data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
