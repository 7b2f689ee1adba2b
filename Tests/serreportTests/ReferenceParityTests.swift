import Foundation
import SERAudio
import SERCells
import SERDSP
import SERSettings
import Testing

/// End-to-end parity with the Python seed on 12 Samples clips (two per emotion): serreport's load →
/// process → extract against `reference_features.py` (librosa 0.11.0, noisereduce 3.0.3, pydub 0.25.1).
/// Fixtures and the command that made them: Fixtures/make_fixtures.sh.
@Suite("Parity with the Python reference on Samples clips")
struct ReferenceParityTests {
    static let clips = [
        "m1-neutral_s1", "f4-neutral_s2", "m3-calm_s3", "f1-calm_s4", "m7-happy_s5", "f3-happy_s1",
        "m1-sad_s2", "f1-sad_s3", "m3-angry_s4", "f4-angry_s5", "m7-fearful_s1", "f3-fearful_s2",
    ]

    @Test("load only: sample counts, frames and summary match the reference", arguments: clips)
    func plain(name: String) throws {
        let reference = try ReferenceFeatures(name: name, variant: "plain")
        var analyzer = try defaultSettings(seed: true).clipAnalyzer(processing: false)
        let analysis = try analyzer.analyze(path: reference.clipPath)
        #expect(analysis.processed.samples.count == reference.stage("load", "n"))
        #expect(analysis.features.summaryNames.count == 82)
        try expectFeatures(analysis, match: reference)
    }

    @Test("full chain: normalise → trim → fix length → denoise → features", arguments: clips)
    func full(name: String) throws {
        let reference = try ReferenceFeatures(name: name, variant: "full")
        var analyzer = try defaultSettings().clipAnalyzer()
        let analysis = try analyzer.analyze(path: reference.clipPath)
        let stages = analysis.processed.stages
        #expect(stages.normalize?.peakBefore == Double(reference.stage("normalize", "peak_before")))
        #expect(stages.normalize?.peakAfter == Double(reference.stage("normalize", "peak_after")))
        #expect(stages.loadedCount == reference.stage("load", "n"))
        #expect(stages.trim == reference.stage("trim", "start")..<reference.stage("trim", "end"))
        #expect(stages.fixedLength == reference.stage("pad", "size"))

        // The waveform the features are computed from.
        let expected = try AudioFile.read(path: reference.wavePath).samples.map { $0 * 2 }
        let actual = analysis.processed.samples
        #expect(actual.count == expected.count)
        let error = zip(actual, expected).map { abs(Double($0) - Double($1)) }.max() ?? .infinity
        let scale = expected.map { abs(Double($0)) }.max() ?? 1
        #expect(error <= 1e-3 * scale, "waveform max abs error \(error) vs max \(scale)")
        try expectFeatures(analysis, match: reference)
    }

    @Test("full chain on a 24-bit 44.1 kHz clip whose largest sample is negative (pydub's 0xFF pad byte)")
    func full24Bit() throws {
        let reference = try ReferenceFeatures(name: "f1-angry_s4-24bit", variant: "full")
        var analyzer = try defaultSettings(seed: true).clipAnalyzer()
        let analysis = try analyzer.analyze(path: reference.clipPath)
        let stages = analysis.processed.stages
        // pydub's seg.max is the widened 32-bit peak: |s|·256 − 255 for the negative peak sample s.
        let peak = try #require(stages.normalize?.peakBefore)
        #expect(peak * 256 - 255 == Double(reference.stage("normalize", "peak_before")))
        #expect(stages.loadedCount == reference.stage("load", "n"))
        #expect(stages.trim == reference.stage("trim", "start")..<reference.stage("trim", "end"))
        let expected = try AudioFile.read(path: reference.wavePath).samples.map { $0 * 2 }
        let actual = analysis.processed.samples
        #expect(actual.count == expected.count)
        let error = zip(actual, expected).map { abs(Double($0) - Double($1)) }.max() ?? .infinity
        let scale = expected.map { abs(Double($0)) }.max() ?? 1
        #expect(error <= 1e-3 * scale, "waveform max abs error \(error) vs max \(scale)")
        try expectFeatures(analysis, match: reference)
    }

    private func expectFeatures(_ analysis: ClipAnalysis, match reference: ReferenceFeatures) throws {
        let features = analysis.features
        #expect(features.frameCount == reference.frameCount)
        #expect(abs((features.chromaTuning ?? .nan) - reference.chromaTuning) < 0.005, "chroma tuning")
        for (name, expected) in reference.frames {
            let actual = try #require(features.frames.first { $0.name == name }?.rows, "no \(name) frames")
            #expect(actual.count == expected.count, "\(name) rows")
            let scale = expected.joined().map(abs).max() ?? 0
            var worst = 0.0
            for (a, e) in zip(actual, expected) {
                #expect(a.count == e.count, "\(name) frames")
                for (x, y) in zip(a, e) { worst = max(worst, abs(x - y)) }
            }
            #expect(worst <= 1e-3 * max(scale, 1e-12), "\(name): max abs error \(worst), max \(scale)")
        }
        // The seed's 82 values, by name: all of the summary with `features.set: seed`, part of the
        // default extended set.
        if analysis.features.summaryNames.count == reference.summaryNames.count {
            #expect(features.summaryNames == reference.summaryNames)
        }
        let ours = Dictionary(zip(features.summaryNames, features.summary), uniquingKeysWith: { first, _ in first })
        for (name, theirs) in zip(reference.summaryNames, reference.summary) {
            let value = try #require(ours[name], "no \(name) in the summary")
            let tolerance = max(1e-3 * abs(theirs), 1e-5)
            #expect(abs(value - theirs) <= tolerance, "\(name): \(value) vs \(theirs)")
        }
    }

    /// `features.set: seed` (the notebook's chain and 82 values), or the default extended set with the
    /// notebook's padding and noise reduction switched on, whose seed values must match too.
    private func defaultSettings(seed: Bool = false) throws -> Settings {
        try Settings.resolve(
            overrides: seed
                ? ["features.set=seed"] : ["process.fix_length.enabled=on", "process.denoise.enabled=on"]
        ).value
    }
}

/// One committed reference JSON (trimmed output of `reference_features.py`).
struct ReferenceFeatures {
    let clipPath: String
    let wavePath: String
    let meta: [String: Any]
    let frames: [(String, [[Double]])]
    let summaryNames: [String]
    let summary: [Double]

    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    init(name: String, variant: String) throws {
        let folder = try #require(Bundle.module.url(forResource: "Fixtures/reference", withExtension: nil))
        let data = try Data(contentsOf: folder.appendingPathComponent("\(name).\(variant).json"))
        let object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        meta = try #require(object["meta"] as? [String: Any])
        let clip = try #require(meta["clip"] as? String)
        clipPath = Self.repository.appendingPathComponent(clip).path
        wavePath = folder.appendingPathComponent("\(name).full.flac").path
        let frameObject = try #require(object["frames"] as? [String: [[Double]]])
        frames = ["rms", "zcr", "mfcc", "chroma", "contrast"].compactMap { key in frameObject[key].map { (key, $0) } }
        let summaryObject = try #require(object["summary"] as? [String: Any])
        summaryNames = try #require(summaryObject["names"] as? [String])
        summary = try #require(summaryObject["seed"] as? [Double])
    }

    var frameCount: Int { meta["n_frames"] as? Int ?? -1 }
    var chromaTuning: Double { meta["chroma_tuning"] as? Double ?? .nan }

    func stage(_ stage: String, _ key: String) -> Int {
        ((meta["stages"] as? [String: Any])?[stage] as? [String: Any])?[key] as? Int ?? -1
    }
}
