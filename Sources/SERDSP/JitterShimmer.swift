import Foundation

/// Local jitter and shimmer (dB) by waveform matching of pitch periods: openSMILE's `cPitchJitter` as
/// eGeMAPS configures it (`jitterLocal = 1`, `shimmerLocalDB = 1`, `searchRangeRel = 0.1`,
/// `minNumPeriods = 2`, `minCC = 0.5`, peak amplitudes, correlation-peak period lengths).
///
/// Periods are found one after another through each voiced frame (F0 from pYIN, ``ProbabilisticYIN``;
/// eGeMAPS uses its own SHS tracker): from the current period start, every candidate length `L` within
/// ±10 % of the expected period `sr / F0` is scored by the normalised cross-correlation of the `L`
/// samples there with the `L` after them (`crossCorr`); the best interior local maximum of those scores
/// is the period (none: the start moves on by the expected period and nothing is counted). A period whose
/// parabolically interpolated correlation exceeds 0.5 counts: its length (the interpolated lag, in
/// seconds), and the peak-to-peak amplitudes of it and the next period (`amplitudeDiff`). A frame's jitter
/// is the mean absolute difference of consecutive period lengths over the mean period length, its shimmer
/// the mean absolute difference of consecutive amplitudes over their mean, in dB as `20·log10(1 + s)`;
/// both capped at 1 (shimmer before the dB), and the last frame's value repeats in a voiced frame where
/// no period counted, as openSMILE does (jitter is NaN where periods counted but no two in a row). Period lengths carry over between consecutive voiced frames;
/// an unvoiced frame resets them. Frames without an F0, or voiced ones with nothing to repeat, are NaN
/// (eGeMAPS takes its statistics over non-zero values only: `sma3nz`).
///
/// Frame `t` matches periods starting between the centres of frames `t − ½` and `t + ½`
/// (``FrameGeometry``); the correlations take each window's mean and energy from running sums, so only
/// the lagged products are summed per candidate (openSMILE sums five terms in two passes): the same
/// values up to rounding, at about 0.35 ms of CPU per second of audio (profiled with `serreport-bench`).
package struct JitterShimmer: Sendable {
    package let sampleRate: Double
    package let geometry: FrameGeometry
    static let searchRange = 0.1
    static let minimumCorrelation = 0.5

    package init(sampleRate: Double, geometry: FrameGeometry) {
        self.sampleRate = sampleRate
        self.geometry = geometry
    }

    /// Per frame of `f0` (Hz, NaN where unvoiced): local jitter (a fraction) and local shimmer (dB).
    package func callAsFunction(_ samples: [Float], f0: [Double]) -> (jitter: [Double], shimmer: [Double]) {
        var jitter = [Double](repeating: .nan, count: f0.count)
        var shimmer = [Double](repeating: .nan, count: f0.count)
        let signal = samples.map(Double.init)
        let running = RunningSums(signal)
        let hop = geometry.hopLength
        var start = 0
        var lastPeriod = 0.0
        var lastJitter = Double.nan
        var lastShimmer = Double.nan
        for (t, frequency) in f0.enumerated() {
            let spanStart = max(0, t * hop - hop / 2)
            let spanEnd = min(signal.count, t * hop + (hop + 1) / 2)
            guard frequency.isFinite, frequency > 0, spanStart < spanEnd else {
                start = spanEnd
                lastPeriod = 0
                lastJitter = .nan
                lastShimmer = .nan
                continue
            }
            start = max(start, spanStart)
            let expected = sampleRate / frequency
            let shortest = max(2, Int((expected * (1 - Self.searchRange)).rounded(.down)))
            let longest = Int((expected * (1 + Self.searchRange)).rounded(.up))
            let step = max(1, Int(expected.rounded()))
            var differences = 0.0
            var pairs = 0
            var periodSum = 0.0
            var periods = 0
            var amplitudeSum = 0.0
            var amplitudeDifferences = 0.0
            while start < spanEnd, start + 2 * longest + 1 < signal.count {
                guard let match = bestPeriod(signal, running, at: start, shortest: shortest, longest: longest)
                else {
                    start += step
                    continue
                }
                let (first, second) = (
                    Self.peakToPeak(signal, start, match.length),
                    Self.peakToPeak(signal, start + match.length, match.length)
                )
                if match.correlation > Self.minimumCorrelation {
                    let period = match.lag / sampleRate
                    periodSum += period
                    periods += 1
                    if lastPeriod > 0 {
                        differences += abs(lastPeriod - period)
                        pairs += 1
                    }
                    lastPeriod = period
                    amplitudeSum += (first + second) / 2
                    amplitudeDifferences += abs(first - second)
                }
                start += match.length
            }
            // The next frame goes on from the first period not matched yet.
            if periods > 0 && pairs > 0 {
                lastJitter = min((differences / Double(pairs)) / (periodSum / Double(periods)), 1)
            }
            if periods > 0 {
                lastShimmer = amplitudeSum > 0 ? min(amplitudeDifferences / amplitudeSum, 1) : 0
            }
            // Periods but no two in a row (openSMILE writes 0, which eGeMAPS' statistics skip): no value.
            jitter[t] = periods > 0 && pairs == 0 ? .nan : lastJitter
            shimmer[t] = lastShimmer.isNaN ? .nan : 20 * log10(lastShimmer + 1)
        }
        return (jitter, shimmer)
    }

    /// The period length at `start`: the best interior local maximum of the normalised cross-correlation
    /// over lengths `shortest...longest`, its parabolically interpolated lag and height; nil without one.
    private func bestPeriod(_ x: [Double], _ running: RunningSums, at start: Int, shortest: Int, longest: Int) -> (
        length: Int, lag: Double, correlation: Double
    )? {
        let count = longest - shortest + 1
        guard count >= 3 else { return nil }
        var scores = [Double](repeating: 0, count: count)
        x.withUnsafeBufferPointer { x in
            for (index, length) in (shortest...longest).enumerated() {
                scores[index] = Self.crossCorrelation(x.baseAddress!, running, start, length)
            }
        }
        var best = -1
        // openSMILE's loop stops one short of the last interior point (`i < T0maxF - T0minF - 1`).
        for i in 1..<max(1, count - 2) where scores[i - 1] < scores[i] && scores[i] > scores[i + 1] {
            if best < 0 || scores[i] > scores[best] { best = i }
        }
        guard best >= 0 else { return nil }
        let (y0, y1, y2) = (scores[best - 1], scores[best], scores[best + 1])
        let curvature = y0 - 2 * y1 + y2
        let offset = curvature != 0 ? 0.5 * (y0 - y2) / curvature : 0
        let height = y1 - 0.25 * (y0 - y2) * offset
        return (shortest + best, Double(shortest + best) + offset, height)
    }

    /// Running sums of the signal and of its squares (`sums[i]`: the first `i` samples), from which
    /// ``crossCorrelation(_:_:_:)`` takes each window's mean and energy in constant time.
    struct RunningSums {
        var sums: [Double]
        var squares: [Double]

        init(_ x: [Double]) {
            sums = [Double](repeating: 0, count: x.count + 1)
            squares = sums
            for (i, value) in x.enumerated() {
                sums[i + 1] = sums[i] + value
                squares[i + 1] = squares[i] + value * value
            }
        }
    }

    /// `crossCorr`: the Pearson correlation of `x[start..<start+n]` with `x[start+n..<start+2n]`. The
    /// means and energies come from `running`; only the lagged products are summed here.
    static func crossCorrelation(_ x: UnsafePointer<Double>, _ running: RunningSums, _ start: Int, _ n: Int) -> Double {
        let a = x + start
        let b = x + start + n
        var lanes = SIMD4<Double>(repeating: 0)
        var i = 0
        while i + 4 <= n {
            lanes +=
                UnsafeRawPointer(a + i).loadUnaligned(as: SIMD4<Double>.self)
                * UnsafeRawPointer(b + i).loadUnaligned(as: SIMD4<Double>.self)
            i += 4
        }
        var sxy = lanes.sum()
        while i < n {
            sxy += a[i] * b[i]
            i += 1
        }
        let count = Double(n)
        let sx = running.sums[start + n] - running.sums[start]
        let sy = running.sums[start + 2 * n] - running.sums[start + n]
        let sxx = running.squares[start + n] - running.squares[start]
        let syy = running.squares[start + 2 * n] - running.squares[start + n]
        let covariance = sxy - sx * sy / count
        let energy = (sxx - sx * sx / count) * (syy - sy * sy / count)
        return energy > 0 ? covariance / energy.squareRoot() : 0
    }

    /// `amplitudeDiff`'s amplitude of one period: largest minus smallest sample, its end points excluded.
    static func peakToPeak(_ x: [Double], _ start: Int, _ length: Int) -> Double {
        guard length > 2 else { return 0 }
        var high = x[start + 1]
        var low = high
        for i in (start + 1)..<(start + length - 1) {
            high = max(high, x[i])
            low = min(low, x[i])
        }
        return high - low
    }
}
