/// The parameters of per-frame feature extraction. Defaults are librosa's (`sr=22050`,
/// `n_fft=2048`, `hop_length=512`, `n_mfcc=20`, `n_mels=128`, `chroma_stft`'s `n_chroma=12`,
/// `spectral_contrast`'s `n_bands=6` and `fmin=200`), and they encode under librosa's names, so an
/// encoded value is also a readable cache key.
///
/// `nFFT` is both the STFT size and the frame length of rms and zcr (librosa's `frame_length`
/// default equals its `n_fft` default).
package struct FeatureParameters: Sendable, Hashable, Codable {
    /// Sampling rate of the signal in Hz (`sr`).
    package var sampleRate: Int
    /// FFT size and frame length (`n_fft`, `frame_length`).
    package var nFFT: Int
    /// Hop between frames (`hop_length`).
    package var hopLength: Int
    /// MFCCs kept (`n_mfcc`).
    package var nMFCC: Int
    /// Mel bands (`n_mels`).
    package var nMels: Int
    /// Chroma bins per octave (`chroma_stft`'s `n_chroma`; also the tuning estimate's
    /// `bins_per_octave`).
    package var nChroma: Int
    /// Octave bands of spectral contrast above the lowest one (`spectral_contrast`'s `n_bands`;
    /// the feature has `n_bands + 1` rows).
    package var nBands: Int
    /// Upper edge of spectral contrast's lowest band in Hz (`spectral_contrast`'s `fmin`).
    package var fmin: Double

    package init(
        sampleRate: Int = 22050, nFFT: Int = 2048, hopLength: Int = 512, nMFCC: Int = 20, nMels: Int = 128,
        nChroma: Int = 12, nBands: Int = 6, fmin: Double = 200
    ) {
        self.sampleRate = sampleRate
        self.nFFT = nFFT
        self.hopLength = hopLength
        self.nMFCC = nMFCC
        self.nMels = nMels
        self.nChroma = nChroma
        self.nBands = nBands
        self.fmin = fmin
    }

    /// The frame geometry shared by every feature.
    package var geometry: FrameGeometry { FrameGeometry(frameLength: nFFT, hopLength: hopLength) }

    /// Throws ``DSPError`` naming the first parameter librosa would reject (or that changes
    /// librosa's frame count, like an odd `n_fft`), including spectral contrast bands that reach
    /// the Nyquist frequency (librosa: "Frequency band exceeds Nyquist").
    package func validate() throws(DSPError) {
        guard sampleRate > 0 else { throw invalid("sample_rate must be positive, got \(sampleRate)") }
        guard nFFT >= 2, nFFT % 2 == 0, nFFT <= 1 << 24 else {
            throw invalid("n_fft must be an even number in 2...\(1 << 24), got \(nFFT)")
        }
        guard hopLength > 0 else { throw invalid("hop_length must be positive, got \(hopLength)") }
        guard nMels > 0 else { throw invalid("n_mels must be positive, got \(nMels)") }
        guard (1...nMels).contains(nMFCC) else {
            throw invalid("n_mfcc must be in 1...n_mels (\(nMels)), got \(nMFCC)")
        }
        guard nChroma > 0 else { throw invalid("n_chroma must be positive, got \(nChroma)") }
        _ = try SpectralContrast.bands(
            sampleRate: Double(sampleRate), nFFT: nFFT, bandCount: nBands, minimumHz: fmin,
            quantile: SpectralContrast.defaultQuantile)
    }

    private func invalid(_ reason: String) -> DSPError { DSPError(.invalidParameter, reason: reason) }

    private enum CodingKeys: String, CodingKey {
        case sampleRate = "sample_rate"
        case nFFT = "n_fft"
        case hopLength = "hop_length"
        case nMFCC = "n_mfcc"
        case nMels = "n_mels"
        case nChroma = "n_chroma"
        case nBands = "n_bands"
        case fmin
    }
}
