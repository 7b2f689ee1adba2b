import Testing

@testable import SERDSP

@Suite("Spectral contrast (librosa.feature.spectral_contrast defaults)")
struct SpectralContrastTests {
    /// The tables of reference-spec.md §11: ranked bins (inclusive) and q per band.
    @Test(
        "octave bands and q at 22050 and 16000 Hz match librosa's bin inclusion rules",
        arguments: [
            (
                22050.0,
                [(0, 17, 1), (18, 36, 1), (37, 73, 1), (74, 147, 2), (148, 296, 3), (297, 593, 6), (594, 1024, 9)]
            ),
            (
                16000.0,
                [(0, 24, 1), (25, 50, 1), (51, 101, 1), (102, 203, 2), (204, 408, 4), (409, 818, 8), (819, 1024, 4)]
            ),
        ])
    func bands(rate: Double, expected: [(Int, Int, Int)]) throws {
        let contrast = try SpectralContrast(sampleRate: rate, nFFT: 2048, bandCount: 6, minimumHz: 200)
        #expect(contrast.bands.count == 7)
        for (band, (first, last, q)) in zip(contrast.bands, expected) {
            #expect(band.bins == first..<(last + 1))
            #expect(band.extremeCount == q)
        }
    }

    @Test("an 8 kHz clip with the default bands is a DSPError naming the Nyquist problem, not a trap")
    func nyquist() throws {
        let error = #expect(throws: DSPError.self) {
            try FrameFeatureExtractor(sampleRate: 8000)
        }
        #expect(error?.code == .invalidParameter)
        #expect(error?.reason.contains("6400") == true)
        #expect(error?.reason.contains("Nyquist") == true)
        #expect(throws: DSPError.self) {
            try SpectralContrast(sampleRate: 8000, nFFT: 2048, bandCount: 6, minimumHz: 200)
        }
        // Five bands stop at 3200 Hz, below 4000 Hz: accepted, as librosa accepts it.
        var fiveBands = FeatureParameters()
        fiveBands.nBands = 5
        let extractor = try FrameFeatureExtractor(parameters: fiveBands, sampleRate: 8000)
        #expect(extractor.extract([Float](repeating: 0.1, count: 4000))[.contrast]?.rowCount == 6)
    }

    @Test("parameters librosa rejects, or that leave a band with nothing to rank, are refused")
    func invalid() {
        #expect(throws: DSPError.self) {
            try SpectralContrast(sampleRate: 22050, nFFT: 2048, bandCount: 0, minimumHz: 200)
        }
        #expect(throws: DSPError.self) {
            try SpectralContrast(sampleRate: 22050, nFFT: 2048, bandCount: 6, minimumHz: 0)
        }
        #expect(throws: DSPError.self) {
            try SpectralContrast(sampleRate: 22050, nFFT: 2048, bandCount: 6, minimumHz: -.infinity)
        }
        // fmin below one bin spacing (10.8 Hz): band 0 has bin 0 alone, and librosa averages nothing.
        #expect(throws: DSPError.self) {
            try SpectralContrast(sampleRate: 22050, nFFT: 2048, bandCount: 6, minimumHz: 5)
        }
    }

    @Test(
        "selection gives the means of the sorted extremes bit for bit",
        arguments: [(1, 18), (2, 74), (3, 149), (6, 297), (9, 431), (5, 5), (4, 7), (9, 40), (12, 1000)])
    func extremeMeans(q: Int, count: Int) {
        var generator = SplitMix(seed: UInt64(q * 1000 + count))
        // Many duplicates (quantised values) and a falling trend, like a spectrum's roll-off.
        let values = (0..<count).map { Float(generator.next() % 64) * 0.01 + Float(count - $0) * 0.001 }
        let sorted = values.sorted()
        var scratch = [Float](repeating: 0, count: 4 * count)
        let means = values.withUnsafeBufferPointer { v in
            scratch.withUnsafeMutableBufferPointer {
                SpectralContrast.extremeMeans(v.baseAddress!, count: count, extremes: q, scratch: $0.baseAddress!)
            }
        }
        #expect(means.low == sorted.prefix(q).reduce(0, +) / Float(q))
        #expect(means.high == sorted.suffix(q).reduce(0, +) / Float(q))
    }

    @Test("silence gives contrast 0 everywhere, like librosa", arguments: [0, 1, 4000])
    func silence(length: Int) throws {
        let features = try FrameFeatureExtractor(sampleRate: 22050).extract([Float](repeating: 0, count: length))
        let contrast = try #require(features[.contrast])
        #expect(contrast.rowCount == 7)
        #expect(contrast.values.allSatisfy { $0 == 0 })
    }

    @Test("top_db clips peaks and valleys 80 dB below their own maxima over the whole clip")
    func globalTopDB() throws {
        // Frame 0 is flat at 1e4 (40 dB); frame 1 alternates 1e-3 (-30 dB) and 1e-8 (-80 dB). Its
        // valleys clip at 40 - 80 = -40 dB, so its contrast is 10 dB, not the per-frame 50 dB.
        let bins = 1025
        let loud = [Float](repeating: 1e4, count: bins)
        let quiet = (0..<bins).map { $0 % 2 == 0 ? Float(1e-3) : Float(1e-8) }
        let magnitude = Spectrogram(binCount: bins, frameCount: 2, values: loud + quiet)
        let contrast = try SpectralContrast(sampleRate: 22050, nFFT: 2048, bandCount: 6, minimumHz: 200)(magnitude)
        for band in 0..<7 {
            #expect(contrast[band, 0] == 0)
            #expect(abs(contrast[band, 1] - 10) < 1e-5, "band \(band): \(contrast[band, 1])")
        }
    }
}

/// A small deterministic generator for test data.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
