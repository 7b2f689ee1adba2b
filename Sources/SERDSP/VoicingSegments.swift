/// Voiced and unvoiced stretches of a pitch track, as eGeMAPS' temporal features count them
/// (`VoicedSegmentsPerSec`, `MeanVoicedSegmentLengthSec`, `StddevVoicedSegmentLengthSec`,
/// `MeanUnvoicedSegmentLength`, `StddevUnvoicedSegmentLength`), in seconds.
package enum VoicingSegments {
    /// Column names, in the order of ``values(voiced:secondsPerFrame:)``.
    package static let names = [
        "voiced_segments_per_second", "voiced_length_mean", "voiced_length_std", "unvoiced_length_mean",
        "unvoiced_length_std",
    ]

    /// The statistics of the runs of `voiced`; 0 for a statistic with no run to take it over.
    package static func values(voiced: [Bool], secondsPerFrame: Double) -> [Double] {
        var voicedRuns: [Double] = []
        var unvoicedRuns: [Double] = []
        var start = 0
        for t in 1...voiced.count where t == voiced.count || voiced[t] != voiced[start] {
            let length = Double(t - start) * secondsPerFrame
            if voiced[start] { voicedRuns.append(length) } else { unvoicedRuns.append(length) }
            start = t
        }
        func meanAndDeviation(_ runs: [Double]) -> [Double] {
            guard !runs.isEmpty else { return [0, 0] }
            let mean = runs.reduce(0, +) / Double(runs.count)
            let variance = runs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(runs.count)
            return [mean, variance.squareRoot()]
        }
        let duration = Double(voiced.count) * secondsPerFrame
        return [duration > 0 ? Double(voicedRuns.count) / duration : 0] + meanAndDeviation(voicedRuns)
            + meanAndDeviation(unvoicedRuns)
    }
}
