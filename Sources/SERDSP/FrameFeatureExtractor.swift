/// Extracts the seed notebook's per-frame features from mono float32 audio, each exactly as
/// librosa 0.11 computes it with default arguments, in ``FeatureKind`` order: ``RMS`` and
/// ``ZeroCrossingRate`` from the samples, ``MFCC`` and ``Chroma`` from the ``STFT`` power
/// spectrogram, ``SpectralContrast`` from its magnitude. librosa computes one STFT each for mfcc,
/// chroma and contrast; they are identical, so one is computed here and shared.
///
/// Build one per parameter set and reuse it for every clip: it holds the FFTW plan, the window,
/// the filter banks (chroma's for each tuning met so far) and the DCT table, and keeps its
/// spectrograms and scratch buffers allocated between clips. It is not Sendable; give each task or
/// thread its own.
package final class FrameFeatureExtractor {
    package let parameters: FeatureParameters
    /// The rate of the samples it takes, in Hz.
    package let sampleRate: Int

    private let stft: STFT
    private let rms: RMS
    private let zcr: ZeroCrossingRate
    private let mfcc: MFCC
    private let chroma: Chroma
    private let contrast: SpectralContrast
    private var magnitude = Spectrogram()
    private var power = Spectrogram()
    private var melScratch: [Float] = []
    private var crossingScratch: [Int32] = []
    private var chromaScratch = Chroma.Scratch()
    private var contrastScratch = SpectralContrast.Scratch()

    /// Throws ``DSPError`` if the parameters are invalid (including spectral contrast bands that
    /// reach the Nyquist frequency, e.g. the defaults at 8 kHz) or FFTW cannot plan the transform.
    package init(parameters: FeatureParameters = FeatureParameters(), sampleRate rate: Int) throws(DSPError) {
        try parameters.validate(sampleRate: rate)
        self.parameters = parameters
        self.sampleRate = rate
        let sampleRate = Double(rate)
        self.stft = try STFT(nFFT: parameters.nFFT, hopLength: parameters.hopLength)
        self.rms = RMS(geometry: parameters.geometry)
        self.zcr = ZeroCrossingRate(geometry: parameters.geometry)
        self.mfcc = try MFCC(
            sampleRate: sampleRate, nFFT: parameters.nFFT, melCount: parameters.nMels,
            coefficientCount: parameters.nMFCC)
        self.chroma = try Chroma(sampleRate: sampleRate, nFFT: parameters.nFFT, chromaCount: parameters.nChroma)
        self.contrast = try SpectralContrast(
            sampleRate: sampleRate, nFFT: parameters.nFFT, bandCount: parameters.nBands, minimumHz: parameters.fmin)
    }

    /// The features of `samples` (mono, float32, at ``sampleRate``), each with
    /// `1 + n // hop_length` frames, and chroma's tuning estimate. Any length works, including 0
    /// (one frame).
    package func extract(_ samples: [Float]) -> FrameFeatures {
        stft.magnitude(samples, into: &magnitude)
        magnitude.squared(into: &power)
        let (chromaMatrix, tuning) = chroma(power, scratch: &chromaScratch)
        return FrameFeatures(
            [
                .init(kind: .rms, matrix: FeatureMatrix(row: rms(samples).map(Double.init))),
                .init(kind: .zcr, matrix: FeatureMatrix(row: zcr(samples, scratch: &crossingScratch))),
                .init(kind: .mfcc, matrix: mfcc(power, scratch: &melScratch)),
                .init(kind: .chroma, matrix: chromaMatrix),
                .init(kind: .contrast, matrix: contrast(magnitude, scratch: &contrastScratch)),
            ], chromaTuning: tuning)
    }
}

@available(*, unavailable, message: "holds an FFTW plan and scratch buffers; make one per task")
extension FrameFeatureExtractor: Sendable {}
