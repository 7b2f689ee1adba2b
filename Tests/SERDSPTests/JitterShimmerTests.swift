import Foundation
import Testing

@testable import SERDSP

/// Local jitter and shimmer (openSMILE `cPitchJitter`, eGeMAPS `jitterLocal`, `shimmerLocaldB`) on
/// synthetic voices whose period lengths and amplitudes are known.
@Suite("Jitter and shimmer (openSMILE cPitchJitter)")
struct JitterShimmerTests {
    static let rate = 22050.0
    static let geometry = FrameGeometry(frameLength: 2048, hopLength: 512)

    /// Periods of the given lengths and amplitudes, each one cycle of a harmonic-rich shape.
    static func voice(periods: [(length: Int, amplitude: Double)]) -> [Float] {
        periods.flatMap { period in
            (0..<period.length).map { i in
                let phase = 2 * Double.pi * Double(i) / Double(period.length)
                return Float(period.amplitude * (sin(phase) + 0.5 * sin(2 * phase + 1) + 0.25 * sin(3 * phase + 2)))
            }
        }
    }

    static func analyse(_ samples: [Float], f0: Double) -> (jitter: [Double], shimmer: [Double]) {
        let frames = geometry.frameCount(sampleCount: samples.count)
        return JitterShimmer(sampleRate: rate, geometry: geometry)(samples, f0: [Double](repeating: f0, count: frames))
    }

    @Test("a strictly periodic voice has no jitter and no shimmer")
    func periodic() {
        let (jitter, shimmer) = Self.analyse(
            Self.voice(periods: Array(repeating: (128, 0.5), count: 160)), f0: Self.rate / 128)
        let inner = Array(2..<(jitter.count - 4))
        #expect(inner.allSatisfy { jitter[$0] < 1e-6 }, "\(inner.map { jitter[$0] })")
        #expect(inner.allSatisfy { abs(shimmer[$0]) < 1e-6 }, "\(inner.map { shimmer[$0] })")
    }

    @Test("amplitudes alternating 1 : 0.8 over whole periods: shimmer 20·log10(1 + 0.2/0.9) dB")
    func alternatingAmplitude() {
        let periods = (0..<160).map { (128, $0.isMultiple(of: 2) ? 0.5 : 0.4) }
        let (jitter, shimmer) = Self.analyse(Self.voice(periods: periods), f0: Self.rate / 128)
        let expected = 20 * log10(1 + 0.1 / 0.45)
        let inner = Array(2..<(shimmer.count - 4))
        #expect(inner.allSatisfy { abs(shimmer[$0] - expected) < 0.01 }, "\(inner.map { shimmer[$0] }) vs \(expected)")
        // The correlation peak of unequal neighbours is a little off centre: a trace of jitter.
        #expect(inner.allSatisfy { jitter[$0] < 0.002 })
    }

    @Test(
        "periods alternating 140 and 154 samples: clear jitter (0.06: waveform matching sees part of the true |Δ|/mean, 0.095)"
    )
    func alternatingPeriod() {
        let periods = (0..<150).map { ($0.isMultiple(of: 2) ? 140 : 154, 0.5) }
        let (jitter, _) = Self.analyse(Self.voice(periods: periods), f0: Self.rate / 147)
        let inner = Array(2..<(jitter.count - 4))
        let mean = inner.reduce(0.0) { $0 + jitter[$1] } / Double(inner.count)
        #expect(mean > 0.04 && mean < 0.13, "\(mean)")
    }

    @Test("unvoiced frames are NaN and reset the periods: the first voiced frame after them has no jitter yet")
    func unvoiced() {
        let samples = Self.voice(periods: Array(repeating: (128, 0.5), count: 80))
        let frames = Self.geometry.frameCount(sampleCount: samples.count)
        var f0 = [Double](repeating: Self.rate / 128, count: frames)
        for t in 0..<6 { f0[t] = .nan }
        let (jitter, shimmer) = JitterShimmer(sampleRate: Self.rate, geometry: Self.geometry)(samples, f0: f0)
        #expect((0..<6).allSatisfy { jitter[$0].isNaN && shimmer[$0].isNaN })
        #expect(jitter[8].isFinite && shimmer[8].isFinite)
        #expect(JitterShimmer(sampleRate: Self.rate, geometry: Self.geometry)([], f0: [.nan]).jitter[0].isNaN)
    }
}
