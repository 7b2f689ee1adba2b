import Foundation
import Testing

@testable import SERAudio

@Suite("Noise reduction on edge cases")
struct NoiseReducerEdgeTests {
    @Test(
        "digital silence gives finite zeros of the same length (noisereduce gives NaN)",
        arguments: [false, true], [1, 2, 100, 1023, 1024, 66150])
    func silence(stationary: Bool, count: Int) throws {
        let reducer = try NoiseReducer(.init(stationary: stationary))
        let output = try reducer.reduceNoise([Float](repeating: 0, count: count), sampleRate: 22050)
        #expect(output == [Float](repeating: 0, count: count))
    }

    @Test("empty input gives empty output", arguments: [false, true])
    func empty(stationary: Bool) throws {
        #expect(try NoiseReducer(.init(stationary: stationary)).reduceNoise([], sampleRate: 22050).isEmpty)
    }

    @Test(
        "signals shorter than a frame keep their length and stay finite",
        arguments: [false, true], [1, 2, 3, 255, 256, 767, 768, 769, 1023, 1024, 1025])
    func short(stationary: Bool, count: Int) throws {
        let y = testTone(count: count, sampleRate: 16000)
        let output = try NoiseReducer(.init(stationary: stationary)).reduceNoise(y, sampleRate: 16000)
        #expect(output.count == count)
        #expect(output.allSatisfy { $0.isFinite })
    }

    @Test(
        "short signals match reduce_noise",
        arguments: [
            (20_000..<20_100, false, "short_nonstationary.wav"),
            (40_000..<40_800, true, "short_800_stationary.wav"),
        ])
    func shortReference(range: Range<Int>, stationary: Bool, expected: String) throws {
        let y = Array(try NoiseFixture.samples("fox.flac").samples[range])
        let reference = try NoiseFixture.samples(expected).samples
        let output = try NoiseReducer(.init(stationary: stationary)).reduceNoise(y, sampleRate: 22050)
        #expect(output.count == reference.count)
        #expect(relativeError(output, reference) <= NoiseReducerReferenceTests.tolerance)
    }

    @Test("a single sample matches reduce_noise")
    func oneSample() throws {
        let reference = try NoiseFixture.samples("one_nonstationary.wav").samples
        let output = try NoiseReducer().reduceNoise([0.25], sampleRate: 22050)
        #expect(output.count == 1)
        #expect(abs(Double(output[0] - reference[0])) <= 1e-6 * Double(abs(reference[0])))
    }

    @Test("silence between sounds and at the ends stays finite and silent far from the sound")
    func embeddedSilence() throws {
        let tone = testTone(count: 5000, sampleRate: 22050)
        let y = [Float](repeating: 0, count: 40000) + tone + [Float](repeating: 0, count: 40000) + tone
        let output = try NoiseReducer().reduceNoise(y, sampleRate: 22050)
        #expect(output.count == y.count)
        #expect(output.allSatisfy { $0.isFinite })
        #expect(output[0..<30000].allSatisfy { $0 == 0 })
    }

    /// (Only the non-stationary gate: the stationary one smooths after `prop_decrease`, so its
    /// zero-boundary smoothing attenuates the edge bins even then, in noisereduce too.)
    @Test("non-stationary with prop_decrease 0 reconstructs the input (stft → istft is the identity)")
    func identity() throws {
        let y = testTone(count: 30000, sampleRate: 22050)
        let output = try NoiseReducer(.init(propDecrease: 0)).reduceNoise(y, sampleRate: 22050)
        #expect(relativeError(output, y) <= 1e-6)
    }

    @Test("the ratio above the noise floor is −1 for a zero bin, also where the floor is 0 (noisereduce: NaN)")
    func ratioOfZeroBins() {
        let ratio = SpectralGate.aboveFloor(SIMD4(0, 0, 3, 1), floor: SIMD4(0, 2, 1, 0))
        #expect(ratio == SIMD4(-1, -1, 2, .infinity))
    }

    @Test("NaN input does not trap")
    func nanInput() throws {
        var y = testTone(count: 5000, sampleRate: 22050)
        y[100] = .nan
        for stationary in [false, true] {
            let output = try NoiseReducer(.init(stationary: stationary)).reduceNoise(y, sampleRate: 22050)
            #expect(output.count == y.count)
        }
    }

    @Test("parameters noisereduce rejects are one AudioError naming the parameter")
    func badParameters() throws {
        let tooShort = #expect(throws: AudioError.self) { try NoiseReducer(.init(nFFT: 512, winLength: 1024)) }
        #expect(tooShort?.code == .denoising)
        #expect(tooShort?.description == "noisereduce: n_fft (512) must be at least win_length (1024)")
        #expect(throws: AudioError.self) { try NoiseReducer(.init(hopLength: 0)) }
        #expect(throws: AudioError.self) { try NoiseReducer(.init(timeConstantS: 0)) }
        let reducer = try NoiseReducer(.init(freqMaskSmoothHz: 10))
        let narrow = #expect(throws: AudioError.self) {
            try reducer.reduceNoise([0.5], sampleRate: 22050, path: "x.wav")
        }
        #expect(narrow?.description.hasPrefix("x.wav: freq_mask_smooth_hz needs to be at least 43 Hz") == true)
        #expect(throws: AudioError.self) { try NoiseReducer().reduceNoise([0.5], sampleRate: 0) }
    }

    @Test("the vectorised exp is within 2 ulp of glibc's over the sigmoid's range")
    func vectorExp() {
        var worst = 0.0
        var x = -745.0
        while x < 720 {
            let lanes = SIMD4(x, x + 0.123_456_7, x + 0.314_159, x + 0.999)
            let result = VectorExp.exp(lanes)
            for i in 0..<4 where lanes[i] >= -708 && lanes[i] <= 709 {
                let expected = Foundation.exp(lanes[i])
                worst = max(worst, abs(result[i] - expected) / expected.ulp)
            }
            x += 0.731
        }
        #expect(worst <= 2)
        let edges = VectorExp.exp(SIMD4(-1000, 1000, .nan, 0))
        #expect(edges[0] >= 0 && edges[0] < 1e-300)
        #expect(edges[1] > 1e307 && edges[1].isFinite)
        #expect(edges[2].isNaN)
        #expect(edges[3] == 1)
    }
}
