/// A clip's fundamental frequency track, one value per frame, as `librosa.pyin` returns it.
package struct PitchTrack: Sendable, Hashable {
    /// F0 in Hz of voiced frames; NaN where unvoiced (`fill_na=np.nan`).
    package var f0: [Double]
    /// Whether the decoded state of each frame is voiced (`voiced_flag`).
    package var voiced: [Bool]
    /// The probability that each frame is voiced, before decoding (`voiced_prob`).
    package var voicedProbability: [Double]

    /// Frames.
    package var frameCount: Int { f0.count }
}
