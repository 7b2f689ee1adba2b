/// Extracts the seed notebook's per-frame features from mono float32 audio, each exactly as
/// librosa 0.11 computes it with default arguments: ``RMS``, ``ZeroCrossingRate`` and ``MFCC``
/// (from the ``STFT`` power spectrogram), in ``FeatureKind`` order.
///
/// Build one per parameter set and reuse it for every clip: it holds the FFTW plan, the window,
/// the mel filter bank and the DCT table, and keeps its spectrogram and scratch buffers allocated
/// between clips. It is not Sendable; give each task or thread its own.
public final class FrameFeatureExtractor {
    public let parameters: FeatureParameters

    private let stft: STFT
    private let rms: RMS
    private let zcr: ZeroCrossingRate
    private let mfcc: MFCC
    private var magnitude = Spectrogram()
    private var power = Spectrogram()
    private var melScratch: [Float] = []
    private var crossingScratch: [Int32] = []

    /// Throws ``DSPError`` if the parameters are invalid or FFTW cannot plan the transform.
    public init(parameters: FeatureParameters = FeatureParameters()) throws(DSPError) {
        try parameters.validate()
        self.parameters = parameters
        self.stft = try STFT(nFFT: parameters.nFFT, hopLength: parameters.hopLength)
        self.rms = RMS(geometry: parameters.geometry)
        self.zcr = ZeroCrossingRate(geometry: parameters.geometry)
        self.mfcc = try MFCC(
            sampleRate: Double(parameters.sampleRate), nFFT: parameters.nFFT, melCount: parameters.nMels,
            coefficientCount: parameters.nMFCC)
    }

    /// The features of `samples` (mono, float32, at ``FeatureParameters/sampleRate``), each with
    /// `1 + n // hop_length` frames. Any length works, including 0 (one frame).
    public func extract(_ samples: [Float]) -> FrameFeatures {
        stft.magnitude(samples, into: &magnitude)
        magnitude.squared(into: &power)
        return FrameFeatures([
            .init(kind: .rms, matrix: FeatureMatrix(row: rms(samples).map(Double.init))),
            .init(kind: .zcr, matrix: FeatureMatrix(row: zcr(samples, scratch: &crossingScratch))),
            .init(kind: .mfcc, matrix: mfcc(power, scratch: &melScratch)),
        ])
    }
}

@available(*, unavailable, message: "holds an FFTW plan and scratch buffers; make one per task")
extension FrameFeatureExtractor: Sendable {}
