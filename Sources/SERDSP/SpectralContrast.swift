/// Spectral contrast: `librosa.feature.spectral_contrast(y=y, sr=sr)` with its defaults
/// (`n_fft=2048`, `hop_length=512`, `center=True`, `pad_mode="constant"`, `fmin=200.0`,
/// `n_bands=6`, `quantile=0.02`, `linear=False`), from the **magnitude** spectrogram.
///
/// For each of the `n_bands + 1` octave bands (``Band``) and each frame, the valley is the float32
/// mean of the band's `q` smallest magnitudes and the peak the mean of its `q` largest, each summed
/// in ascending order as numpy sums `np.sort(...)[:q]` and `[-q:]`; both are stored as float64.
/// The contrast is `power_to_db(peak) - power_to_db(valley)`, in float64, each with `top_db=80`
/// against its own maximum over **all bands and frames** of the clip. Applied to magnitudes, the
/// decibels are "power dB of magnitudes" (half the amplitude-dB value), as in librosa. A silent
/// clip gives 0 everywhere.
///
/// The q smallest and largest values are found by selection, not by sorting the band; only the `q`
/// selected values are sorted, which gives the same sums.
package struct SpectralContrast: Sendable, Hashable {
    /// One octave band: the bins whose magnitudes are ranked, and how many of each extreme are
    /// averaged.
    package struct Band: Sendable, Hashable {
        /// The bins librosa sorts (`sub_band`): the bins from `octa[k]` to `octa[k+1]` Hz inclusive,
        /// plus one bin below (except band 0), without the top bin (except the last band, which
        /// instead extends to the Nyquist bin).
        package let bins: Range<Int>
        /// Values averaged at each end, `max(1, rint(quantile * n))` where `n` counts the band's
        /// bins **before** its top bin is dropped (round half to even, as `np.rint`).
        package let extremeCount: Int
    }

    /// librosa's `quantile` default, 0.02.
    static let defaultQuantile = 0.02

    /// Sampling rate the bins refer to, in Hz.
    package let sampleRate: Double
    /// FFT length; spectrograms have `nFFT / 2 + 1` bins.
    package let nFFT: Int
    /// The `n_bands + 1` bands, lowest first.
    package let bands: [Band]

    /// Throws ``DSPError`` for what librosa rejects (`n_bands < 1`, `fmin <= 0`, a band edge below
    /// the top one at or above the Nyquist frequency) and for bands with no bins to rank (librosa
    /// raises an `IndexError` or returns NaN there).
    package init(sampleRate: Double, nFFT: Int, bandCount: Int, minimumHz: Double) throws(DSPError) {
        self.bands = try Self.bands(
            sampleRate: sampleRate, nFFT: nFFT, bandCount: bandCount, minimumHz: minimumHz,
            quantile: Self.defaultQuantile)
        self.sampleRate = sampleRate
        self.nFFT = nFFT
    }

    /// The contrast (`bands.count × frames`, float64) of a magnitude spectrogram with
    /// `nFFT / 2 + 1` bins.
    package func callAsFunction(_ magnitude: Spectrogram) -> FeatureMatrix {
        var scratch = Scratch()
        return self(magnitude, scratch: &scratch)
    }

    /// Buffers reused between clips: the peak and valley matrices and the selection buffers.
    struct Scratch {
        var peaks: [Double] = []
        var valleys: [Double] = []
        var selection: [Float] = []
    }

    /// As ``callAsFunction(_:)``, reusing `scratch`.
    func callAsFunction(_ magnitude: Spectrogram, scratch: inout Scratch) -> FeatureMatrix {
        precondition(magnitude.binCount == nFFT / 2 + 1, "spectrogram has \(magnitude.binCount) bins, n_fft is \(nFFT)")
        let frames = magnitude.frameCount
        let count = bands.count * frames
        scratch.peaks.resize(to: count)
        scratch.valleys.resize(to: count)
        scratch.selection.resize(to: 4 * (bands.map(\.bins.count).max() ?? 0))
        let bins = magnitude.binCount
        magnitude.values.withUnsafeBufferPointer { spectrum in
            scratch.selection.withUnsafeMutableBufferPointer { selection in
                scratch.peaks.withUnsafeMutableBufferPointer { peaks in
                    scratch.valleys.withUnsafeMutableBufferPointer { valleys in
                        for t in 0..<frames {
                            let frame = spectrum.baseAddress! + t * bins
                            for (b, band) in bands.enumerated() {
                                let means = Self.extremeMeans(
                                    frame + band.bins.lowerBound, count: band.bins.count, extremes: band.extremeCount,
                                    scratch: selection.baseAddress!)
                                valleys[b * frames + t] = Double(means.low)
                                peaks[b * frames + t] = Double(means.high)
                            }
                        }
                        DecibelScale.powerToDB(peaks)
                        DecibelScale.powerToDB(valleys)
                    }
                }
            }
        }
        let values = (0..<count).map { scratch.peaks[$0] - scratch.valleys[$0] }
        return FeatureMatrix(rowCount: bands.count, frameCount: frames, values: values)
    }
}
