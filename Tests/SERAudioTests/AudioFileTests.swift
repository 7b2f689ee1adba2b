import Foundation
import SERAudio
import Testing

@Suite("Decoding through libsndfile")
struct AudioFileTests {
    @Test("16-bit WAV decodes to s/32768 exactly", arguments: [AudioFileFormat.wav16, .flac16])
    func sixteenBit(format: AudioFileFormat) throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("tone.\(format == .wav16 ? "wav" : "flac")")
        let quantized: [Float] = [0, 1, -1, 32767, -32768, 12345, -2].map { Float($0) / 32768 }
        try AudioFile.write(quantized, sampleRate: 16000, format: format, to: path)
        let audio = try AudioFile.read(path: path)
        #expect(audio.samples == quantized)
        #expect(audio.sampleRate == 16000)
        #expect(audio.channelCount == 1)
        #expect(audio.encoding == .integer(bits: 16))
    }

    @Test("24-bit WAV and FLAC keep 24-bit precision", arguments: [AudioFileFormat.wav24, .flac24])
    func twentyFourBit(format: AudioFileFormat) throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("tone24.\(format == .wav24 ? "wav" : "flac")")
        let quantized: [Float] = [0, 1, -1, 8_388_607, -8_388_608, 1_234_567].map { Float($0) / 8_388_608 }
        try AudioFile.write(quantized, sampleRate: 48000, format: format, to: path)
        let audio = try AudioFile.read(path: path)
        #expect(audio.samples == quantized)
        #expect(audio.encoding == .integer(bits: 24))
        #expect(audio.sampleRate == 48000)
    }

    @Test("float WAV round-trips bit for bit")
    func floatWAV() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("float.wav")
        let tone = testTone(count: 1000, sampleRate: 22050)
        try AudioFile.write(tone, sampleRate: 22050, format: .wavFloat, to: path)
        let audio = try AudioFile.read(path: path)
        #expect(audio.samples == tone)
        #expect(audio.encoding == .floatingPoint)
        #expect(audio.formatName.contains("WAV"))
    }

    @Test("stereo decodes interleaved and mixes to the channel mean")
    func stereo() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("stereo.wav")
        let left: [Float] = [0.5, -0.25, 0.125, 0]
        let right: [Float] = [0.25, 0.25, -0.125, 0.5]
        let interleaved = zip(left, right).flatMap { [$0, $1] }
        try AudioFile.write(interleaved, channelCount: 2, sampleRate: 44100, format: .wav16, to: path)
        let audio = try AudioFile.read(path: path)
        #expect(audio.channelCount == 2)
        #expect(audio.frameCount == 4)
        #expect(audio.monoMix() == [0.375, 0, 0, 0.25])
    }

    @Test("NaN samples are an error naming the file")
    func nanSamples() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("nan.wav")
        try AudioFile.write([0.1, .nan, 0.2], sampleRate: 8000, format: .wavFloat, to: path)
        #expect(throws: AudioError.self) { try AudioFile.read(path: path) }
        do {
            _ = try AudioFile.read(path: path)
        } catch {
            #expect(error.code == .invalidSamples)
            #expect(error.description.hasPrefix(path + ": "))
        }
    }
}
