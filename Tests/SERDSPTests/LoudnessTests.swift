import Foundation
import Testing

@testable import SERDSP

/// Loudness (openSMILE eGeMAPS `Loudness`: `cMelspec` → `cPlp` auditory spectrum → sum) against its
/// definition, computed here independently from openSMILE's formulas.
@Suite("Loudness (openSMILE cMelspec + cPlp, eGeMAPS Loudness)")
struct LoudnessTests {
    static let rate = 22050.0
    static let nFFT = 2048
    static var bins: Int { nFFT / 2 + 1 }

    /// The 26 band energies of one power spectrum, band by band from triangles in mel (HTK's filter bank
    /// as openSMILE builds it): band `b` rises from centre `b` to `b + 1` and falls to `b + 2`.
    static func bandEnergies(_ power: [Double]) -> [Double] {
        let spacing = rate / Double(nFFT)
        let low = Loudness.mel(20)
        let step = (Loudness.mel(8000) - low) / 27
        let centres = (0...27).map { low + Double($0) * step }
        let first = Int((20 / spacing).rounded()) + 1
        let end = Int((8000 / spacing).rounded())
        return (0..<26).map { band in
            var sum = 0.0
            for bin in first..<end {
                let m = Loudness.mel(Double(bin) * spacing)
                let (left, centre, right) = (centres[band], centres[band + 1], centres[band + 2])
                if m > left && m <= centre { sum += power[bin] * (m - left) / (centre - left) }
                if m > centre && m < right { sum += power[bin] * (right - m) / (right - centre) }
            }
            return sum
        }
    }

    static func expected(_ power: [Double]) -> Double {
        let step = (Loudness.mel(8000) - Loudness.mel(20)) / 27
        return bandEnergies(power).enumerated().reduce(0.0) { sum, band in
            let centreHz = 700 * (exp((Loudness.mel(20) + Double(band.offset + 1) * step) / 1127) - 1)
            return sum + pow(max(band.element, 9.3e-10) * Loudness.equalLoudness(centreHz), 0.33)
        }
    }

    @Test("each frame is the sum over 26 mel bands of (band power × equal-loudness weight)^0.33")
    func definition() throws {
        var generator = SplitMix(seed: 5)
        let frames = 3
        var values: [Float] = []
        var powers: [[Double]] = []
        for frame in 0..<frames {
            // A random spectrum, then one with a single strong bin, then silence.
            let magnitudes: [Float] = (0..<Self.bins).map { bin in
                switch frame {
                case 0: Float(Double(generator.next() >> 11) / 9_007_199_254_740_992)
                case 1: bin == 93 ? 40 : 0
                default: 0
                }
            }
            values += magnitudes
            powers.append(magnitudes.map { Double($0) * Double($0) })
        }
        let loudness = Loudness(sampleRate: Self.rate, nFFT: Self.nFFT)(
            Spectrogram(binCount: Self.bins, frameCount: frames, values: values))
        for frame in 0..<frames {
            let expected = Self.expected(powers[frame])
            #expect(
                abs(loudness[frame] - expected) <= 1e-12 * expected, "frame \(frame): \(loudness[frame]) vs \(expected)"
            )
        }
        #expect(loudness[1] > loudness[2] && loudness[0] > loudness[2])
    }

    @Test("the equal-loudness weight is openSMILE's curve: near 1 around 1–5 kHz, small at 50 Hz")
    func equalLoudnessCurve() {
        #expect(Loudness.equalLoudness(50) < 0.01)
        #expect(Loudness.equalLoudness(200) < Loudness.equalLoudness(1000))
        // (w² + 56.8e6) w⁴ / ((w² + 6.3e6)² (w² + 0.38e9)) × 1e32 / (w⁷ + 1.7e31) at 1 kHz, by hand.
        let w = 2 * Double.pi * 1000
        let byHand =
            1e32 * (w * w + 56.8e6) * pow(w, 4) / (pow(w * w + 6.3e6, 2) * (w * w + 0.38e9) * (pow(w, 7) + 1.7e31))
        #expect(abs(Loudness.equalLoudness(1000) - byHand) <= 1e-12 * byHand)
        #expect(byHand > 0.5 && byHand < 2, "\(byHand)")
    }

    @Test("a tone twice as strong adds its power ratio to the 0.33 times as much loudness")
    func compression() {
        func loudness(amplitude: Float) -> Double {
            let magnitudes = (0..<Self.bins).map { $0 == 93 ? amplitude : 0 }
            return Loudness(sampleRate: Self.rate, nFFT: Self.nFFT)(
                Spectrogram(binCount: Self.bins, frameCount: 1, values: magnitudes))[0]
        }
        // The bands the tone does not reach stay at the floor, a constant the differences cancel.
        let ratio =
            (loudness(amplitude: 400) - loudness(amplitude: 200))
            / (loudness(amplitude: 200) - loudness(amplitude: 100))
        #expect(abs(ratio - pow(4, 0.33)) < 1e-6, "\(ratio)")
    }

    @Test("at 8 kHz sampling the bank stops at the Nyquist frequency, as openSMILE's does")
    func lowSampleRate() {
        let loudness = Loudness(sampleRate: 8000, nFFT: 512)
        let values = loudness(Spectrogram(binCount: 257, frameCount: 2, values: [Float](repeating: 1, count: 514)))
        #expect(values.count == 2 && values.allSatisfy { $0.isFinite && $0 > 0 })
    }
}
