/// A real spectrogram (magnitude or power) in float32, as librosa stores `|stft|**p`.
///
/// Layout is frame-major: the `binCount` bins of frame `t` are contiguous at
/// `values[t * binCount ..< (t + 1) * binCount]`. Per-frame work (the mel and chroma products, the
/// contrast band sorts) then reads one contiguous run per frame.
package struct Spectrogram: Sendable, Hashable {
    /// Frequency bins per frame, `n_fft / 2 + 1`; bin `k` is at `k * sr / n_fft` Hz.
    package private(set) var binCount: Int
    /// Frames, `1 + n // hop`.
    package private(set) var frameCount: Int
    /// `frameCount * binCount` values, frame-major.
    package internal(set) var values: [Float]

    package init(binCount: Int, frameCount: Int, values: [Float]) {
        precondition(values.count == binCount * frameCount, "spectrogram needs binCount * frameCount values")
        self.binCount = binCount
        self.frameCount = frameCount
        self.values = values
    }

    /// An empty spectrogram, to be filled by ``STFT`` (storage is reused across clips).
    package init() {
        self.init(binCount: 0, frameCount: 0, values: [])
    }

    /// The value of bin `bin` in frame `frame`.
    package subscript(bin bin: Int, frame frame: Int) -> Float {
        values[frame * binCount + bin]
    }

    /// Resizes to `binCount × frameCount`, keeping the allocation when it is large enough.
    mutating func reshape(binCount: Int, frameCount: Int) {
        values.resize(to: binCount * frameCount)
        self.binCount = binCount
        self.frameCount = frameCount
    }

    /// `self ** 2` in float32, as numpy computes `np.abs(X) ** 2`: the power spectrogram from a
    /// magnitude one, written into `power` (whose storage is reused).
    package func squared(into power: inout Spectrogram) {
        power.reshape(binCount: binCount, frameCount: frameCount)
        values.withUnsafeBufferPointer { source in
            power.values.withUnsafeMutableBufferPointer { target in
                for i in source.indices { target[i] = source[i] * source[i] }
            }
        }
    }

    /// `self ** 2` in float32 (see ``squared(into:)``).
    package func squared() -> Spectrogram {
        var power = Spectrogram()
        squared(into: &power)
        return power
    }
}
