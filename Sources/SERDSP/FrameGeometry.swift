/// Centred framing as librosa does it with `center=True`: frame `t` covers samples
/// `[t*hop - frameLength/2, t*hop + frameLength/2)` of the signal, padded outside its ends.
package struct FrameGeometry: Sendable, Hashable {
    package var frameLength: Int
    package var hopLength: Int

    /// librosa's `frame_length` and `hop_length`.
    package init(frameLength: Int, hopLength: Int) {
        precondition(frameLength > 0 && hopLength > 0, "frame and hop lengths must be positive")
        self.frameLength = frameLength
        self.hopLength = hopLength
    }

    /// `1 + n // hop`, the frame count of every centred librosa feature.
    package func frameCount(sampleCount: Int) -> Int { 1 + sampleCount / hopLength }

    /// The signal index of the first sample of frame `t` (negative inside the left padding).
    package func frameStart(_ t: Int) -> Int { t * hopLength - frameLength / 2 }
}
