import Foundation

/// The spectral balance descriptors of eGeMAPS (openSMILE `cSpectral` as `eGeMAPSv02_core.lld.conf.inc`
/// configures it: `squareInput=1`, `useLogSpectrum=1`, `freqRange=0-5000`, `slopes=0-500;500-1500`),
/// per frame of a **magnitude** spectrogram (``STFT/magnitude(_:)``):
///
/// - ``alphaRatio``: `10·log10(Σ P[1–5 kHz] / Σ P[0–1 kHz])`, 0 for a frame without energy below 1 kHz;
/// - ``hammarberg``: `10·log10(max P[0–2 kHz] / max P[2–5 kHz])`, 0 without energy in 2–5 kHz;
/// - ``slopes``: the least-squares slope of `10·log10(max(P, 1e-14))` against frequency over 0–500 Hz
///   and 500–1500 Hz, in dB/Hz.
///
/// `P` is the power `|S|²`. openSMILE weights the band's edge bins by how much of them lies inside the
/// band; here a bin counts when its centre does, a difference that shrinks with the bin spacing
/// (`sr / n_fft`, 10.8 Hz at the defaults). Frames are this tool's (``FrameGeometry``, Hann), not
/// eGeMAPS' 25 ms Hamming frames: `Benchmarks/` reports how the per-clip summaries track openSMILE's.
package struct SpectralBalance: Sendable {
    /// openSMILE's `specFloor` (1e-7), squared as it squares it for the power spectrum.
    static let powerFloor = 1e-14

    private let frequencies: [Double]
    /// Bins up to 5 kHz, below 1 kHz, below 2 kHz.
    private let upTo5k: Int
    private let below1k: Int
    private let below2k: Int
    private let slopeBands: [Range<Int>]
    /// Bins whose dB power a slope needs (0–1500 Hz): the logarithm is taken of those only.
    private let logBins: Int

    package init(sampleRate: Double, nFFT: Int) {
        let spacing = sampleRate / Double(nFFT)
        let frequencies = (0...(nFFT / 2)).map { Double($0) * spacing }
        func bins(where predicate: (Double) -> Bool) -> Int { frequencies.prefix { predicate($0) }.count }
        self.frequencies = frequencies
        upTo5k = bins { $0 <= 5000 }
        below1k = bins { $0 < 1000 }
        below2k = bins { $0 < 2000 }
        slopeBands = [(0.0, 500.0), (500.0, 1500.0)].map { low, high in
            let first = frequencies.firstIndex { $0 >= low } ?? frequencies.count
            let end = frequencies.firstIndex { $0 > high } ?? frequencies.count
            return first..<max(first, end)
        }
        logBins = min(upTo5k, slopeBands.map(\.upperBound).max() ?? 0)
    }

    /// One value per frame of each: alpha ratio, Hammarberg index, slope 0–500 Hz, slope 500–1500 Hz.
    package func callAsFunction(_ magnitude: Spectrogram) -> [[Double]] {
        let bins = magnitude.binCount
        precondition(bins == frequencies.count, "spectrogram has \(bins) bins, expected \(frequencies.count)")
        var rows = [[Double]](repeating: [], count: 4)
        for index in rows.indices { rows[index].reserveCapacity(magnitude.frameCount) }
        var logPower = [Double](repeating: 0, count: bins)
        magnitude.values.withUnsafeBufferPointer { values in
            for t in 0..<magnitude.frameCount {
                let frame = values.baseAddress! + t * bins
                var sumLow = 0.0
                var sumHigh = 0.0
                var peakLow = 0.0
                var peakHigh = 0.0
                for k in 0..<upTo5k {
                    let power = Double(frame[k]) * Double(frame[k])
                    if k < below1k { sumLow += power } else { sumHigh += power }
                    if k < below2k { peakLow = max(peakLow, power) } else { peakHigh = max(peakHigh, power) }
                    if k < logBins { logPower[k] = 10 * log10(max(power, Self.powerFloor)) }
                }
                rows[0].append(sumLow > 0 ? 10 * log10(max(sumHigh, Self.powerFloor) / sumLow) : 0)
                rows[1].append(peakHigh > 0 ? 10 * log10(max(peakLow, Self.powerFloor) / peakHigh) : 0)
                rows[2].append(slope(logPower, over: slopeBands[0]))
                rows[3].append(slope(logPower, over: slopeBands[1]))
            }
        }
        return rows
    }

    /// Least-squares slope of `values[k]` against `frequencies[k]` over `band`, 0 for fewer than two bins.
    private func slope(_ values: [Double], over band: Range<Int>) -> Double {
        let band = band.clamped(to: 0..<min(upTo5k, values.count))
        guard band.count > 1 else { return 0 }
        let n = Double(band.count)
        var sumF = 0.0
        var sumV = 0.0
        for k in band {
            sumF += frequencies[k]
            sumV += values[k]
        }
        let meanF = sumF / n
        let meanV = sumV / n
        var covariance = 0.0
        var variance = 0.0
        for k in band {
            let f = frequencies[k] - meanF
            covariance += f * (values[k] - meanV)
            variance += f * f
        }
        return covariance / variance
    }
}
