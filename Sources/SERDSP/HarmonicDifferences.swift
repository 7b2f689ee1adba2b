import Glibc

/// The level differences H1–H2 and H1–A3 in dB, as openSMILE's `cHarmonics` computes them for eGeMAPS v02
/// (`logRelF0-H1-H2`, `logRelF0-H1-A3`: `harmonicDifferences = H1-H2;H1-A3`, `harmonicDifferencesLog = 1`).
///
/// For each frame with an F0 (pYIN's; eGeMAPS' is SHS's), the magnitude spectrum of eGeMAPS' 60 ms Gaussian
/// frame (``GaussianAnalysisFrame``, `fftmagG60`, as ``HarmonicsToNoiseRatio`` uses it) and its harmonics as `findHarmonicPeaks` finds
/// them: for the `h`-th multiple of F0, the bin nearest to it if that bin is a peak (above both neighbours),
/// else the nearest peak searching outwards, right before left, between the bins nearest to `(h − ½) F0` and
/// `(h + ½) F0`; a peak below the bin of `F0 / 2` or at the last bin does not count. Each harmonic's level
/// comes from the parabola through its peak and neighbours (`smileMath_quadFrom3pts`), relative to H1's
/// peak magnitude: `20 log10(peak_h / |X(H1)|)` (`postProcessHarmonics`).
/// - H1–H2 is H1's level minus the second harmonic's (0 minus its relative level).
/// - H1–A3 is H1's level minus A3's, A3 the harmonic of largest peak magnitude whose interpolated frequency
///   lies within ±20 % of F3 (``Formants``' third; `getFormantAmplitudeIndices`).
///
/// Where openSMILE writes a floor value (±200 or ±201 dB: no H1, a second harmonic that is missing or the
/// same peak as the first, no harmonic near F3, no F3), and in every unvoiced frame, the value here is NaN,
/// which the voiced-only statistics skip.
///
/// Not Sendable: holds an FFTW plan and buffers; one per task.
package final class HarmonicDifferences {
    package let sampleRate: Double
    package let geometry: FrameGeometry
    /// Harmonics searched for an A3 (`nHarmonics` in eGeMAPS: 100).
    static let harmonicCount = 100
    private let frame: GaussianAnalysisFrame
    private let fft: RealFFT
    private var magnitude: [Double]
    /// ``HarmonicSearch``'s harmonics, kept between frames.
    private var harmonics = [HarmonicSearch.Harmonic](repeating: .init(), count: HarmonicDifferences.harmonicCount)

    /// Throws ``DSPError`` for a non-positive rate or hop, or if FFTW cannot plan.
    package init(sampleRate: Double, geometry: FrameGeometry, windowSeconds: Double = 0.060, sigma: Double = 0.4)
        throws(DSPError)
    {
        let frame = try GaussianAnalysisFrame(
            descriptor: "H1–H2", sampleRate: sampleRate, geometry: geometry, seconds: windowSeconds, sigma: sigma)
        self.sampleRate = sampleRate
        self.geometry = geometry
        self.frame = frame
        self.fft = try RealFFT(size: frame.size)
        self.magnitude = [Double](repeating: 0, count: frame.size / 2 + 1)
    }

    /// H1–H2 and H1–A3 (dB) of every frame of `f0` (Hz, NaN where unvoiced) over `samples`, with `f3` (Hz,
    /// NaN where unknown) the third formant of each frame.
    package func callAsFunction(_ samples: [Float], f0: [Double], f3: [Double]) -> (h1h2: [Double], h1a3: [Double]) {
        precondition(f3.count == f0.count, "one F3 per frame")
        var h1h2 = [Double](repeating: .nan, count: f0.count)
        var h1a3 = [Double](repeating: .nan, count: f0.count)
        samples.withUnsafeBufferPointer { signal in
            for (t, frequency) in f0.enumerated() where frequency.isFinite && frequency > 0 {
                spectrum(signal, frame: t)
                let (second, third) = differences(f0: frequency, f3: f3[t])
                h1h2[t] = second
                h1a3[t] = third
            }
        }
        return (h1h2, h1a3)
    }

    /// The magnitude spectrum of frame `t` into ``magnitude``.
    private func spectrum(_ signal: UnsafeBufferPointer<Float>, frame t: Int) {
        frame.load(signal, frame: t, into: fft.input)
        fft.execute()
        let fft = fft
        magnitude.withUnsafeMutableBufferPointer { magnitude in
            for k in magnitude.indices {
                let re = fft.real(k)
                let im = fft.imaginary(k)
                magnitude[k] = (re * re + im * im).squareRoot()
            }
        }
    }

    /// H1–H2 and H1–A3 from ``magnitude`` (NaN where openSMILE writes a floor value).
    func differences(f0: Double, f3: Double) -> (Double, Double) {
        magnitude.withUnsafeBufferPointer { magnitude in
            HarmonicSearch(magnitude: magnitude, sampleRate: sampleRate, fftSize: fft.size)
                .differences(f0: f0, f3: f3, harmonics: &harmonics)
        }
    }

    /// `smileMath_quadFrom3pts`: the vertex of the parabola through three points, or the highest point when
    /// they make none.
    static func parabola(_ p1: (Double, Double), _ p2: (Double, Double), _ p3: (Double, Double)) -> (Double, Double) {
        let (x1, y1) = p1
        let (x2, y2) = p2
        let (x3, y3) = p3
        let den = x1 * x1 * x2 + x2 * x2 * x3 + x3 * x3 * x1 - x3 * x3 * x2 - x2 * x2 * x1 - x1 * x1 * x3
        if den != 0 {
            let a = (y1 * x2 + y2 * x3 + y3 * x1 - y3 * x2 - y2 * x1 - y1 * x3) / den
            let b = (x1 * x1 * y2 + x2 * x2 * y3 + x3 * x3 * y1 - x3 * x3 * y2 - x2 * x2 * y1 - x1 * x1 * y3) / den
            let c =
                (x1 * x1 * x2 * y3 + x2 * x2 * x3 * y1 + x3 * x3 * x1 * y2 - x3 * x3 * x2 * y1 - x2 * x2 * x1 * y3
                    - x1 * x1 * x3 * y2) / den
            if a != 0 {
                let x = -b / (2 * a)
                return (x, c - a * x * x)
            }
        }
        if y1 > y2 && y1 > y3 { return (x1, y1) }
        if y2 > y1 && y2 > y3 { return (x2, y2) }
        if y3 > y1 && y3 > y2 { return (x3, y3) }
        return (x1, y1)
    }
}

@available(*, unavailable, message: "holds an FFTW plan and buffers; make one per task")
extension HarmonicDifferences: Sendable {}
