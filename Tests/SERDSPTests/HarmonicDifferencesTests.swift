import Foundation
import Testing

@testable import SERDSP

/// H1–H2 and H1–A3 (openSMILE `cHarmonics`, eGeMAPS `logRelF0-H1-H2`, `logRelF0-H1-A3`) on harmonic
/// signals whose harmonic amplitudes are known.
@Suite("Harmonic differences H1–H2, H1–A3 (openSMILE cHarmonics)")
struct HarmonicDifferencesTests {
    static let rate = 22050.0
    static let geometry = FrameGeometry(frameLength: 2048, hopLength: 512)
    /// Ten bins of the 2048-point transform of the 60 ms frame: every harmonic on a bin centre.
    static let f0 = 10 * rate / 2048

    /// One second of harmonics 1…40 of ``f0`` with amplitude `amplitude(h)`.
    static func voice(_ amplitude: (Int) -> Double) -> [Float] {
        (0..<Int(rate)).map { i in
            let t = Double(i) / rate
            return Float(0.02 * (1...40).reduce(0.0) { $0 + amplitude($1) * sin(2 * Double.pi * Double($1) * f0 * t) })
        }
    }

    @Test(
        "H2 at half H1's amplitude: 6.02 dB; the strongest harmonic near F3 at a tenth: 20 dB (± 0.15 dB: the Gaussian window's leakage between harmonics)"
    )
    func knownAmplitudes() throws {
        // Harmonic 24 (2584 Hz) stands out within ±20 % of F3 = 2600 Hz.
        let samples = Self.voice { h in h == 2 ? 0.5 : h == 24 ? 0.1 : 1 / Double(h) }
        let analysis = try HarmonicDifferences(sampleRate: Self.rate, geometry: Self.geometry)
        let frames = Self.geometry.frameCount(sampleCount: samples.count)
        let (h1h2, h1a3) = analysis(
            samples, f0: [Double](repeating: Self.f0, count: frames), f3: [Double](repeating: 2600, count: frames))
        for t in 4..<(frames - 4) {
            #expect(abs(h1h2[t] - 20 * log10(2.0)) < 0.15, "frame \(t): H1–H2 \(h1h2[t])")
            #expect(abs(h1a3[t] - 20) < 0.15, "frame \(t): H1–A3 \(h1a3[t])")
        }
    }

    @Test("unvoiced frames have neither; without an F3 only H1–H2 is measured")
    func missingInputs() throws {
        let samples = Self.voice { 1 / Double($0) }
        let analysis = try HarmonicDifferences(sampleRate: Self.rate, geometry: Self.geometry)
        let frames = Self.geometry.frameCount(sampleCount: samples.count)
        let f0 = (0..<frames).map { $0 % 3 == 0 ? Double.nan : Self.f0 }
        let (h1h2, h1a3) = analysis(samples, f0: f0, f3: [Double](repeating: .nan, count: frames))
        for t in 4..<(frames - 4) {
            if f0[t].isNaN {
                #expect(h1h2[t].isNaN && h1a3[t].isNaN)
            } else {
                #expect(abs(h1h2[t] - 20 * log10(2.0)) < 0.15, "frame \(t): \(h1h2[t])")
                #expect(h1a3[t].isNaN)
            }
        }
    }

    @Test("a parabola through three points peaks at its vertex (smileMath_quadFrom3pts)")
    func parabola() {
        // y = -2 (x - 3)² + 5
        let f = { (x: Double) in -2 * (x - 3) * (x - 3) + 5 }
        let (x, y) = HarmonicDifferences.parabola((1, f(1)), (2.5, f(2.5)), (4, f(4)))
        #expect(abs(x - 3) < 1e-12 && abs(y - 5) < 1e-12)
    }

    @Test("features.groups with harmonic_differences gives h1_h2 and h1_a3 columns (and computes F3 itself)")
    func throughTheExtractor() throws {
        var parameters = FeatureParameters()
        parameters.groups = [.rms, .pitch, .harmonicDifferences]
        let computer = try FeatureComputer(parameters, sampleRate: Int(Self.rate))
        let summary = computer(Self.voice { h in h == 2 ? 0.5 : 1 / Double(h) }).summary
        let names = FeatureNames.summary(parameters)
        #expect(names.count == summary.count)
        let median = try #require(names.firstIndex(of: "h1_h2_p50_0"))
        #expect(abs(summary[median] - 6.02) < 0.5, "H1–H2 median \(summary[median])")
        #expect(names.contains("h1_a3_mean_0"))
        #expect(!names.contains { $0.hasPrefix("formant_") }, "F3 is computed, not summarised")
    }
}
