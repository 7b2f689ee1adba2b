import Glibc
import Testing

@testable import SERDSP

/// Expected values were computed with librosa 0.11.0 / numpy 2.4.6 (`filters.chroma`,
/// `pitch_tuning`, `estimate_tuning`) on the inputs written out here.
@Suite("Chroma (librosa.feature.chroma_stft defaults, with the tuning estimate)")
struct ChromaTests {
    @Test("filter weights match librosa.filters.chroma exactly")
    func filterWeights() throws {
        let cases: [(Double, Double, Int, Int, Double)] = [
            (22050, -0.25, 0, 0, 0.00014402416127268225), (22050, -0.25, 0, 1, 0.001570005901157856),
            (22050, -0.25, 9, 41, 0.8060871958732605), (22050, -0.25, 3, 100, 3.9239253965206444e-05),
            (22050, -0.25, 11, 1024, 1.4285678520419625e-32), (22050, -0.25, 5, 512, 0.4033784866333008),
            (22050, -0.25, 2, 17, 2.3314687752293024e-15), (16000, 0.27, 0, 0, 4.479603376239538e-05),
            (16000, 0.27, 9, 56, 0.7534518837928772), (16000, 0.27, 7, 300, 2.720822430785761e-25),
            (16000, 0.27, 11, 1024, 0.2809528410434723),
        ]
        for (rate, tuning, chroma, bin, value) in cases {
            let bank = try ChromaFilterbank(sampleRate: rate, nFFT: 2048, chromaCount: 12, tuning: tuning)
            #expect(bank.binCount == 1025)
            #expect(Double(bank.weight(chroma: chroma, bin: bin)) == value, "\(rate) Hz, C[\(chroma), \(bin)]")
        }
    }

    @Test("histogram edges are np.linspace(-0.5, 0.5, 101) bit for bit")
    func histogramEdges() {
        let edges = PitchTuning.edges
        #expect(edges.count == 101)
        #expect(edges[0] == -0.5 && edges[100] == 0.5)
        #expect(edges[25] == -0.25 && edges[77] == 0.27 && edges[99] == 0.49)
        #expect(edges[27] == -0.22999999999999998)
    }

    @Test(
        "pitch_tuning: float32 residuals, left edge of the first fullest bin",
        arguments: [
            // 13 cents sharp lands in the 0.12 bin: the float32 residual is just below 0.13.
            (
                [
                    443.3164367675781, 886.6328735351562, 221.65821838378906, 615.1067504882812, 1739.78466796875,
                    378.64263916015625,
                ], 0.12
            ),
            // Residuals at -0.495 and +0.496 fold to the edges; four at +0.004 win.
            (
                [
                    427.5975341796875, 855.195068359375, 226.39418029785156, 622.3977661132812, 1760.40673828125,
                    370.0799255371094, 740.1598510742188,
                ], 0.0
            ),
            ([446.91595458984375, 893.8319091796875, 219.6190948486328], 0.27),
        ] as [([Float], Double)])
    func pitchTuning(frequencies: [Float], expected: Double) {
        #expect(PitchTuning.estimate(frequencies, binsPerOctave: 12) == expected)
    }

    @Test("pitch_tuning of no frequencies is 0")
    func pitchTuningEmpty() {
        #expect(PitchTuning.estimate([Float](), binsPerOctave: 12) == 0)
    }

    /// Integer-valued spectrograms `P[k, t] = (a k² + b t) mod m` are exact in float32 on both sides
    /// and full of plateaus, so they exercise the localmax tie rule, the threshold, the numba
    /// parabola and the median.
    @Test(
        "estimate_tuning on integer spectrograms with plateaus matches librosa",
        arguments: [
            (6, 3, 7, 97, 22050.0, -0.21999999999999997), (9, 5, 11, 61, 16000, -0.43), (4, 1, 3, 17, 22050, -0.31),
        ]
    )
    func estimateTuning(frames: Int, a: Int, b: Int, modulus: Int, rate: Double, expected: Double) {
        let bins = 1025
        var values = [Float](repeating: 0, count: bins * frames)
        for t in 0..<frames {
            for k in 0..<bins { values[t * bins + k] = Float((k * k * a + t * b) % modulus) }
        }
        let power = Spectrogram(binCount: bins, frameCount: frames, values: values)
        let estimator = TuningEstimator(sampleRate: rate, nFFT: 2048, binsPerOctave: 12)
        var scratch = TuningEstimator.Scratch()
        #expect(estimator(power, scratch: &scratch) == expected)
    }

    /// Triples where librosa's numba stencil (float64 `a`, `b`) and all-float32 arithmetic disagree;
    /// the expected values are `librosa.core.pitch._parabolic_interpolation`'s.
    @Test(
        "the parabola shift rounds like librosa's numba stencil",
        arguments: [
            (Float(12.086265563964844), Float(543.614013671875), Float(31.653770446777344), 0.009376008994877338),
            (0.01661362312734127, 0.002705490915104747, 262.36944580078125, -0.49994704127311707),
            (850.9605102539062, 0.12193387001752853, 968.6389770507812, -0.032340697944164276),
            (0.9582122564315796, 0.12670405209064484, 296.7494201660156, -0.4972045421600342),
            (1, 2, 4, 0), (3, 3, 3, 0),
        ] as [(Float, Float, Float, Double)])
    func parabolicShift(below: Float, center: Float, above: Float, expected: Double) {
        #expect(Double(TuningEstimator.parabolicShift(below: below, center: center, above: above)) == expected)
    }

    @Test("piptrack's frequency mask is 150 Hz <= f < 4000 Hz")
    func candidateBins() {
        #expect(TuningEstimator(sampleRate: 22050, nFFT: 2048, binsPerOctave: 12).candidates == 14..<372)
        #expect(TuningEstimator(sampleRate: 16000, nFFT: 2048, binsPerOctave: 12).candidates == 20..<512)
        // Below 8 kHz the mask stops at sr / 2.
        #expect(TuningEstimator(sampleRate: 6000, nFFT: 2048, binsPerOctave: 12).candidates == 52..<1024)
    }

    @Test("numpy's median: middle value, or the float32 mean of the two middle values")
    func median() {
        var odd: [Float] = [5, 1, 4, 2, 3]
        #expect(odd.withUnsafeMutableBufferPointer { Numpy.median($0) } == 3)
        var even: [Float] = [0.1, 0.7, 0.3, 0.2]
        #expect(even.withUnsafeMutableBufferPointer { Numpy.median($0) } == (Float(0.2) + Float(0.3)) / 2)
        var many = (0..<1001).map { Float(($0 * 7919) % 1001) }
        #expect(many.withUnsafeMutableBufferPointer { Numpy.median($0) } == 500)
        var withNaN: [Float] = [1, .nan, 2]
        #expect(withNaN.withUnsafeMutableBufferPointer { Numpy.median($0) }.isNaN)
    }

    @Test("selection puts the nth value where a sort would, with duplicates", arguments: [0, 1, 17, 250, 499])
    func selection(nth: Int) {
        var values = (0..<500).map { Float(($0 * 37) % 97) }
        let sorted = values.sorted()
        values.withUnsafeMutableBufferPointer { Numpy.select($0, nth: nth) }
        #expect(values[nth] == sorted[nth])
        #expect(values[..<nth].allSatisfy { $0 <= sorted[nth] })
        #expect(values[(nth + 1)...].allSatisfy { $0 >= sorted[nth] })
    }

    @Test("silence gives tuning 0 and all-zero chroma, like librosa", arguments: [0, 1, 4000])
    func silence(length: Int) throws {
        let features = try FrameFeatureExtractor(sampleRate: 22050).extract([Float](repeating: 0, count: length))
        #expect(features.chromaTuning == 0)
        let chroma = try #require(features[.chroma])
        #expect(chroma.rowCount == 12)
        #expect(chroma.values.allSatisfy { $0 == 0 })
    }

    /// librosa's tuning for each tone is given too (piptrack's parabola on power is biased a little).
    @Test(
        "a pure tone's chroma peaks at its pitch class (0 = C) with value 1",
        arguments: [
            (261.6256, 0, -0.08999999999999997), (440.0, 9, 0.020000000000000018),
            (493.8833, 11, 0.020000000000000018), (155.5635, 3, -0.08999999999999997),
            (1174.659, 2, -0.010000000000000009),
        ])
    func pureTone(frequency: Double, pitchClass: Int, tuning: Double) throws {
        let y = (0..<22050).map { Float(0.5 * sin(2 * Double.pi * frequency * Double($0) / 22050)) }
        let features = try FrameFeatureExtractor(sampleRate: 22050).extract(y)
        let chroma = try #require(features[.chroma])
        #expect(features.chromaTuning == tuning)
        for t in 4..<(chroma.frameCount - 4) {
            let column = (0..<12).map { chroma[$0, t] }
            #expect(column.indices.max { column[$0] < column[$1] } == pitchClass, "frame \(t)")
            #expect(column[pitchClass] == 1)
        }
    }

    @Test("filter banks are cached per tuning and reused across clips")
    func reuse() throws {
        let chroma = try Chroma(sampleRate: 22050, nFFT: 2048, chromaCount: 12)
        let stft = try STFT(nFFT: 2048, hopLength: 512)
        var scratch = Chroma.Scratch()
        for frequency in [440.0, 300.0, 440.0] {
            let y = (0..<8000).map { Float(sin(2 * Double.pi * frequency * Double($0) / 22050)) }
            let power = stft.power(y)
            let shared = chroma(power, scratch: &scratch)
            let fresh = chroma(power)
            #expect(shared.tuning == fresh.tuning)
            #expect(shared.chroma == fresh.chroma)
        }
        #expect((1...2).contains(scratch.filterbanks.count))
    }

    @Test("n_chroma must be positive")
    func invalid() {
        #expect(throws: DSPError.self) { try Chroma(sampleRate: 22050, nFFT: 2048, chromaCount: 0) }
        #expect(throws: DSPError.self) { try ChromaFilterbank(sampleRate: 22050, nFFT: 2047, chromaCount: 12) }
    }
}
