import Foundation
import SERAudio

/// The noisereduce golden files in `Fixtures/` (see `Fixtures/README.md`).
enum NoiseFixture {
    /// `long[i] = fox[i % fox.count]`, as `np.resize(fox, 650000)` in `make_fixtures.py`.
    static let longLength = 650_000
    /// The part of the long signal's output that is stored.
    static let longWindow = 590_000..<610_000
    /// The small-chunk case: the first 20000 samples of fox, in 6000-sample chunks with 300 padding.
    static let smallPrefix = 20_000

    static func url(_ file: String) throws -> URL {
        let name = (file as NSString).deletingPathExtension
        let ext = (file as NSString).pathExtension
        guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures") else {
            throw MissingFixture(name: file)
        }
        return url
    }

    /// A mono fixture as libsndfile decodes it (16-bit: s / 32768; float: as stored).
    static func samples(_ file: String) throws -> (samples: [Float], sampleRate: Int) {
        let audio = try AudioFile.read(path: url(file).path)
        return (audio.monoMix(), audio.sampleRate)
    }

    /// The long input, fox tiled to 650000 samples.
    static func longInput() throws -> [Float] {
        let fox = try samples("fox.flac").samples
        return (0..<longLength).map { fox[$0 % fox.count] }
    }
}

struct MissingFixture: Error, CustomStringConvertible {
    let name: String
    var description: String { "fixture \(name) is not in the test bundle" }
}

/// How far `actual` is from `expected`: the largest absolute difference over the largest `|expected|`.
func relativeError(_ actual: [Float], _ expected: [Float]) -> Double {
    let peak = expected.reduce(0) { max($0, Double(abs($1))) }
    let worst = zip(actual, expected).reduce(0) { max($0, Double(abs($1.0 - $1.1))) }
    return worst / peak
}
