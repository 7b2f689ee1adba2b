import Foundation

/// eGeMAPS `Loudness`: the sum of an auditory spectrum, as `GeMAPSv01b_core.lld.conf.inc` computes it with
/// openSMILE's `cMelspec` (26 bands, 20–8000 Hz, mel scale `1127·ln(1 + f/700)`, on the power spectrum,
/// `htkcompatible = 0`), `cPlp` (`doAud = 1`, `doLog = 0`: each band floored at `melfloor` 9.3e-10,
/// weighted by the equal-loudness curve at its centre frequency, raised to `compression` 0.33) and
/// `cVectorOperation` (`ll1`: the sum over bands), per frame of a **magnitude** spectrogram.
///
/// The filter bank is openSMILE's (and HTK's): band centres equally spaced in mel from 20 to 8000 Hz,
/// each FFT bin strictly inside the range split between the two centres around it in proportion to its
/// mel distance from them. Frames are this tool's (``FrameGeometry``, Hann), not eGeMAPS' 25 ms Hamming
/// frames, so values differ from openSMILE's by a scale and by the longer window's smoothing:
/// `Benchmarks/` reports how the per-clip summaries track openSMILE's.
package struct Loudness: Sendable {
    static let bandCount = 26
    static let lowestHz = 20.0
    static let highestHz = 8000.0
    static let floor = 9.3e-10
    static let compression = 0.33

    /// The first and last bin counted (openSMILE's `nLoF < n < nHiF`).
    private let bins: Range<Int>
    /// For each counted bin: the band its falling share goes to (−1: none), and that share.
    private let lowerBand: [Int]
    private let lowerShare: [Double]
    /// The equal-loudness weight of each band.
    private let weights: [Double]

    package init(sampleRate: Double, nFFT: Int) {
        let spacing = sampleRate / Double(nFFT)
        let nyquist = sampleRate / 2
        let high = Self.highestHz <= nyquist ? Self.highestHz : nyquist
        let first = Int((Self.lowestHz / spacing).rounded()) + 1
        let end = min(Int((high / spacing).rounded()), nFFT / 2 + 1)
        let lowMel = Self.mel(Self.lowestHz)
        let width = (Self.mel(high) - lowMel) / Double(Self.bandCount + 1)
        let centres = (0...(Self.bandCount + 1)).map { lowMel + Double($0) * width }
        var lowerBand: [Int] = []
        var lowerShare: [Double] = []
        let range = first..<max(first, end)
        for bin in range {
            let position = Self.mel(Double(bin) * spacing)
            // The first centre at or above the bin: the bin rises toward it, falls from the one before.
            var upper = 1
            while upper <= Self.bandCount && centres[upper] < position { upper += 1 }
            lowerBand.append(upper - 2)
            lowerShare.append((centres[upper] - position) / (centres[upper] - centres[upper - 1]))
        }
        self.bins = range
        self.lowerBand = lowerBand
        self.lowerShare = lowerShare
        weights = (1...Self.bandCount).map { Self.equalLoudness(700 * (exp(centres[$0] / 1127) - 1)) }
    }

    static func mel(_ hz: Double) -> Double { 1127 * log(1 + hz / 700) }

    /// openSMILE's `smileDsp_equalLoudnessWeight` (the non-HTK curve of `cPlp`), at `hz`.
    static func equalLoudness(_ hz: Double) -> Double {
        let w = 2 * Double.pi * hz
        let w2 = w * w
        let c = w2 + 6_300_000
        return 1e32 * ((w2 + 56.8e6) * w2 * w2) / (c * c * (w2 + 0.38e9) * (w2 * w2 * w2 * w + 1.7e31))
    }

    /// One loudness value per frame.
    package func callAsFunction(_ magnitude: Spectrogram) -> [Double] {
        let count = Self.bandCount
        let last = min(bins.upperBound, magnitude.binCount)
        var result = [Double](repeating: 0, count: magnitude.frameCount)
        var bands = [Double](repeating: 0, count: count + 1)
        magnitude.values.withUnsafeBufferPointer { values in
            lowerBand.withUnsafeBufferPointer { lowerBand in
                lowerShare.withUnsafeBufferPointer { lowerShare in
                    bands.withUnsafeMutableBufferPointer { bands in
                        // Slot 0 takes the falling share of the bins below the first band (there is
                        // none: their share is 0) and slot `count` the rising share above the last.
                        let band = bands.baseAddress! + 1
                        for t in 0..<magnitude.frameCount {
                            let frame = values.baseAddress! + t * magnitude.binCount
                            for b in -1..<count { band[b] = 0 }
                            var index = 0
                            for bin in bins.lowerBound..<max(bins.lowerBound, last) {
                                let power = Double(frame[bin]) * Double(frame[bin])
                                let falling = power * lowerShare[index]
                                let lower = lowerBand[index]
                                band[lower] += falling
                                if lower < count - 1 { band[lower + 1] += power - falling }
                                index += 1
                            }
                            var sum = 0.0
                            for b in 0..<count { sum += pow(max(band[b], Self.floor) * weights[b], Self.compression) }
                            result[t] = sum
                        }
                    }
                }
            }
        }
        return result
    }
}
