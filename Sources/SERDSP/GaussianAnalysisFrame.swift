import Glibc

/// eGeMAPS' 60 ms analysis frame (`gemapsv01b_frame60` under `winFunc = gauss`, `sigma = 0.4`): the signal
/// around each of ``FrameGeometry``'s frame centres (zero outside the clip) under openSMILE's Gaussian window
/// `exp(-½ ((i - (N-1)/2) / (σ (N-1)/2))²)`, zero-padded symmetrically to the next power of two (openSMILE's
/// `zeroPadSymmetric`). The frame of ``HarmonicsToNoiseRatio`` and ``HarmonicDifferences``.
struct GaussianAnalysisFrame: Sendable {
    /// Samples under the window.
    let length: Int
    /// The padded length, a power of two.
    let size: Int
    let window: [Double]
    let hopLength: Int

    /// Throws ``DSPError`` (naming `descriptor`) for a non-positive rate or hop.
    init(descriptor: String, sampleRate: Double, geometry: FrameGeometry, seconds: Double, sigma: Double)
        throws(DSPError)
    {
        guard sampleRate > 0, sampleRate.isFinite, geometry.hopLength > 0 else {
            throw DSPError(.invalidParameter, reason: "\(descriptor): sample rate and hop must be positive")
        }
        let length = max(4, Int((seconds * sampleRate).rounded()))
        var size = 1
        while size < length { size *= 2 }
        self.length = length
        self.size = size
        self.hopLength = geometry.hopLength
        let half = Double(length - 1) / 2
        self.window = (0..<length).map { i in
            let x = (Double(i) - half) / (sigma * half)
            return exp(-0.5 * x * x)
        }
    }

    /// Writes frame `t` of `signal`, windowed and padded, into the first ``size`` values of `input`.
    func load(_ signal: UnsafeBufferPointer<Float>, frame t: Int, into input: UnsafeMutableBufferPointer<Double>) {
        let start = t * hopLength - length / 2
        let offset = (size - length) / 2
        for i in 0..<size { input[i] = 0 }
        let first = max(0, -start)
        let end = max(first, min(length, signal.count - start))
        for i in first..<end { input[offset + i] = Double(signal[start + i]) * window[i] }
    }
}
