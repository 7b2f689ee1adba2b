/// The autocorrelation of a zero-padded real frame by the Wiener–Khinchin theorem, as
/// `librosa.autocorrelate` computes it: the inverse real FFT (FFTW, ``InverseRealFFT``) of the power
/// spectrum of the forward one (``RealFFT``). Unnormalised: lag `k` of ``output`` is `size` times
/// `Σ x_i x_{i+k}` for every lag the zero padding keeps free of wrap-around (the caller pads enough).
///
/// Shared by YIN's difference function (``YINDifference``) and the harmonics-to-noise ratio
/// (``HarmonicsToNoiseRatio``). Not Sendable: holds FFTW plans and buffers; one per task.
final class FFTAutocorrelation {
    private let forward: RealFFT
    private let inverse: InverseRealFFT

    /// Points of the transform.
    var size: Int { forward.size }
    /// The frame to correlate, `size` samples: write the frame and zero the rest before ``compute()``.
    var input: UnsafeMutableBufferPointer<Double> { forward.input }
    /// `size` lags of the last ``compute()``.
    var output: UnsafeMutableBufferPointer<Double> { inverse.output }

    /// Throws ``DSPError`` if FFTW cannot plan a transform of `size` points.
    init(size: Int) throws(DSPError) {
        forward = try RealFFT(size: size)
        inverse = try InverseRealFFT(size: size)
    }

    /// Correlates ``input`` into ``output``.
    func compute() {
        forward.execute()
        let spectrum = inverse.input
        for k in 0..<forward.binCount {
            let re = forward.real(k)
            let im = forward.imaginary(k)
            spectrum[2 * k] = re * re + im * im
            spectrum[2 * k + 1] = 0
        }
        inverse.execute()
    }
}
