import Foundation
import SERAudio
import Testing

@Suite("Resampling with libsoxr HQ")
struct ResamplerTests {
    @Test(
        "output length is ceil(n * target / orig), as librosa.resample",
        arguments: [
            (61402, 22050, 16000, 44555),
            (132300, 44100, 22050, 66150),
            (132301, 44100, 22050, 66151),
            (48000, 16000, 22050, 66150),
            (1, 16000, 22050, 2),
            (7, 96000, 22050, 2),
            (8000, 8000, 22050, 22050),
        ])
    func length(n: Int, from: Int, to: Int, expected: Int) throws {
        #expect(Resampler.outputLength(inputLength: n, from: from, to: to) == expected)
        let out = try Resampler().resample(testTone(count: n, sampleRate: from), from: from, to: to, path: "tone")
        #expect(out.count == expected)
    }

    @Test("a 440 Hz tone keeps its amplitude and frequency after 44.1 kHz → 22.05 kHz")
    func toneSurvives() throws {
        let input = (0..<44100).map { Float(0.5 * sin(2 * Double.pi * 440 * Double($0) / 44100)) }
        let out = try Resampler().resample(input, from: 44100, to: 22050, path: "tone")
        // Compare the middle (away from edge transients) against the ideal tone at the new rate.
        var worst: Float = 0
        for i in 2000..<20000 {
            let ideal = Float(0.5 * sin(2 * Double.pi * 440 * Double(i) / 22050))
            worst = max(worst, abs(out[i] - ideal))
        }
        #expect(worst < 1e-3)
    }

    @Test("a resampler reused across clips gives what a fresh one gives")
    func reuse() throws {
        let shared = Resampler()
        for count in [16000, 333, 48000, 1, 16000] {
            let input = testTone(count: count, sampleRate: 16000, amplitude: Float(count % 7) / 10 + 0.1)
            let reused = try shared.resample(input, from: 16000, to: 22050, path: "tone")
            let fresh = try Resampler().resample(input, from: 16000, to: 22050, path: "tone")
            #expect(reused == fresh)
        }
    }

    @Test("equal rates return the input untouched")
    func identity() throws {
        let input = testTone(count: 100, sampleRate: 22050)
        #expect(try Resampler().resample(input, from: 22050, to: 22050, path: "x") == input)
    }
}
