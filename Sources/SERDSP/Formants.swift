import Glibc

/// Formant frequencies and bandwidths F1–F3 by linear prediction, as openSMILE's eGeMAPS v02 computes
/// them (`F1frequency`, `F1bandwidth`, …: `cFormantLpc` over `cLpc` with `method = acf` and `p = 11`, over
/// `cSpecResample` with `targetFs = 11000`, over the FFT of a 20 ms Hamming frame).
///
/// For each voiced frame (pYIN's voicing; eGeMAPS takes formant statistics over voiced frames only), 20 ms
/// of signal centred on the frame (``FrameGeometry``'s centres, zero outside the clip) under openSMILE's
/// Hamming window (`0.54 − 0.46 cos(2πi / (L − 1))`), zero-padded to the next power of two `N`, and its
/// spectrum `X`:
/// 1. `cSpecResample` turns the spectrum's bins into the frame's 20 ms at 11 kHz, `I = round(11000 · L / sr)`
///    samples (the rate adjusted to `sr · I / L`, 11 000 Hz at 16 and 22.05 kHz; below 11 kHz the frame is
///    upsampled), with the zero-padded frame's period `P = I · N / L` samples. Its autocorrelation at lags
///    `0 … p` is computed here straight from those bins (Wiener–Khinchin): `r(m) = Σ_k c_k |X_k|² cos(2π k m
///    / P)` over the bins `smileDsp_irdft` sums, `k < K` with `K` half of the even part of `min(N, I)`
///    (openSMILE's `kMax`: the output length, not the target rate, limits the band, to 4.7 kHz at 22.05 kHz),
///    `c_0 = 2` and `c_k = 1` (it adds DC and each bin's parts once).
/// 2. Levinson–Durbin gives the order-11 predictor `A(z) = 1 + a_1 z⁻¹ + … + a_11 z⁻¹¹` (`cLpc`, `acf`).
/// 3. The roots of `A` (``PolynomialRoots``), each outside the unit circle reflected inside
///    (`smileMath_complexIntoUnitCircle`); those with a non-negative imaginary part and an angle between 50
///    and 5450 Hz are formants, frequency `|arg z| · fs / 2π` and bandwidth `−ln|z| · fs / π`, in ascending
///    frequency (`smileDsp_lpcrootsToFormants`).
///
/// F1–F3 are the first three. A frame with fewer, a silent frame and every unvoiced frame have NaN
/// (openSMILE writes 0, which eGeMAPS' `nz` statistics skip).
///
/// Not Sendable: holds an FFTW plan and buffers; one per task.
package final class Formants {
    /// eGeMAPS' predictor order (`p = 11`).
    static let order = 11
    /// eGeMAPS' range for a formant (`minF`, `maxF`), Hz.
    static let lowest = 50.0
    static let highest = 5450.0
    /// F1–F3.
    package static let count = 3

    package let sampleRate: Double
    package let geometry: FrameGeometry
    /// Samples in the 20 ms frame.
    package let frameLength: Int
    /// The rate of the resampled frame, `sr · I / L` (11 000 Hz at 16 and 22.05 kHz).
    package let analysisRate: Double
    private let window: [Double]
    private let fft: RealFFT
    /// `c_k cos(2π k m / N′)` at `k * (order + 1) + m`, for the bins used.
    private let cosines: [Double]
    private let binsUsed: Int
    private let roots: PolynomialRoots
    private var autocorrelation: [Double]
    private var predictor: [Double]
    /// The last frame's autocorrelation and predictor, for tests.
    var lastAutocorrelation: [Double] { autocorrelation }
    var lastPredictor: [Double] { predictor }
    private var previous: [Double]

    /// Throws ``DSPError`` for a rate at which 20 ms is under 4 samples, or if FFTW cannot plan.
    package init(sampleRate: Double, geometry: FrameGeometry, frameSeconds: Double = 0.020, targetRate: Double = 11000)
        throws(DSPError)
    {
        let length = Int((frameSeconds * sampleRate).rounded())
        guard sampleRate.isFinite, length >= 4 else {
            throw DSPError(
                .invalidParameter, reason: "formants: a \(frameSeconds) s frame at \(sampleRate) Hz is too short")
        }
        var size = 1
        while size < length { size *= 2 }
        // cSpecResample's output: the 20 ms of the frame (not its zero padding) at the target rate,
        // `I = round(11000 · L / sr)` samples, the rate adjusted to `sr · I / L` for a whole number of them
        // and the padded frame's period `I · N / L` samples. Below 11 kHz the frame is upsampled.
        let resampled = max(2, Int((targetRate * Double(length) / sampleRate).rounded()))
        let rate = sampleRate * Double(resampled) / Double(length)
        let period = Double(resampled) * Double(size) / Double(length)
        self.sampleRate = sampleRate
        self.geometry = geometry
        self.frameLength = length
        self.analysisRate = rate
        self.window = (0..<length).map { 0.54 - 0.46 * cos(2 * Double.pi * Double($0) / Double(length - 1)) }
        self.fft = try RealFFT(size: size)
        // `smileDsp_irdft` sums the bins below `kMax = min(N, I)` (made even), each bin's real and imaginary
        // parts once and the DC once: as power, DC counts twice a bin's (a proper inverse DFT counts each bin
        // twice). At 22 050 Hz that is the bins up to 4.7 kHz, at 16 kHz up to 3.4 kHz: the output length,
        // not the target rate, sets the band, as openSMILE computes it.
        var kMax = min(size, resampled)
        if kMax % 2 == 1 { kMax -= 1 }
        let bins = max(1, kMax / 2)
        self.binsUsed = bins
        let lags = Self.order + 1
        precondition(lags == 12, "the autocorrelation sums run in one SIMD8 and one SIMD4")
        var cosines = [Double](repeating: 0, count: bins * lags)
        for k in 0..<bins {
            let weight = k == 0 ? 2.0 : 1.0
            for m in 0..<lags {
                cosines[k * lags + m] = weight * cos(2 * Double.pi * Double(k * m) / period)
            }
        }
        self.cosines = cosines
        self.roots = PolynomialRoots(degree: Self.order)
        self.autocorrelation = [Double](repeating: 0, count: lags)
        self.predictor = [Double](repeating: 0, count: lags)
        self.previous = [Double](repeating: 0, count: lags)
    }

    /// F1–F3 frequencies and bandwidths (Hz) of every frame of `voiced` over `samples`: three rows each,
    /// NaN where unvoiced or not found.
    package func callAsFunction(_ samples: [Float], voiced: [Bool]) -> (
        frequencies: FeatureMatrix, bandwidths: FeatureMatrix
    ) {
        let frames = voiced.count
        var frequencies = [Double](repeating: .nan, count: Self.count * frames)
        var bandwidths = [Double](repeating: .nan, count: Self.count * frames)
        samples.withUnsafeBufferPointer { signal in
            for t in 0..<frames where voiced[t] {
                let found = formants(signal, frame: t)
                for (index, formant) in found.prefix(Self.count).enumerated() {
                    frequencies[index * frames + t] = formant.frequency
                    bandwidths[index * frames + t] = formant.bandwidth
                }
            }
        }
        return (
            FeatureMatrix(rowCount: Self.count, frameCount: frames, values: frequencies),
            FeatureMatrix(rowCount: Self.count, frameCount: frames, values: bandwidths)
        )
    }

    /// Every formant of frame `t` in the 50–5450 Hz range, ascending.
    func formants(_ signal: UnsafeBufferPointer<Float>, frame t: Int) -> [(frequency: Double, bandwidth: Double)] {
        let input = fft.input
        let start = t * geometry.hopLength - frameLength / 2
        for i in 0..<fft.size { input[i] = 0 }
        window.withUnsafeBufferPointer { window in
            for i in max(0, -start)..<min(frameLength, signal.count - start) {
                input[i] = Double(signal[start + i]) * window[i]
            }
        }
        fft.execute()
        let lags = Self.order + 1
        // Twelve running sums in registers: lags 0–7 and 8–11.
        var low = SIMD8<Double>()
        var high = SIMD4<Double>()
        cosines.withUnsafeBufferPointer { cosines in
            let table = UnsafeRawPointer(cosines.baseAddress!)
            for k in 0..<binsUsed {
                let re = fft.real(k)
                let im = fft.imaginary(k)
                let power = re * re + im * im
                let offset = k * lags * MemoryLayout<Double>.stride
                low += power * table.loadUnaligned(fromByteOffset: offset, as: SIMD8<Double>.self)
                high +=
                    power
                    * table.loadUnaligned(
                        fromByteOffset: offset + 8 * MemoryLayout<Double>.stride, as: SIMD4<Double>.self)
            }
        }
        for m in 0..<8 { autocorrelation[m] = low[m] }
        for m in 0..<4 { autocorrelation[8 + m] = high[m] }
        guard levinsonDurbin() else { return [] }
        let solved = predictor.withUnsafeBufferPointer { roots.solve($0.baseAddress! + 1) }
        guard solved else { return [] }
        var found: [(frequency: Double, bandwidth: Double)] = []
        for i in 0..<Self.order {
            var re = roots.real[i]
            var im = roots.imaginary[i]
            let magnitude = (re * re + im * im).squareRoot()
            if magnitude > 1 {
                re /= magnitude * magnitude
                im /= magnitude * magnitude
            }
            guard im >= 0 else { continue }
            let frequency = abs(atan2(im, re)) * analysisRate / (2 * Double.pi)
            guard frequency >= Self.lowest, frequency <= Self.highest else { continue }
            let radius = (re * re + im * im).squareRoot()
            found.append((frequency, -log(radius) * analysisRate / Double.pi))
        }
        return found.sorted { $0.frequency < $1.frequency }
    }

    /// The predictor of ``autocorrelation`` into ``predictor`` (`predictor[0] = 1`); false for a silent
    /// frame or a numerically singular one.
    private func levinsonDurbin() -> Bool {
        let r = autocorrelation
        guard r[0] > 0, r[0].isFinite else { return false }
        for i in predictor.indices { predictor[i] = 0 }
        predictor[0] = 1
        var error = r[0]
        for i in 1...Self.order {
            var accumulator = r[i]
            for j in 1..<i { accumulator += predictor[j] * r[i - j] }
            let reflection = -accumulator / error
            for j in 0...i { previous[j] = predictor[j] }
            for j in 1..<i { predictor[j] = previous[j] + reflection * previous[i - j] }
            predictor[i] = reflection
            error *= 1 - reflection * reflection
            guard error > 0 else { return false }
        }
        return true
    }
}

@available(*, unavailable, message: "holds an FFTW plan and buffers; make one per task")
extension Formants: Sendable {}
