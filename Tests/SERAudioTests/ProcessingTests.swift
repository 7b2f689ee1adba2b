import Foundation
import SERAudio
import SERDSP
import Testing

@Suite("Normalise, trim and fix length")
struct ProcessingTests {
    @Test("pydub normalize floor-rounds the gain in the integer domain")
    func peakNormalizeRounding() {
        // A stereo 16-bit file peaking at ±16384: pydub gives +32392 / -32393 (reference-spec §1).
        let samples: [Float] = [16384, -16384, 8192, -1].map { $0 / 32768 }
        let audio = DecodedAudio(
            samples: samples, channelCount: 2, sampleRate: 44100, encoding: .integer(bits: 16), formatName: "test")
        let normalized = PeakNormalizer(headroomDB: 0.1)(audio).samples.map { Int($0 * 32768) }
        #expect(normalized == [32392, -32393, 16196, -2])
    }

    @Test("pydub normalize widens 24-bit samples with a 0xFF low byte below negative ones")
    func peakNormalize24Bit() {
        // pydub 0.25.1 on these 24-bit samples: widened to [-1073741569, 256000, -1, 0, 1073741568, -513],
        // seg.max 1073741569 (the negative sample), normalised to the int32 values below, exported as PCM_32.
        let samples: [Float] = [-4_194_304, 1000, -1, 0, 4_194_303, -3].map { $0 / 8_388_608 }
        let audio = DecodedAudio(
            samples: samples, channelCount: 1, sampleRate: 44100, encoding: .integer(bits: 24), formatName: "test")
        let expected: [Double] = [-2_122_901_606, 506_139, -2, 0, 2_122_901_603, -1015]
        #expect(PeakNormalizer(headroomDB: 0.1)(audio).samples == expected.map { Float($0 / 2_147_483_648) })
    }

    @Test("pydub normalize leaves a silent file alone")
    func silentNormalize() {
        let audio = DecodedAudio(
            samples: [0, 0, 0], channelCount: 1, sampleRate: 16000, encoding: .integer(bits: 16), formatName: "test")
        #expect(PeakNormalizer(headroomDB: 0.1)(audio).samples == [0, 0, 0])
    }

    @Test("trim keeps frame-aligned edges: 10000 zeros + 1 s tone + 7000 zeros → [9216, 33280)")
    func trimEdges() {
        let tone = testTone(count: 22050, sampleRate: 22050)
        let y = [Float](repeating: 0, count: 10000) + tone + [Float](repeating: 0, count: 7000)
        let (trimmed, range) = SilenceTrimmer(topDB: 60, geometry: FrameGeometry(frameLength: 2048, hopLength: 512))(y)
        #expect(range == 9216..<33280)
        #expect(trimmed.count == 33280 - 9216)
    }

    @Test("trim keeps an all-zero signal whole, as librosa does")
    func trimSilence() {
        let y = [Float](repeating: 0, count: 5000)
        #expect(
            SilenceTrimmer(topDB: 60, geometry: FrameGeometry(frameLength: 2048, hopLength: 512)).keptRange(y)
                == 0..<5000)
        #expect(
            SilenceTrimmer(topDB: 60, geometry: FrameGeometry(frameLength: 2048, hopLength: 512)).keptRange([]) == 0..<0
        )
    }

    @Test("fix_length pads zeros at the end or cuts the end")
    func fixLength() {
        #expect(FixedLength.apply([1, 2, 3], length: 5) == [1, 2, 3, 0, 0])
        #expect(FixedLength.apply([1, 2, 3], length: 2) == [1, 2])
        #expect(FixedLength.length(seconds: 3, sampleRate: 22050) == 66150)
    }
}
