import Foundation
import SERAudio
import SERDSP
import Testing

/// Output against `noisereduce.reduce_noise` 3.0.3 (golden files from `Fixtures/make_fixtures.py`).
///
/// The contract is 1e-3 of the reference's peak. The float32 outputs agree bit for bit or within
/// ~3e-16 of the peak here; 1e-6 leaves room for a last-bit float32 difference from another FFTW
/// build (~6e-8) while catching any real divergence.
@Suite("noisereduce parity")
struct NoiseReducerReferenceTests {
    static let tolerance = 1e-6

    @Test(
        "matches reduce_noise on whole clips",
        arguments: [
            ("fox.flac", false, "fox_nonstationary.wav"),
            ("fox.flac", true, "fox_stationary.wav"),
            ("angry_16k.flac", false, "angry_16k_nonstationary.wav"),
            ("angry_16k.flac", true, "angry_16k_stationary.wav"),
        ])
    func wholeClip(input: String, stationary: Bool, expected: String) throws {
        let (y, sampleRate) = try NoiseFixture.samples(input)
        let reference = try NoiseFixture.samples(expected).samples
        let reducer = try NoiseReducer(.init(stationary: stationary))
        let output = try reducer.reduceNoise(y, sampleRate: sampleRate)
        #expect(output.count == y.count)
        #expect(relativeError(output, reference) <= Self.tolerance)
    }

    @Test("matches reduce_noise across the chunk boundary of a 650000-sample signal", arguments: [false, true])
    func longSignal(stationary: Bool) throws {
        let y = try NoiseFixture.longInput()
        let name = stationary ? "long_stationary_window.wav" : "long_nonstationary_window.wav"
        let reference = try NoiseFixture.samples(name).samples
        let output = try NoiseReducer(.init(stationary: stationary)).reduceNoise(y, sampleRate: 22050)
        #expect(output.count == y.count)
        #expect(relativeError(Array(output[NoiseFixture.longWindow]), reference) <= Self.tolerance)
    }

    @Test("matches reduce_noise with small chunks and a padding shorter than half a window")
    func smallChunks() throws {
        let y = Array(try NoiseFixture.samples("fox.flac").samples.prefix(NoiseFixture.smallPrefix))
        let reference = try NoiseFixture.samples("fox_small_chunks.wav").samples
        let reducer = try NoiseReducer(.init(chunkSize: 6000, padding: 300))
        let output = try reducer.reduceNoise(y, sampleRate: 22050)
        #expect(output.count == y.count)
        #expect(relativeError(output, reference) <= Self.tolerance)
    }

    @Test("a reused reducer gives the same output for every clip, whatever came before")
    func reuse() throws {
        let (fox, foxRate) = try NoiseFixture.samples("fox.flac")
        let (angry, angryRate) = try NoiseFixture.samples("angry_16k.flac")
        let reducer = try NoiseReducer()
        let first = try reducer.reduceNoise(fox, sampleRate: foxRate)
        _ = try reducer.reduceNoise(angry, sampleRate: angryRate)
        _ = try reducer.reduceNoise(Array(fox.prefix(3000)), sampleRate: foxRate)
        #expect(try reducer.reduceNoise(fox, sampleRate: foxRate) == first)
    }

    @Test("fox.wav through normalize → load → trim → fix_length(3 s) → reduce_noise matches the reference")
    func endToEnd() throws {
        let path = try NoiseFixture.url("fox.flac").path
        let loaded = try AudioLoader(sampleRate: 22050, normalizer: PeakNormalizer(headroomDB: 0.1)).load(path: path)
        let trimmed = SilenceTrimmer(topDB: 60, geometry: FrameGeometry(frameLength: 2048, hopLength: 512))(
            loaded.samples
        ).samples
        let padded = FixedLength.apply(trimmed, length: FixedLength.length(seconds: 3, sampleRate: 22050))
        let output = try NoiseReducer().reduceNoise(padded, sampleRate: 22050, path: path)
        let reference = try NoiseFixture.samples("fox_full_y.wav").samples
        #expect(output.count == reference.count)
        #expect(relativeError(output, reference) <= Self.tolerance)
    }
}
