import Glibc

/// Harmonics-to-noise ratio from the autocorrelation at the pitch period, in dB: openSMILE's
/// `cHarmonics` with `computeAcfHnrLogdB = 1` as eGeMAPS v02 configures it (`HNRdBACF`).
///
/// For each frame with an F0 (pYIN's, ``ProbabilisticYIN``; eGeMAPS uses its own SHS tracker):
/// 60 ms of signal centred on the frame (``FrameGeometry``'s centres, zero outside the clip) under
/// openSMILE's Gaussian window (`winFunc = gauss`, `sigma = 0.4`: `exp(-½ ((i - (N-1)/2) / (σ (N-1)/2))²)`),
/// zero-padded to the next power of two; its autocorrelation `r` as the inverse FFT of the power spectrum,
/// taken in absolute value (`computeAcf`); the lag `T = ⌊sr / F0⌋`, moved to the closest local maximum of
/// `|r|` (`getClosestPeak`, left before right); then `10 log10(r(T) / (r(0) - r(T)))`, the ratio clamped to
/// `[1e-9, 1e11]` (`computeAcfHnr_dB`: -90 to 110 dB). Frames without an F0 are NaN (openSMILE writes 0 and
/// eGeMAPS then keeps voiced frames only, as serreport's voiced-only statistics do).
///
/// The window lowers the value of even a perfectly periodic frame: for a pure tone of period `T` the
/// autocorrelation ratio is the window's own, `Σ w(n) w(n+T) / Σ w(n)²` (about 0.92, 10.9 dB, at 150 Hz),
/// as in openSMILE.
///
/// Not Sendable: holds FFTW plans and buffers; one per task.
package final class HarmonicsToNoiseRatio {
    package let sampleRate: Double
    package let geometry: FrameGeometry
    private let frame: GaussianAnalysisFrame
    /// Samples in the 60 ms analysis window.
    package var windowLength: Int { frame.length }
    package var window: [Double] { frame.window }
    private let correlation: FFTAutocorrelation
    private var autocorrelation: [Double]

    /// Throws ``DSPError`` for a non-positive rate or hop, or if FFTW cannot plan.
    package init(sampleRate: Double, geometry: FrameGeometry, windowSeconds: Double = 0.060, sigma: Double = 0.4)
        throws(DSPError)
    {
        let frame = try GaussianAnalysisFrame(
            descriptor: "HNR", sampleRate: sampleRate, geometry: geometry, seconds: windowSeconds, sigma: sigma)
        self.sampleRate = sampleRate
        self.geometry = geometry
        self.frame = frame
        self.correlation = try FFTAutocorrelation(size: frame.size)
        self.autocorrelation = [Double](repeating: 0, count: frame.size / 2 + 1)
    }

    /// One value per frame of `f0` (Hz, NaN where unvoiced) over `samples`: dB, NaN where unvoiced.
    package func callAsFunction(_ samples: [Float], f0: [Double]) -> [Double] {
        samples.withUnsafeBufferPointer { signal in
            f0.enumerated().map { t, frequency in
                guard frequency.isFinite, frequency > 0 else { return .nan }
                return ratio(signal, frame: t, frequency: frequency)
            }
        }
    }

    private func ratio(_ signal: UnsafeBufferPointer<Float>, frame t: Int, frequency: Double) -> Double {
        frame.load(signal, frame: t, into: correlation.input)
        correlation.compute()
        let lags = autocorrelation.count
        for k in 0..<lags { autocorrelation[k] = abs(correlation.output[k]) }
        let period = Int((sampleRate / frequency).rounded(.down))
        guard period > 0, period < lags else { return .nan }
        let lag = Self.closestPeak(autocorrelation, near: period)
        let zero = autocorrelation[0]
        let atPeriod = autocorrelation[lag]
        let noise = zero - atPeriod
        var value = noise == 0 ? 1e11 : atPeriod / noise
        value = min(max(value, 1e-9), 1e11)
        return 10 * log10(value)
    }

    /// `cHarmonics::isPeak`: strictly above both neighbours (the first point above its right one, the last
    /// above its left one).
    static func isPeak(_ x: [Double], _ n: Int) -> Bool {
        let count = x.count
        guard n >= 0, n < count else { return false }
        if n + 1 < count {
            return n > 0 ? x[n] > x[n - 1] && x[n] > x[n + 1] : count > 1 && x[0] > x[1]
        }
        return n > 0 && x[n] > x[n - 1]
    }

    /// `cHarmonics::getClosestPeak`: `index` if a peak, else the nearest peak, left before right at equal
    /// distance, inner points only; with none, the larger end (or `index` if all values are equal).
    static func closestPeak(_ x: [Double], near index: Int) -> Int {
        if isPeak(x, index) { return index }
        let count = x.count
        var offset = 1
        while index - offset > 0 || index + offset < count - 1 {
            if index - offset > 0, isPeak(x, index - offset) { return index - offset }
            if index + offset < count - 1, isPeak(x, index + offset) { return index + offset }
            offset += 1
        }
        let (first, last, here) = (x[0], x[count - 1], x[index])
        if first > here && last <= here { return 0 }
        if first <= here && last > here { return count - 1 }
        if first > here && last > here { return index < count / 2 ? 0 : count - 1 }
        return index
    }
}

@available(*, unavailable, message: "holds FFTW plans and buffers; make one per task")
extension HarmonicsToNoiseRatio: Sendable {}
