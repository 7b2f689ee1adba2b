import Foundation
import SERDSP
import Testing

/// `extended.json` (made by `make_extended_fixtures.py`): numpy and scipy statistics of seeded rows, and
/// librosa's delta of a seeded matrix.
private struct ExtendedFixture: Decodable {
    struct Statistics: Decodable {
        let values: [Double]
        let mean, std, p20, p50, p80, slope, skewness, kurtosis: Double
    }
    struct Delta: Decodable {
        let input: [[Double]]
        let delta: [[Double]]
    }
    let statistics: [String: Statistics]
    let delta: Delta

    static func load() throws -> ExtendedFixture {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/extended", withExtension: "json"))
        return try JSONDecoder().decode(ExtendedFixture.self, from: Data(contentsOf: url))
    }
}

@Suite("The extended set: statistics, delta MFCCs, spectral balance, voicing segments")
struct ExtendedFeatureTests {
    @Test("each statistic matches numpy / scipy on seeded rows (normal, skewed, with ties, three values)")
    func statistics() throws {
        let fixture = try ExtendedFixture.load()
        var rows = RowStatistics()
        for (name, expected) in fixture.statistics.sorted(by: { $0.key < $1.key }) {
            // Slope per frame: one frame per second.
            let values = rows.values(
                of: expected.values[...], functionals: Functional.allCases, secondsPerFrame: 1, pairwise: true)
            let targets = [
                expected.mean, expected.std, expected.p20, expected.p50, expected.p80, expected.p80 - expected.p20,
                expected.slope, expected.skewness, expected.kurtosis,
            ]
            for (functional, (value, target)) in zip(Functional.allCases, zip(values, targets)) {
                #expect(
                    abs(value - target) <= 1e-12 * max(1, abs(target)), "\(name) \(functional): \(value) vs \(target)")
            }
        }
    }

    @Test("the slope is per second, a constant row has skewness and kurtosis 0 (scipy: NaN), no frames give zeros")
    func edges() {
        var rows = RowStatistics()
        let ramp = rows.values(of: [0, 1, 2, 3][...], functionals: [.slope], secondsPerFrame: 0.5, pairwise: true)
        #expect(ramp == [2])
        let constant = rows.values(
            of: [Double](repeating: 3.25, count: 7)[...], functionals: [.std, .skewness, .kurtosis],
            secondsPerFrame: 1, pairwise: true)
        #expect(constant == [0, 0, 0])
        #expect(
            rows.values(of: [][...], functionals: Functional.allCases, secondsPerFrame: 1, pairwise: true)
                == [Double](repeating: 0, count: Functional.allCases.count))
    }

    @Test("delta MFCCs match librosa.feature.delta (width 9, interp edges)")
    func delta() throws {
        let fixture = try ExtendedFixture.load()
        let input = fixture.delta.input
        let matrix = FeatureMatrix(
            rowCount: input.count, frameCount: input[0].count, values: input.flatMap { $0 })
        let ours = DeltaFeatures.delta(matrix).rows
        var worst = 0.0
        for (a, b) in zip(ours.joined(), fixture.delta.delta.joined()) { worst = max(worst, abs(a - b)) }
        #expect(worst < 1e-12, "max abs error \(worst)")
    }

    @Test("delta of a row shorter than 9 frames is the slope over all of it (librosa refuses such rows)")
    func shortDelta() {
        let matrix = FeatureMatrix(row: [1, 3, 5, 7])
        #expect(DeltaFeatures.delta(matrix).rows == [[2, 2, 2, 2]])
        #expect(DeltaFeatures.delta(FeatureMatrix(row: [4])).rows == [[0]])
    }

    @Test("spectral balance of a flat spectrum: slopes 0, alpha ratio the bin-count ratio, Hammarberg 0 dB")
    func flatBalance() {
        let nFFT = 2048
        let sampleRate = 22050.0
        let bins = nFFT / 2 + 1
        let magnitude = Spectrogram(binCount: bins, frameCount: 2, values: [Float](repeating: 0.5, count: 2 * bins))
        let rows = SpectralBalance(sampleRate: sampleRate, nFFT: nFFT)(magnitude)
        let spacing = sampleRate / Double(nFFT)
        let below1k = (0..<bins).filter { Double($0) * spacing < 1000 }.count
        let upTo5k = (0..<bins).filter { Double($0) * spacing <= 5000 }.count
        let alpha = 10 * log10(Double(upTo5k - below1k) / Double(below1k))
        for t in 0..<2 {
            #expect(abs(rows[0][t] - alpha) < 1e-9)
            #expect(abs(rows[1][t]) < 1e-12)
            #expect(abs(rows[2][t]) < 1e-12 && abs(rows[3][t]) < 1e-12)
        }
    }

    @Test("spectral balance of a spectrum falling 6 dB per kHz: that slope in both bands; silence gives zeros")
    func fallingBalance() {
        let nFFT = 1024
        let sampleRate = 16000.0
        let bins = nFFT / 2 + 1
        let spacing = sampleRate / Double(nFFT)
        // |S| = 10^(-6 f / 20000): power falls 6 dB per 1000 Hz.
        let frame = (0..<bins).map { Float(pow(10, -6 * Double($0) * spacing / 20000)) }
        let magnitude = Spectrogram(
            binCount: bins, frameCount: 2, values: frame + [Float](repeating: 0, count: bins))
        let rows = SpectralBalance(sampleRate: sampleRate, nFFT: nFFT)(magnitude)
        #expect(abs(rows[2][0] - -0.006) < 1e-6, "\(rows[2][0])")
        #expect(abs(rows[3][0] - -0.006) < 1e-6, "\(rows[3][0])")
        // The strongest bin below 2 kHz is bin 0 (0 dB); the strongest in 2–5 kHz is the first at or above 2 kHz.
        let first2k = (0..<bins).first { Double($0) * spacing >= 2000 }!
        #expect(abs(rows[1][0] - 6 * Double(first2k) * spacing / 1000) < 1e-3)
        #expect(rows.allSatisfy { $0[1] == 0 }, "a silent frame has no balance")
    }

    @Test("voicing segments: runs counted per second, their lengths' mean and std; all unvoiced gives zeros")
    func segments() {
        let voiced = [false, true, true, false, false, false, true, true, true, true]
        let values = VoicingSegments.values(voiced: voiced, secondsPerFrame: 0.1)
        // Two voiced runs (0.2 s, 0.4 s) and two unvoiced (0.1 s, 0.3 s) in 1 s.
        let expected = [2, 0.3, 0.1, 0.2, 0.1]
        for (value, target) in zip(values, expected) { #expect(abs(value - target) < 1e-12, "\(values)") }
        #expect(VoicingSegments.values(voiced: [false, false], secondsPerFrame: 0.1) == [0, 0, 0, 0.2, 0])
    }

    @Test("the extended summary's names follow its setting: groups × statistics, voicing segments with pitch")
    func names() {
        var parameters = FeatureParameters()
        parameters.groups = [.rms, .pitch]
        parameters.functionals = [.p50, .mean]
        #expect(
            Functionals.names(parameters) == [
                "rms_mean_0", "rms_p50_0", "f0_mean_0", "f0_p50_0", "voicing_mean_0", "voicing_p50_0",
            ] + VoicingSegments.names)
        parameters.featureSet = .seed
        #expect(Functionals.names(parameters).count == 82)
        #expect(FeatureNames.groups(FeatureParameters()).map(\.values).reduce(0, +) == 680)
    }
}

@Suite("Summary columns by feature group")
struct ColumnGroupTests {
    @Test("every default column has its group, mfcc_delta is not mfcc, voicing segments are pitch")
    func groups() {
        let names = FeatureNames.summary(FeatureParameters())
        let groups = names.map(FeatureNames.group(ofColumn:))
        #expect(groups.allSatisfy { $0 != nil })
        #expect(Set(groups.compactMap { $0 }) == Set(FeatureGroup.defaults))
        var withFormants = FeatureParameters()
        withFormants.groups.append(.formants)
        let formantNames = FeatureNames.summary(withFormants).filter { FeatureNames.group(ofColumn: $0) == .formants }
        #expect(formantNames.contains("formant_frequency_mean_0") && formantNames.contains("formant_bandwidth_p50_2"))
        #expect(formantNames.count == 2 * 3 * Functional.allCases.count, "\(formantNames.count)")
        #expect(FeatureNames.group(ofColumn: "mfcc_delta_p50_3") == .mfccDelta)
        #expect(FeatureNames.group(ofColumn: "mfcc_mean_3") == .mfcc)
        #expect(FeatureNames.group(ofColumn: "hnr_std_0") == .voiceQuality)
        #expect(FeatureNames.group(ofColumn: VoicingSegments.names[0]) == .pitch)
        #expect(FeatureNames.group(ofColumn: "loudness_mean_0") == .loudness)
        #expect(FeatureNames.group(ofColumn: "jitter_mean_0") == .voiceQuality)
        #expect(FeatureNames.group(ofColumn: "formant_mean_0") == nil)
        var seed = FeatureParameters()
        seed.featureSet = .seed
        #expect(
            Set(FeatureNames.summary(seed).compactMap(FeatureNames.group(ofColumn:)))
                == [.rms, .zcr, .mfcc, .chroma, .contrast])
    }
}
