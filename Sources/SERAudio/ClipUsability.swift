/// What makes a decoded file unusable as a clip for a model, whatever its format: a build skips it
/// (listed in the report) and `predict` refuses it, each with the same reason; `features` computes
/// what librosa would and says so.
package enum ClipUsability {
    /// Clips shorter than this hold no speech to speak of (a click, one sample). 0.1 s is a syllable at
    /// most; RAVDESS's shortest clip is 2.9 s.
    package static let shortestSeconds = 0.1

    /// Why a file of `frames` frames at `sampleRate` whose largest magnitude is `peak` cannot be a
    /// clip, or `nil`.
    package static func problem(frames: Int, sampleRate: Int, peak: Double) -> String? {
        let seconds = sampleRate > 0 ? Double(frames) / Double(sampleRate) : 0
        if seconds < shortestSeconds {
            let samples = frames == 1 ? "1 sample" : "\(frames) samples"
            // Rounded down, so a clip just short of the limit never reads as reaching it (0.0999 s, not 0.1 s).
            let shown = (seconds * 10000).rounded(.down) / 10000
            return "too short (\(samples), \(shown) s; at least \(shortestSeconds) s needed)"
        }
        if peak == 0 { return "silent (every sample is zero)" }
        return nil
    }
}

extension ProcessedClip {
    /// Why the file this clip was read from cannot be a clip for a model (``ClipUsability``), or `nil`.
    package var unusable: String? {
        ClipUsability.problem(
            frames: stages.sourceFrameCount, sampleRate: stages.sourceSampleRate, peak: Double(stages.loadedPeak))
    }
}
