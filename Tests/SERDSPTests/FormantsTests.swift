import Foundation
import Testing

@testable import SERDSP

/// LPC formants (openSMILE `cFormantLpc` over `cLpc` `acf`, eGeMAPS' F1–F3 frequency and bandwidth) on
/// synthetic vowels whose resonances are known: a pulse train through an all-pole filter.
@Suite("Formants (openSMILE cFormantLpc, LPC order 11 at 11 kHz)")
struct FormantsTests {
    static let rate = 22050.0
    static let geometry = FrameGeometry(frameLength: 2048, hopLength: 512)

    /// One second of a 120 Hz pulse train through two-pole resonators at `formants` (Hz, bandwidth Hz),
    /// in series: the all-pole model LPC assumes.
    static func vowel(_ formants: [(frequency: Double, bandwidth: Double)], seconds: Double = 1) -> [Float] {
        let count = Int(seconds * rate)
        var signal = (0..<count).map { $0 % Int(rate / 120) == 0 ? 1.0 : 0.0 }
        for formant in formants {
            let radius = exp(-Double.pi * formant.bandwidth / rate)
            let a1 = -2 * radius * cos(2 * Double.pi * formant.frequency / rate)
            let a2 = radius * radius
            var y1 = 0.0
            var y2 = 0.0
            for i in signal.indices {
                let y = signal[i] - a1 * y1 - a2 * y2
                y2 = y1
                y1 = y
                signal[i] = y
            }
        }
        let peak = signal.map(abs).max() ?? 1
        return signal.map { Float(0.5 * $0 / peak) }
    }

    @Test(
        "an /a/-like vowel (700, 1220, 2600 Hz): each resonance is found within 3 %, its bandwidth within 2.5×; F1–F3 are the lowest three found"
    )
    func knownVowel() throws {
        let truth: [(frequency: Double, bandwidth: Double)] = [(700, 80), (1220, 90), (2600, 120)]
        let samples = Self.vowel(truth)
        let tracker = try Formants(sampleRate: Self.rate, geometry: Self.geometry)
        let frames = Self.geometry.frameCount(sampleCount: samples.count)
        let (frequencies, bandwidths) = tracker(samples, voiced: [Bool](repeating: true, count: frames))
        #expect(frequencies.rowCount == 3 && frequencies.frameCount == frames)
        for t in 3..<(frames - 3) {
            let found = samples.withUnsafeBufferPointer { tracker.formants($0, frame: t) }
            for formant in truth {
                // openSMILE keeps every root in 50–5450 Hz, the broad ones that model the spectral tilt too
                // (here one near 1.1 kHz, 2.9 kHz wide): the resonance is among them.
                let match = found.min { abs($0.frequency - formant.frequency) < abs($1.frequency - formant.frequency) }
                #expect(
                    match.map { abs($0.frequency / formant.frequency - 1) < 0.03 } == true,
                    "frame \(t): \(formant.frequency) Hz not among \(found)")
                #expect(
                    match.map { $0.bandwidth > formant.bandwidth / 2.5 && $0.bandwidth < formant.bandwidth * 2.5 }
                        == true,
                    "frame \(t): bandwidth of \(formant.frequency) Hz in \(found)")
            }
            for row in 0..<3 {
                #expect(frequencies.row(row)[frequencies.row(row).startIndex + t] == found[row].frequency)
                #expect(bandwidths.row(row)[bandwidths.row(row).startIndex + t] == found[row].bandwidth)
            }
        }
    }

    @Test("features.groups with formants: the voiced frames' F1 median lands in formant_frequency_p50_0")
    func throughTheExtractor() throws {
        var parameters = FeatureParameters()
        parameters.groups = [.rms, .pitch, .formants]
        let computer = try FeatureComputer(parameters, sampleRate: Int(Self.rate))
        let summary = computer(Self.vowel([(700, 80), (1220, 90), (2600, 120)])).summary
        let names = FeatureNames.summary(parameters)
        #expect(names.count == summary.count)
        let f1 = try #require(names.firstIndex(of: "formant_frequency_p50_0"))
        let b3 = try #require(names.firstIndex(of: "formant_bandwidth_mean_2"))
        #expect(abs(summary[f1] / 700 - 1) < 0.03, "F1 median \(summary[f1])")
        #expect(summary[b3].isFinite && summary[b3] > 0)
    }

    @Test("unvoiced frames and silent frames have no formants (NaN)")
    func unvoicedAndSilent() throws {
        let samples =
            Self.vowel([(500, 80), (1500, 100), (2500, 120)], seconds: 0.5) + [Float](repeating: 0, count: 11025)
        let tracker = try Formants(sampleRate: Self.rate, geometry: Self.geometry)
        let frames = Self.geometry.frameCount(sampleCount: samples.count)
        let voiced = (0..<frames).map { $0 % 2 == 0 }
        let (frequencies, bandwidths) = tracker(samples, voiced: voiced)
        let lastSounding = 11025 / 512
        for t in 0..<frames {
            for row in 0..<3 {
                let f = frequencies.row(row)[frequencies.row(row).startIndex + t]
                let b = bandwidths.row(row)[bandwidths.row(row).startIndex + t]
                if !voiced[t] || t > lastSounding + 2 {
                    #expect(f.isNaN && b.isNaN, "frame \(t), F\(row + 1) = \(f)")
                }
            }
        }
        #expect(frequencies.row(0)[frequencies.row(0).startIndex + 4].isFinite)
    }

    @Test("Levinson–Durbin's predictor solves the Toeplitz normal equations of its autocorrelation")
    func predictorSolvesNormalEquations() throws {
        let tracker = try Formants(sampleRate: Self.rate, geometry: Self.geometry)
        let samples = Self.vowel([(600, 70), (1700, 110), (2900, 150)], seconds: 0.3)
        let found = samples.withUnsafeBufferPointer { tracker.formants($0, frame: 6) }
        #expect(found.count >= 3)
        let r = tracker.lastAutocorrelation
        let a = tracker.lastPredictor
        // Σ_j a_j r(|i − j|) = 0 for i = 1 … p, with a_0 = 1.
        for i in 1...Formants.order {
            let residual = (0...Formants.order).reduce(0.0) { $0 + a[$1] * r[abs(i - $1)] }
            #expect(abs(residual) < 1e-9 * r[0], "equation \(i): \(residual)")
        }
    }

    @Test("polynomial roots come from LAPACK's Hessenberg QR: (x − 1)(x − 2)(x² + 1)")
    func roots() {
        // x⁴ − 3x³ + 3x² − 3x + 2
        let solver = PolynomialRoots(degree: 4)
        let coefficients: [Double] = [-3, 3, -3, 2]
        #expect(coefficients.withUnsafeBufferPointer { solver.solve($0.baseAddress!) })
        let found = zip(solver.real, solver.imaginary).map { ($0, $1) }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        let expected: [(Double, Double)] = [(0, -1), (0, 1), (1, 0), (2, 0)]
        for (root, truth) in zip(found, expected) {
            #expect(abs(root.0 - truth.0) < 1e-12 && abs(root.1 - truth.1) < 1e-12, "\(root) vs \(truth)")
        }
    }

    @Test("at 8 kHz the frame is upsampled to 11 kHz, as openSMILE does, and F1–F2 are still found")
    func telephoneRate() throws {
        let rate = 8000.0
        let count = Int(rate)
        var signal = (0..<count).map { $0 % 66 == 0 ? 1.0 : 0.0 }
        for (frequency, bandwidth) in [(650.0, 80.0), (1100.0, 90.0)] {
            let radius = exp(-Double.pi * bandwidth / rate)
            let a1 = -2 * radius * cos(2 * Double.pi * frequency / rate)
            var (y1, y2) = (0.0, 0.0)
            for i in signal.indices {
                let y = signal[i] - a1 * y1 - radius * radius * y2
                (y2, y1) = (y1, y)
                signal[i] = y
            }
        }
        let peak = signal.map(abs).max() ?? 1
        let samples = signal.map { Float(0.5 * $0 / peak) }
        let geometry = FrameGeometry(frameLength: 512, hopLength: 128)
        let tracker = try Formants(sampleRate: rate, geometry: geometry)
        #expect(abs(tracker.analysisRate - 11000) < 30)
        let frames = geometry.frameCount(sampleCount: samples.count)
        let (frequencies, _) = tracker(samples, voiced: [Bool](repeating: true, count: frames))
        for (row, truth) in [(0, 650.0), (1, 1100.0)] {
            let inner = Array(frequencies.row(row))[4..<(frames - 4)].filter(\.isFinite).sorted()
            #expect(!inner.isEmpty && abs(inner[inner.count / 2] / truth - 1) < 0.05, "F\(row + 1): \(inner)")
        }
    }
}
