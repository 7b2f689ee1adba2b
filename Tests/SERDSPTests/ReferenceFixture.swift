import Foundation
import SERAudio
import SERDSP

/// One golden file from `Fixtures/` (see `Fixtures/README.md`): the clip and what librosa made of it.
struct ReferenceFixture: Decodable {
    struct Meta: Decodable {
        let nFrames: Int
        let versions: [String: String]
        /// `estimate_tuning`'s result for chroma, e.g. -0.25.
        let chromaTuning: Double

        enum CodingKeys: String, CodingKey {
            case nFrames = "n_frames"
            case versions
            case chromaTuning = "chroma_tuning"
        }
    }

    struct Summary: Decodable {
        let names: [String]
        let seed: [Double]
        let f64: [Double]
    }

    let meta: Meta
    let summary: Summary
    let frames: FrameFeatures

    /// The fixture's name, its WAV and its JSON.
    static let all: [(name: String, wav: String, json: String)] = [
        ("fox", "fox", "fox_plain"),
        ("sweep", "sweep_22050", "sweep"),
    ]

    static func url(_ name: String, _ ext: String) throws -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures") else {
            throw FixtureMissing(name: "\(name).\(ext)")
        }
        return url
    }

    static func load(json name: String) throws -> ReferenceFixture {
        try JSONDecoder().decode(ReferenceFixture.self, from: Data(contentsOf: url(name, "json")))
    }

    /// The clip as `librosa.load` gives it at its native 22050 Hz: mono float32, `s / 32768`.
    static func samples(wav name: String) throws -> (samples: [Float], sampleRate: Int) {
        let audio = try AudioFile.read(path: url(name, "wav").path)
        return (audio.monoMix(), audio.sampleRate)
    }
}

struct FixtureMissing: Error, CustomStringConvertible {
    let name: String
    var description: String { "fixture \(name) is not in the test bundle" }
}

/// The largest absolute difference between two equally long lists.
func maxAbsDifference(_ a: some Collection<Double>, _ b: some Collection<Double>) -> Double {
    zip(a, b).map { abs($0 - $1) }.max() ?? 0
}
