/// The short-time Fourier transform `librosa.stft(y)` with librosa 0.11's defaults
/// (`n_fft=2048`, `hop_length=512`, `window="hann"` periodic, `center=True`,
/// `pad_mode="constant"`), reduced to magnitude or power spectrograms (`|X|` or `|X|**2`,
/// as `librosa.magphase` / `_spectrogram(power=p)` produce them).
///
/// Arithmetic follows librosa exactly: frame `t` is `y_pad[t*hop ..< t*hop + n_fft]` of the
/// signal with `n_fft / 2` zeros on each side; it is widened to float64, multiplied by the float64
/// window and transformed by a float64 real FFT (FFTW); each bin is rounded to complex64, and the
/// magnitude is numpy's float32 `np.abs` of that complex64 value. Any signal length works: a short
/// or empty signal is all padding (an empty one gives one frame of zeros).
///
/// Holds an FFTW plan and buffers, made once and reused for every frame and every clip. Not
/// Sendable: use one per task.
package final class STFT {
    /// FFT length and window length (`n_fft`).
    package let nFFT: Int
    /// Hop between frames in samples (`hop_length`).
    package let hopLength: Int
    /// Frequency bins per frame, `n_fft / 2 + 1`.
    package var binCount: Int { fft.binCount }

    private let fft: RealFFT
    private let window: [Double]
    private let geometry: FrameGeometry

    /// Plans the transform. Throws ``DSPError`` for an odd or non-positive size, a non-positive hop,
    /// or if FFTW fails. (An odd `n_fft` would change librosa's frame count, so it is refused.)
    package init(nFFT: Int, hopLength: Int) throws(DSPError) {
        guard nFFT >= 2, nFFT % 2 == 0 else {
            throw DSPError(.invalidParameter, reason: "n_fft must be a positive even number, got \(nFFT)")
        }
        guard hopLength > 0 else {
            throw DSPError(.invalidParameter, reason: "hop_length must be positive, got \(hopLength)")
        }
        self.fft = try RealFFT(size: nFFT)
        self.nFFT = nFFT
        self.hopLength = hopLength
        self.window = HannWindow.periodic(count: nFFT)
        self.geometry = FrameGeometry(frameLength: nFFT, hopLength: hopLength)
    }

    /// Frames for a signal of `sampleCount` samples: `1 + n // hop`.
    package func frameCount(sampleCount: Int) -> Int { geometry.frameCount(sampleCount: sampleCount) }

    /// `np.abs(librosa.stft(y))` (float32, frame-major), written into `magnitude`, whose storage
    /// is reused when it is large enough.
    package func magnitude(_ y: [Float], into magnitude: inout Spectrogram) {
        let frames = frameCount(sampleCount: y.count)
        let bins = binCount
        magnitude.reshape(binCount: bins, frameCount: frames)
        let input = fft.input
        y.withUnsafeBufferPointer { signal in
            window.withUnsafeBufferPointer { window in
                magnitude.values.withUnsafeMutableBufferPointer { out in
                    for t in 0..<frames {
                        loadFrame(t, of: signal, window: window, into: input)
                        fft.execute()
                        let row = t * bins
                        var k = 0
                        while k + 4 <= bins {
                            let bins = fft.fourBins(k)
                            let values = Numpy.magnitude(real: bins.real, imaginary: bins.imaginary)
                            UnsafeMutableRawPointer(out.baseAddress! + row + k).storeBytes(
                                of: values, as: SIMD4<Float>.self)
                            k += 4
                        }
                        while k < bins {
                            out[row + k] = Numpy.magnitude(
                                real: Float(fft.real(k)), imaginary: Float(fft.imaginary(k)))
                            k += 1
                        }
                    }
                }
            }
        }
    }

    /// `np.abs(librosa.stft(y))`: the magnitude spectrogram (`power=1`), float32, frame-major.
    package func magnitude(_ y: [Float]) -> Spectrogram {
        var result = Spectrogram()
        magnitude(y, into: &result)
        return result
    }

    /// `np.abs(librosa.stft(y)) ** 2`: the power spectrogram (`power=2`), float32, frame-major.
    package func power(_ y: [Float]) -> Spectrogram {
        magnitude(y).squared()
    }

    /// Writes `window * y_pad[t*hop ..< t*hop + n_fft]` (float64) into the FFT input.
    private func loadFrame(
        _ t: Int, of signal: UnsafeBufferPointer<Float>, window: UnsafeBufferPointer<Double>,
        into input: UnsafeMutableBufferPointer<Double>
    ) {
        let start = geometry.frameStart(t)
        let lower = min(max(0, -start), nFFT)
        let upper = max(min(nFFT, signal.count - start), lower)
        for i in 0..<lower { input[i] = 0 }
        if upper > lower, let base = signal.baseAddress {
            // Pointer arithmetic, not `signal[start + i]`: the unchecked form vectorises.
            let source = base + start
            for i in lower..<upper { input[i] = Double(source[i]) * window[i] }
        }
        for i in upper..<nFFT { input[i] = 0 }
    }
}
