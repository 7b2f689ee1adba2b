import SERDSP

#if canImport(Glibc)
    import Glibc
#endif

extension SpectralGate {
    /// `SpectralGateStationary.__init__`'s threshold per frequency (`stationary.py:48-82`):
    /// `mean_t + n_std_thresh_stationary · std_t` of `_amp_to_db(stft(noise))`, where the noise is
    /// the float32 signal itself (`y_noise=None`), truncated to `chunk_size` samples by default.
    ///
    /// The noise is not padded, and because it is float32, scipy's STFT runs in single precision:
    /// the window is rounded to float32, each windowed sample is a float32 product, and the
    /// spectrum is complex64 (here a float64 FFT rounded to float32, which agrees with pocketfft's
    /// single-precision FFT to its rounding), and `|Z|` is numpy's float32 complex magnitude. The
    /// decibels, floored at their maximum over time minus 80, are float64; mean and standard
    /// deviation (numpy's `ddof=0`) are summed over frames in order. `framing` is the gate's own
    /// except for noise shorter than one window (see `NoiseReducer`).
    func noiseThresholds(_ noise: UnsafeBufferPointer<Float>, framing: GateFraming, nStdThresh: Double) -> [Double] {
        let bins = framing.binCount
        let stride = framing.rowStride
        let frameCount = framing.frameCount(length: noise.count)
        guard frameCount > 0 else { return [Double](repeating: -.infinity, count: bins) }
        let rows = maskRows.reserve(frameCount * stride)
        let chunk = GateChunk(signal: noise, offset: 0, length: noise.count, keep: 0..<0)
        let active = chunk.nonzeroSpan().flatMap { framing.frames(touching: $0, frameCount: frameCount) }
        let window = framing.window.map { Float($0) }
        let scale = Float(framing.spectrumScale)
        let input = forward.input.baseAddress!
        var peak = [Double](repeating: 0, count: bins)
        for t in 0..<frameCount {
            let row = rows + t * stride
            guard let active, active.contains(t) else {
                for k in 0..<bins { row[k] = 0 }
                continue
            }
            let start = t * framing.hopLength - framing.boundary
            let lower = min(max(0, -start), framing.windowLength)
            let upper = max(min(framing.windowLength, noise.count - start), lower)
            for j in 0..<lower { input[j] = 0 }
            for j in lower..<upper { input[j] = Double(window[j] * noise[start + j]) }
            for j in upper..<framing.nFFT { input[j] = 0 }
            forward.execute()
            for k in 0..<bins {
                let magnitude = Double(
                    Numpy.magnitude(
                        real: Float(forward.real(k)) * scale, imaginary: Float(forward.imaginary(k)) * scale))
                row[k] = magnitude
                peak[k] = max(peak[k], magnitude)
            }
        }
        let eps = Double.ulpOfOne
        let floor = peak.map { 20 * log10($0 + eps) - 80 }
        var sum = [Double](repeating: 0, count: bins)
        for t in 0..<frameCount {
            let row = rows + t * stride
            for k in 0..<bins {
                let decibels = max(20 * log10(row[k] + eps), floor[k])
                row[k] = decibels
                sum[k] += decibels
            }
        }
        let count = Double(frameCount)
        let mean = sum.map { $0 / count }
        var squares = [Double](repeating: 0, count: bins)
        for t in 0..<frameCount {
            let row = rows + t * stride
            for k in 0..<bins {
                let deviation = row[k] - mean[k]
                squares[k] += deviation * deviation
            }
        }
        return (0..<bins).map { k in mean[k] + (squares[k] / count).squareRoot() * nStdThresh }
    }

}
