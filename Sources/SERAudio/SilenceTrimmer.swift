package import SERDSP

#if canImport(Glibc)
    import Glibc
#endif

/// Leading and trailing silence removal: `librosa.effects.trim(y, top_db=60, ref=np.max,
/// frame_length=2048, hop_length=512)`.
///
/// A frame is non-silent when its RMS in dB relative to the loudest frame is strictly above
/// `-topDB`. The kept span runs from the first non-silent frame's start (`t*hop`, half a frame
/// before its centre, as librosa's `frames_to_samples`) to the end of the last one, clipped to n.
/// An all-zero signal is kept whole, as librosa keeps it.
package struct SilenceTrimmer: Sendable {
    package var topDB: Float
    package var geometry: FrameGeometry

    package init(topDB: Float, geometry: FrameGeometry) {
        self.topDB = topDB
        self.geometry = geometry
    }

    /// The half-open sample range `[start, end)` librosa keeps.
    package func keptRange(_ y: [Float]) -> Range<Int> {
        let rms = RMS(geometry: geometry)(y)
        // amplitude_to_db(r, ref=np.max, top_db=None) in float32; amin 1e-5 on amplitude = 1e-10 on power.
        let amin: Float = 1e-10
        let peak = rms.max() ?? 0
        let reference = 10 * log10f(max(amin, peak * peak))
        var first: Int?
        var last = 0
        for (t, r) in rms.enumerated() where 10 * log10f(max(amin, r * r)) - reference > -topDB {
            if first == nil { first = t }
            last = t
        }
        guard let first else { return 0..<0 }
        let start = first * geometry.hopLength
        let end = min(y.count, (last + 1) * geometry.hopLength)
        return start..<end
    }

    /// The trimmed signal and the range it was cut from.
    package func callAsFunction(_ y: [Float]) -> (samples: [Float], range: Range<Int>) {
        let range = keptRange(y)
        return (Array(y[range]), range)
    }
}
