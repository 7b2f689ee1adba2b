import Glibc

/// openSMILE `cHarmonics`' harmonic search over one magnitude spectrum (`findHarmonicPeaks`, then
/// `postProcessHarmonics` and `getFormantAmplitudeIndices`), as ``HarmonicDifferences`` uses it: for the
/// `h`-th multiple of F0, the bin nearest to it if that bin is a peak (above both neighbours), else the nearest
/// peak searching outwards, right before left, between the bins nearest to `(h − ½) F0` and `(h + ½) F0`; a
/// peak below the bin of `F0 / 2` or at the last bin does not count.
///
/// The same values as openSMILE's loop, with two shortcuts that change none of them (a test holds this against
/// the loop written out plainly): the bin nearest to a frequency is found by arithmetic instead of a walk
/// over the bins, and a harmonic's parabola is fitted only where its value can be used — H1, H2, and
/// harmonics whose peak's neighbours reach into F3 ± 20 % (a peak's parabola has its vertex between them).
struct HarmonicSearch {
    /// One harmonic: its peak bin (the nearest bin where it has none; -1 past the spectrum), peak magnitude,
    /// and the parabola's frequency and magnitude (`frequency` -1 where no parabola was fitted because the
    /// harmonic cannot be A3).
    struct Harmonic {
        var bin = -1
        var magnitude = 0.0
        var frequency = 0.0
        var level = 0.0
    }

    let magnitude: UnsafeBufferPointer<Double>
    let sampleRate: Double
    let fftSize: Int

    /// The frequency of bin `k` (openSMILE's bin-to-frequency, the same arithmetic as its walk).
    func frequency(ofBin k: Int) -> Double { Double(k) * sampleRate / Double(fftSize) }

    /// The first bin whose frequency is above `target` (the bin count if none is).
    func firstBin(above target: Double) -> Int {
        let n = magnitude.count
        let guess = target * Double(fftSize) / sampleRate
        var k = guess >= 0 ? (guess < Double(n) ? Int(guess) + 1 : n) : 0
        // The guess is at most a bin off; the loops (entered only when it is off) make the answer the walk's
        // whatever the rounding.
        if k > 0 && frequency(ofBin: k - 1) > target {
            repeat { k -= 1 } while k > 0 && frequency(ofBin: k - 1) > target
        } else if k < n && frequency(ofBin: k) <= target {
            repeat { k += 1 } while k < n && frequency(ofBin: k) <= target
        }
        return k
    }

    /// `freqToBin`: from `start` on, the first bin above `target` or the one before it, whichever is nearer
    /// (0 when every bin is below). Bin frequencies rise with the bin, so the walk's first bin above `target`
    /// at or after `start` is the later of `start` and the first bin above it overall.
    func bin(nearest target: Double, from start: Int) -> Int {
        let k = max(firstBin(above: target), start, 1)
        guard k < magnitude.count else { return 0 }
        let above = frequency(ofBin: k)
        return above - target > target - frequency(ofBin: k - 1) ? k - 1 : k
    }

    /// `isPeak`: above both neighbours (at either end, above the one neighbour).
    func isPeak(_ k: Int) -> Bool {
        let n = magnitude.count
        guard k >= 0, k < n else { return false }
        if k + 1 < n {
            return k > 0
                ? magnitude[k] > magnitude[k - 1] && magnitude[k] > magnitude[k + 1] : magnitude[0] > magnitude[1]
        }
        return k > 0 ? magnitude[k] > magnitude[k - 1] : false
    }

    /// H1–H2 and H1–A3 (dB) at `f0` (Hz, finite and positive) and `f3` (Hz; NaN where unknown), NaN where
    /// openSMILE writes a floor value; `harmonics` is scratch space of ``HarmonicDifferences/harmonicCount``
    /// entries.
    func differences(f0: Double, f3: Double, harmonics: inout [Harmonic]) -> (Double, Double) {
        let n = magnitude.count
        let knownF3 = f3.isFinite && f3 > 0
        let (low, high) = knownF3 ? (0.8 * f3, 1.2 * f3) : (Double.infinity, -Double.infinity)
        let top = frequency(ofBin: n - 1)
        var last = bin(nearest: 0.5 * f0, from: 1)
        let first = bin(nearest: 0.5 * f0, from: last)
        for h in harmonics.indices {
            // Past the last bin openSMILE's search restarts from bin 0 and finds nothing that counts (no peak
            // at or above F0 / 2's bin, no level, no frequency near F3): those harmonics stay empty here.
            guard Double(h + 1) * f0 < top else {
                for rest in h..<harmonics.count { harmonics[rest] = Harmonic() }
                break
            }
            let candidate = bin(nearest: Double(h + 1) * f0, from: last)
            let peak = isPeak(candidate) ? candidate : nearestPeak(around: candidate, harmonic: h, f0: f0, from: last)
            if peak >= first && peak < n - 1 && peak >= 1 {
                var harmonic = Harmonic(bin: peak, magnitude: magnitude[peak], frequency: -1, level: 0)
                if h <= 1 || (frequency(ofBin: peak + 1) >= low && frequency(ofBin: peak - 1) <= high) {
                    (harmonic.frequency, harmonic.level) = HarmonicDifferences.parabola(
                        (frequency(ofBin: peak - 1), magnitude[peak - 1]), (frequency(ofBin: peak), magnitude[peak]),
                        (frequency(ofBin: peak + 1), magnitude[peak + 1]))
                }
                harmonics[h] = harmonic
            } else {
                harmonics[h] = Harmonic(bin: candidate, magnitude: 0, frequency: 0, level: 0)
            }
            last = candidate
        }
        // postProcessHarmonics: a harmonic on its predecessor's bin is removed; levels are relative to H1's
        // peak magnitude.
        let reference = harmonics[0].magnitude
        guard reference > 0 else { return (.nan, .nan) }
        for h in 1..<harmonics.count where harmonics[h].bin == harmonics[h - 1].bin {
            harmonics[h] = Harmonic(bin: 0)
        }
        func relative(_ h: Int) -> Double {
            harmonics[h].level > 0 ? max(-200, 20 * log10(harmonics[h].level / reference)) : .nan
        }
        let second = relative(1)
        let secondDifference = second.isFinite && second > -200 ? -second : .nan
        guard knownF3 else { return (secondDifference, .nan) }
        var a3 = -1
        var largest = 0.0
        for h in harmonics.indices
        where harmonics[h].frequency >= low && harmonics[h].frequency <= high && harmonics[h].magnitude > largest {
            a3 = h
            largest = harmonics[h].magnitude
        }
        guard a3 >= 0 else { return (secondDifference, .nan) }
        let a3Level = a3 == 0 ? 0 : relative(a3)
        return (secondDifference, a3Level.isFinite && a3Level > -200 ? -a3Level : .nan)
    }

    /// The nearest peak to `candidate` (not itself a peak) between the bins nearest to `(h + ½) F0` and
    /// `(h + 1½) F0` for harmonic index `h`, right before left; -1 if none.
    private func nearestPeak(around candidate: Int, harmonic h: Int, f0: Double, from last: Int) -> Int {
        var left = candidate - 1
        var right = candidate + 1
        let lower = bin(nearest: (Double(h) + 0.5) * f0, from: last)
        let upper = bin(nearest: (Double(h) + 1.5) * f0, from: candidate)
        while left >= lower || right <= upper {
            if right <= upper {
                if isPeak(right) { return right }
                right += 1
            }
            if left >= lower {
                if isPeak(left) { return left }
                left -= 1
            }
        }
        return -1
    }
}
