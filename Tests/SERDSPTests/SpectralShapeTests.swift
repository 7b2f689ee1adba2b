import Testing

@testable import SERDSP

/// Spectral centroid, bandwidth, roll-off and flatness against librosa 0.11.0 (`Fixtures/*_voice.json`).
@Suite("Spectral shape (librosa.feature.spectral_centroid, _bandwidth, _rolloff, _flatness)")
struct SpectralShapeTests {
    /// Measured: centroid within 1.2e-7 and bandwidth within 5.3e-8 of each clip's largest value (4.6e-4 Hz and
    /// 1.9e-4 Hz at most: librosa's float32 L1 normalisation, summed in another order), roll-off on the same
    /// bin in every frame (the JSON's 10 digits), flatness within 6.5e-7 (librosa's float32 `logf` per bin and
    /// float32 sum, against serreport's float64 sum of logs).
    @Test("the four descriptors match librosa on the golden clips", arguments: VoiceFixture.all)
    func parity(fixture: (name: String, audio: String, ext: String)) throws {
        let reference = try VoiceFixture.load(fixture.name)
        let clip = try VoiceFixture.samples(fixture.audio, fixture.ext)
        let magnitude = try STFT(nFFT: 2048, hopLength: 512).magnitude(clip.samples)
        let shape = SpectralShape(sampleRate: Double(clip.sampleRate), nFFT: 2048)
        let centroid = shape.centroid(magnitude)
        let ours: [(String, [Double], [Double], Double)] = [
            ("centroid", centroid, reference.spectral.centroid, 2e-7),
            ("bandwidth", shape.bandwidth(magnitude, centroid: centroid), reference.spectral.bandwidth, 2e-7),
            ("rolloff", shape.rolloff(magnitude), reference.spectral.rolloff, 1e-9),
            ("flatness", shape.flatness(magnitude), reference.spectral.flatness, 1e-6),
        ]
        for (name, mine, theirs, tolerance) in ours {
            try #require(mine.count == theirs.count, "\(fixture.name) \(name)")
            let scale = theirs.map(abs).max() ?? 0
            #expect(scale > 0)
            let error = maxAbsDifference(mine, theirs)
            #expect(error <= tolerance * scale, "\(fixture.name) \(name): max abs error \(error), scale \(scale)")
        }
    }

    @Test("silence: centroid, bandwidth and roll-off 0, flatness 1; a pure bin: its frequency, no spread")
    func limits() throws {
        let shape = SpectralShape(sampleRate: 22050, nFFT: 2048)
        let silent = Spectrogram(binCount: 1025, frameCount: 2, values: [Float](repeating: 0, count: 2050))
        #expect(shape.centroid(silent) == [0, 0])
        #expect(shape.bandwidth(silent, centroid: [0, 0]) == [0, 0])
        #expect(shape.rolloff(silent) == [0, 0])
        #expect(shape.flatness(silent).allSatisfy { abs($0 - 1) < 1e-6 })
        var values = [Float](repeating: 0, count: 1025)
        values[100] = 2
        let line = Spectrogram(binCount: 1025, frameCount: 1, values: values)
        let frequency = 100 * 22050 / 2048.0
        #expect(abs(shape.centroid(line)[0] - frequency) < 1e-9)
        #expect(shape.bandwidth(line, centroid: shape.centroid(line))[0] < 1e-9)
        #expect(shape.rolloff(line) == [frequency])
        #expect(shape.flatness(line)[0] < 1e-3)
    }
}
