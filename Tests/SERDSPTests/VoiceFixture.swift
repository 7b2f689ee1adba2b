import Foundation
import SERAudio

/// One `*_voice.json` golden file (see `Fixtures/README.md`, made by `make_voice_fixtures.py`): what librosa's
/// `pyin` and spectral shape descriptors make of a clip.
struct VoiceFixture: Decodable {
    struct Meta: Decodable {
        let sampleRate: Int
        let samples: Int
        let versions: [String: String]

        enum CodingKeys: String, CodingKey {
            case sampleRate = "sample_rate"
            case samples, versions
        }
    }

    struct Spectral: Decodable {
        let centroid: [Double]
        let bandwidth: [Double]
        let rolloff: [Double]
        let flatness: [Double]
    }

    let meta: Meta
    /// F0 in Hz, nil where librosa calls the frame unvoiced.
    let f0: [Double?]
    let voicedFlag: [Bool]
    let voicedProb: [Double]
    let spectral: Spectral

    enum CodingKeys: String, CodingKey {
        case meta, f0, spectral
        case voicedFlag = "voiced_flag"
        case voicedProb = "voiced_prob"
    }

    /// The fixture's name (its JSON is `<name>_voice.json`) and its audio file.
    static let all: [(name: String, audio: String, ext: String)] = [
        ("fox", "fox", "wav"),
        ("glide", "glide_22050", "wav"),
        ("f1_happy_s1", "f1_happy_s1", "flac"),
    ]

    static func load(_ name: String) throws -> VoiceFixture {
        try JSONDecoder().decode(
            VoiceFixture.self, from: Data(contentsOf: ReferenceFixture.url("\(name)_voice", "json")))
    }
}

extension VoiceFixture {
    /// The clip as `librosa.load(sr=None)` gives it: mono float32, `s / 32768`, at its own rate.
    static func samples(_ audio: String, _ ext: String) throws -> (samples: [Float], sampleRate: Int) {
        let decoded = try AudioFile.read(path: ReferenceFixture.url(audio, ext).path)
        return (decoded.monoMix(), decoded.sampleRate)
    }
}
