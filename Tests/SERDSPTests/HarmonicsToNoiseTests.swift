import Foundation
import Testing

@testable import SERDSP

/// The harmonics-to-noise ratio (openSMILE eGeMAPS `HNRdBACF`) against its definition: the autocorrelation
/// ratio of a windowed pure tone is the window's own, added noise lowers it in order, unvoiced frames are NaN,
/// and the peak search is `cHarmonics::getClosestPeak`'s.
@Suite("Harmonics-to-noise ratio (openSMILE cHarmonics, HNRdBACF)")
struct HarmonicsToNoiseTests {
    static let rate = 22050.0
    static let geometry = FrameGeometry(frameLength: 2048, hopLength: 512)

    /// A tone whose period is a whole number of samples (147 samples, 150 Hz): `r(T) / r(0)` is
    /// `Σ w(n) w(n+T) / Σ w(n)²` up to the tone's second-harmonic cross terms, which cancel over the window.
    @Test("a pure tone's HNR is its window's autocorrelation ratio at the period, in dB")
    func pureTone() throws {
        let period = 147
        let frequency = Self.rate / Double(period)
        let tone = (0..<22050).map { Float(0.5 * sin(2 * Double.pi * Double($0) / Double(period))) }
        let hnr = try HarmonicsToNoiseRatio(sampleRate: Self.rate, geometry: Self.geometry)
        #expect(hnr.windowLength == 1323)
        let values = hnr(tone, f0: [Double](repeating: frequency, count: 44))
        let w = hnr.window
        let lagged = (0..<(w.count - period)).reduce(0.0) { $0 + w[$1] * w[$1 + period] }
        let energy = w.reduce(0.0) { $0 + $1 * $1 }
        let expected = 10 * log10(lagged / energy / (1 - lagged / energy))
        #expect(abs(expected - 10.9) < 0.2, "the window's own ratio: \(expected) dB")
        let inner = values[4..<40]
        #expect(inner.allSatisfy { abs($0 - expected) < 0.05 }, "\(Array(inner)) vs \(expected)")
    }

    @Test("white noise added at falling SNR lowers the HNR in order; unvoiced frames are NaN")
    func noise() throws {
        let period = 147
        var generator = SplitMix(seed: 7)
        let noise = (0..<22050).map { _ in
            // Box–Muller from two uniforms in (0, 1].
            let u = (Double(generator.next() >> 11) + 1) / 9_007_199_254_740_993
            let v = Double(generator.next() >> 11) / 9_007_199_254_740_992
            return sqrt(-2 * log(u)) * cos(2 * Double.pi * v)
        }
        let hnr = try HarmonicsToNoiseRatio(sampleRate: Self.rate, geometry: Self.geometry)
        var f0 = [Double](repeating: Self.rate / Double(period), count: 44)
        f0[20] = .nan
        var medians: [Double] = []
        for snr in [30.0, 10.0, 0.0] {
            // Tone power 0.125; noise scaled to power 0.125 / 10^(snr / 10).
            let scale = sqrt(0.125 / pow(10, snr / 10))
            let signal = (0..<22050).map {
                Float(0.5 * sin(2 * Double.pi * Double($0) / Double(period)) + scale * noise[$0])
            }
            let values = hnr(signal, f0: f0)
            #expect(values[20].isNaN)
            let voiced = values.enumerated().filter { $0.offset != 20 && (4..<40).contains($0.offset) }.map(\.element)
            #expect(voiced.allSatisfy { $0.isFinite })
            medians.append(voiced.sorted()[voiced.count / 2])
        }
        #expect(medians[0] > medians[1] + 3 && medians[1] > medians[2] + 3, "\(medians)")
        // At 0 dB SNR the lag-T correlation halves: 10 log10(ρ/2 / (1 - ρ/2)) with ρ ≈ 0.925, about -0.3 dB.
        #expect(abs(medians[2] - -0.3) < 1.5, "\(medians[2])")
    }

    @Test("no F0, silence, an empty clip: NaN or the clamped ratio, never a trap")
    func edges() throws {
        let hnr = try HarmonicsToNoiseRatio(sampleRate: Self.rate, geometry: Self.geometry)
        let empty = hnr([], f0: [.nan])
        #expect(empty.count == 1 && empty[0].isNaN)
        let none = hnr([], f0: [])
        #expect(none.isEmpty)
        // Silence with an F0: r is 0 everywhere, r(0) - r(T) = 0, so the ratio is clamped to 1e11 (110 dB).
        let silence = hnr([Float](repeating: 0, count: 4096), f0: [150, 150])
        #expect(silence == [110, 110])
        // An F0 below what the autocorrelation holds (period past half the FFT) is NaN, not an index trap.
        let low = hnr([Float](repeating: 0.1, count: 4096), f0: [1])
        #expect(low.count == 1 && low[0].isNaN)
        #expect(throws: DSPError.self) { try HarmonicsToNoiseRatio(sampleRate: 0, geometry: Self.geometry) }
    }

    @Test(
        "the closest peak is openSMILE's: the index itself, the nearer peak (left first), else the larger end",
        arguments: [
            ([0.0, 1, 0, 1, 0], 1, 1),
            ([5.0, 4, 3, 4, 3, 2], 2, 3),
            ([5.0, 4, 5, 4, 5, 4], 3, 2),
            ([9.0, 8, 7, 6, 5], 2, 0),
            ([1.0, 2, 3, 4, 5], 2, 4),
            ([2.0, 2, 2, 2], 1, 1),
        ] as [([Double], Int, Int)])
    func closestPeak(values: [Double], index: Int, expected: Int) {
        #expect(HarmonicsToNoiseRatio.closestPeak(values, near: index) == expected)
    }
}
