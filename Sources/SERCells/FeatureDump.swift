import Foundation

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

    public init(settings: Settings, processing: Bool, includeFrames: Bool, json: Bool) {
        self.settings = settings
        self.processing = processing
        self.includeFrames = includeFrames
        self.json = json
    }

    /// Features of each file, in order; a file that fails yields its error instead.
    public func run(paths: [String], jobs: Int? = nil) -> [Result<String, ClipError>] {
        let settings = settings
        let processing = processing
        let includeFrames = includeFrames
        let json = json
        return ParallelClips.map(
            count: paths.count, workers: jobs ?? ParallelClips.coreCount,
            makeState: { ClipWorker(settings: settings, processing: processing) },
            body: { worker, index in
                Result { () throws(ClipError) in
                    let run = try worker.run(path: paths[index])
                    return json
                        ? Self.json(path: paths[index], run: run, includeFrames: includeFrames)
                        : Self.line(path: paths[index], run: run)
                }
            })
    }

    /// `clip.wav: 22050 Hz, 66150 samples, 130 frames, trim [0, 55808), 62 summary values`
    static func line(path: String, run: ClipRun) -> String {
        let stages = run.processed.stages
        let trim = stages.trim.map { ", trim [\($0.lowerBound), \($0.upperBound))" } ?? ""
        return "\(path): \(stages.loadedSampleRate) Hz, \(run.processed.samples.count) samples, "
            + "\(run.features.frameCount) frames\(trim), \(run.features.summary.count) summary values"
    }

    static func json(path: String, run: ClipRun, includeFrames: Bool) -> String {
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
        let features = run.features
        let meta: [String: Any] = [
            "path": path,
            "input": [
                "samplerate": stages.sourceSampleRate, "channels": stages.sourceChannelCount,
                "frames": stages.sourceFrameCount, "format": stages.sourceFormat,
            ] as [String: Any],
            "stages": stageObject,
            "n_frames": features.frameCount,
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
