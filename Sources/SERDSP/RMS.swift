/// Root-mean-square energy per frame: `librosa.feature.rms(y=y)` with its defaults
/// (`frame_length=2048`, `hop_length=512`, `center=True`, `pad_mode="constant"`).
///
/// No window is applied. Squares are float32 and their mean is numpy's float32 pairwise sum over
/// each (zero-padded) frame divided by the frame length, so values match librosa bit for bit.
package struct RMS: Sendable {
    package var geometry: FrameGeometry

    package init(geometry: FrameGeometry) {
        self.geometry = geometry
    }

    /// One value per frame, `1 + n // hop` frames.
    package func callAsFunction(_ y: [Float]) -> [Float] {
        let count = geometry.frameCount(sampleCount: y.count)
        let length = geometry.frameLength
        let n = y.count
        // Frames that reach into the padding are copied into a zero-filled frame first, because
        // numpy's summation tree depends on where the zeros sit.
        var padded = [Float](repeating: 0, count: length)
        return [Float](unsafeUninitializedCapacity: count) { out, initialized in
            y.withUnsafeBufferPointer { signal in
                padded.withUnsafeMutableBufferPointer { frame in
                    for t in 0..<count {
                        let start = geometry.frameStart(t)
                        let sum: Float
                        if start >= 0 && start + length <= n, let base = signal.baseAddress {
                            sum = Numpy.pairwiseSumOfSquares(base + start, count: length)
                        } else {
                            for i in 0..<length {
                                let j = start + i
                                frame[i] = j >= 0 && j < n ? signal[j] : 0
                            }
                            sum = Numpy.pairwiseSumOfSquares(frame.baseAddress!, count: length)
                        }
                        out[t] = (sum / Float(length)).squareRoot()
                    }
                }
            }
            initialized = count
        }
    }
}
