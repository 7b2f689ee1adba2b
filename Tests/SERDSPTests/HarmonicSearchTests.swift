import Foundation
import Testing

@testable import SERDSP

/// ``HarmonicSearch`` finds bins by arithmetic and fits parabolas only where they can be used; these tests hold
/// it bit for bit against openSMILE's `findHarmonicPeaks` / `postProcessHarmonics` loop written out plainly
/// (``PlainHarmonicSearch``, the implementation it replaced).
@Suite("Harmonic search (openSMILE cHarmonics) against the plain loop")
struct HarmonicSearchTests {
    /// Spectra of several shapes: harmonic combs with noise, noise alone, a flat spectrum (no peaks), and
    /// plateaus (equal neighbours, so no strict peak), at several rates and transform sizes.
    static func spectra() -> [(rate: Double, size: Int, magnitude: [Double])] {
        var random = TestGenerator(seed: 2024)
        var result: [(Double, Int, [Double])] = []
        for (rate, size) in [(8000.0, 512), (16000, 1024), (22050, 2048), (44100, 4096), (48000, 4096)] {
            let bins = size / 2 + 1
            for shape in 0..<4 {
                for _ in 0..<3 {
                    let f0 = 60 + 400 * random.unit()
                    let magnitude: [Double] = (0..<bins).map { k in
                        let frequency = Double(k) * rate / Double(size)
                        switch shape {
                        case 0:
                            let phase = (frequency / f0).truncatingRemainder(dividingBy: 1)
                            return exp(-40 * min(phase, 1 - phase) * min(phase, 1 - phase)) / (1 + frequency / 500)
                                + 0.05 * random.unit()
                        case 1: return random.unit()
                        case 2: return 1
                        default: return Double(Int(4 * random.unit()))
                        }
                    }
                    result.append((rate, size, magnitude))
                }
            }
        }
        return result
    }

    @Test("H1–H2 and H1–A3 equal the plain loop's, bit for bit, over F0 65–2100 Hz and F3 unknown or 400–4000 Hz")
    func sameAsPlainLoop() {
        var random = TestGenerator(seed: 7)
        var compared = 0
        var finite = 0
        for (rate, size, magnitude) in Self.spectra() {
            var harmonics = [HarmonicSearch.Harmonic](repeating: .init(), count: HarmonicDifferences.harmonicCount)
            for trial in 0..<40 {
                let f0 = 65 + 2035 * pow(random.unit(), 2)
                let f3 = trial % 5 == 0 ? Double.nan : 400 + 3600 * random.unit()
                let fast = magnitude.withUnsafeBufferPointer { buffer in
                    HarmonicSearch(magnitude: buffer, sampleRate: rate, fftSize: size)
                        .differences(f0: f0, f3: f3, harmonics: &harmonics)
                }
                let plain = PlainHarmonicSearch(magnitude: magnitude, sampleRate: rate, fftSize: size)
                    .differences(f0: f0, f3: f3)
                #expect(
                    fast.0.bitPattern == plain.0.bitPattern && fast.1.bitPattern == plain.1.bitPattern,
                    "rate \(rate), f0 \(f0), f3 \(f3): \(fast) against \(plain)")
                compared += 1
                if fast.0.isFinite && fast.1.isFinite { finite += 1 }
            }
        }
        // The comparison must cover measured values, not only floors.
        #expect(compared == 2400 && finite > 300, "\(finite) of \(compared) with both values measured")
    }

    @Test("the bin nearest a frequency equals the walk over the bins, from any start")
    func nearestBin() {
        var random = TestGenerator(seed: 3)
        let magnitude = [Double](repeating: 0, count: 1025)
        magnitude.withUnsafeBufferPointer { buffer in
            let search = HarmonicSearch(magnitude: buffer, sampleRate: 22050, fftSize: 2048)
            let plain = PlainHarmonicSearch(magnitude: magnitude, sampleRate: 22050, fftSize: 2048)
            for _ in 0..<5000 {
                let target = 11100 * random.unit()
                let start = Int(1030 * random.unit())
                #expect(search.bin(nearest: target, from: start) == plain.bin(nearest: target, from: start))
            }
            // Exactly on bin frequencies and half-way between them.
            for k in 0..<1025 {
                for target in [search.frequency(ofBin: k), search.frequency(ofBin: k) + 22050 / 4096] {
                    #expect(search.bin(nearest: target, from: 1) == plain.bin(nearest: target, from: 1), "\(target)")
                }
            }
        }
    }
}

/// openSMILE's harmonic search as a plain walk over the bins and a parabola for every harmonic: the reference
/// ``HarmonicSearch`` must equal.
struct PlainHarmonicSearch {
    let magnitude: [Double]
    let sampleRate: Double
    let fftSize: Int

    func frequency(ofBin k: Int) -> Double { Double(k) * sampleRate / Double(fftSize) }

    func bin(nearest target: Double, from start: Int) -> Int {
        var k = max(start, 1)
        while k < magnitude.count {
            let above = frequency(ofBin: k)
            if above > target { return above - target > target - frequency(ofBin: k - 1) ? k - 1 : k }
            k += 1
        }
        return 0
    }

    func isPeak(_ k: Int) -> Bool {
        let n = magnitude.count
        guard k >= 0, k < n else { return false }
        if k + 1 < n {
            return k > 0
                ? magnitude[k] > magnitude[k - 1] && magnitude[k] > magnitude[k + 1] : magnitude[0] > magnitude[1]
        }
        return k > 0 ? magnitude[k] > magnitude[k - 1] : false
    }

    func differences(f0: Double, f3: Double) -> (Double, Double) {
        let count = HarmonicDifferences.harmonicCount
        let n = magnitude.count
        var last = bin(nearest: 0.5 * f0, from: 1)
        let first = bin(nearest: 0.5 * f0, from: last)
        var harmonics = [HarmonicSearch.Harmonic](repeating: .init(), count: count)
        for h in 0..<count {
            guard Double(h + 1) * f0 < frequency(ofBin: n - 1) else { break }
            let candidate = bin(nearest: Double(h + 1) * f0, from: last)
            var peak = -1
            if isPeak(candidate) {
                peak = candidate
            } else {
                var left = candidate - 1
                var right = candidate + 1
                let lower = bin(nearest: (Double(h) + 0.5) * f0, from: last)
                let upper = bin(nearest: (Double(h) + 1.5) * f0, from: candidate)
                search: while left >= lower || right <= upper {
                    if right <= upper {
                        if isPeak(right) {
                            peak = right
                            break search
                        }
                        right += 1
                    }
                    if left >= lower {
                        if isPeak(left) {
                            peak = left
                            break search
                        }
                        left -= 1
                    }
                }
            }
            if peak >= first && peak < n - 1 && peak >= 1 {
                let (x, y) = HarmonicDifferences.parabola(
                    (frequency(ofBin: peak - 1), magnitude[peak - 1]), (frequency(ofBin: peak), magnitude[peak]),
                    (frequency(ofBin: peak + 1), magnitude[peak + 1]))
                harmonics[h] = .init(bin: peak, magnitude: magnitude[peak], frequency: x, level: y)
            } else {
                harmonics[h] = .init(bin: candidate, magnitude: 0, frequency: 0, level: 0)
            }
            last = candidate
        }
        let reference = harmonics[0].magnitude
        guard reference > 0 else { return (.nan, .nan) }
        var relative = [Double](repeating: 0, count: count)
        for h in 1..<count {
            if harmonics[h].bin == harmonics[h - 1].bin {
                harmonics[h] = .init(bin: 0)
                relative[h] = .nan
            } else {
                relative[h] = harmonics[h].level > 0 ? max(-200, 20 * log10(harmonics[h].level / reference)) : .nan
            }
        }
        let secondDifference = relative[1].isFinite && relative[1] > -200 ? -relative[1] : .nan
        guard f3.isFinite, f3 > 0 else { return (secondDifference, .nan) }
        var a3 = -1
        var largest = 0.0
        for h in 0..<count
        where harmonics[h].frequency >= 0.8 * f3 && harmonics[h].frequency <= 1.2 * f3
            && harmonics[h].magnitude > largest
        {
            a3 = h
            largest = harmonics[h].magnitude
        }
        guard a3 >= 0 else { return (secondDifference, .nan) }
        let a3Level = a3 == 0 ? 0 : relative[a3]
        return (secondDifference, a3Level.isFinite && a3Level > -200 ? -a3Level : .nan)
    }
}

/// SplitMix64, for test inputs that are the same on every run.
struct TestGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func unit() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
    }
}
