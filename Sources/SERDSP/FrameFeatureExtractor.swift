import Foundation

/// Extracts the seed notebook's per-frame features from mono float32 audio, each exactly as
/// librosa 0.11 computes it with default arguments, in ``FeatureKind`` order: ``RMS`` and
/// ``ZeroCrossingRate`` from the samples, ``MFCC`` and ``Chroma`` from the ``STFT`` power
/// spectrogram, ``SpectralContrast`` from its magnitude. librosa computes one STFT each for mfcc,
/// chroma and contrast; they are identical, so one is computed here and shared.
///
/// With `features.set: extended` it also computes the descriptors of the other ``FeatureGroup``s
/// switched on (delta MFCCs, spectral shape, spectral balance and loudness from the same magnitude
/// spectrogram, pYIN pitch, the harmonics-to-noise ratio, jitter and shimmer at pYIN's F0, LPC formants
/// in pYIN's voiced frames and the harmonic differences H1–H2, H1–A3), and only
/// the groups switched on.
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
    /// Only where spectral contrast is extracted: its bands need an `n_fft` other features do not.
    private let contrast: SpectralContrast?
    private let kinds: Set<FeatureKind>
    private let shape: SpectralShape
    private let balance: SpectralBalance
    private let loudness: Loudness
    private let pitch: ProbabilisticYIN?
    private let harmonicity: HarmonicsToNoiseRatio?
    private let perturbation: JitterShimmer
    private let formants: Formants?
    private let harmonicDifferences: HarmonicDifferences?
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
        self.kinds = Set(parameters.activeKinds)
        self.contrast =
            kinds.contains(.contrast)
            ? try SpectralContrast(
                sampleRate: sampleRate, nFFT: parameters.nFFT, bandCount: parameters.nBands, minimumHz: parameters.fmin)
            : nil
        self.shape = SpectralShape(sampleRate: sampleRate, nFFT: parameters.nFFT)
        self.balance = SpectralBalance(sampleRate: sampleRate, nFFT: parameters.nFFT)
        self.loudness = Loudness(sampleRate: sampleRate, nFFT: parameters.nFFT)
        self.pitch =
            parameters.needsPitch
            ? try ProbabilisticYIN(
                sampleRate: sampleRate, frameLength: parameters.nFFT, hopLength: parameters.hopLength) : nil
        self.harmonicity =
            kinds.contains(.hnr)
            ? try HarmonicsToNoiseRatio(sampleRate: sampleRate, geometry: parameters.geometry) : nil
        self.perturbation = JitterShimmer(sampleRate: sampleRate, geometry: parameters.geometry)
        self.formants =
            kinds.contains(.formantFrequency) || kinds.contains(.h1h2)
            ? try Formants(sampleRate: sampleRate, geometry: parameters.geometry) : nil
        self.harmonicDifferences =
            kinds.contains(.h1h2) ? try HarmonicDifferences(sampleRate: sampleRate, geometry: parameters.geometry) : nil
    }

    /// The features of `samples` (mono, float32, at ``sampleRate``), each with
    /// `1 + n // hop_length` frames, and chroma's tuning estimate. Any length works, including 0
    /// (one frame).
    package func extract(_ samples: [Float]) -> FrameFeatures {
        stft.magnitude(samples, into: &magnitude)
        var entries: [FrameFeatures.Entry] = []
        func add(_ kind: FeatureKind, _ matrix: @autoclosure () -> FeatureMatrix) {
            if kinds.contains(kind) { entries.append(.init(kind: kind, matrix: matrix())) }
        }
        add(.rms, FeatureMatrix(row: rms(samples).map(Double.init)))
        add(.zcr, FeatureMatrix(row: zcr(samples, scratch: &crossingScratch)))
        var tuning: Double?
        if kinds.contains(.mfcc) || kinds.contains(.mfccDelta) || kinds.contains(.chroma) {
            magnitude.squared(into: &power)
        }
        if kinds.contains(.mfcc) || kinds.contains(.mfccDelta) {
            let coefficients = mfcc(power, scratch: &melScratch)
            add(.mfcc, coefficients)
            add(.mfccDelta, DeltaFeatures.delta(coefficients))
        }
        if kinds.contains(.chroma) {
            let (chromaMatrix, estimate) = chroma(power, scratch: &chromaScratch)
            add(.chroma, chromaMatrix)
            tuning = estimate
        }
        if let contrast { add(.contrast, contrast(magnitude, scratch: &contrastScratch)) }
        if kinds.contains(.centroid) {
            let centroid = shape.centroid(magnitude)
            add(.centroid, FeatureMatrix(row: centroid))
            add(.bandwidth, FeatureMatrix(row: shape.bandwidth(magnitude, centroid: centroid)))
            add(.rolloff, FeatureMatrix(row: shape.rolloff(magnitude)))
            add(.flatness, FeatureMatrix(row: shape.flatness(magnitude)))
        }
        if kinds.contains(.alphaRatio) {
            let rows = balance(magnitude)
            for (kind, row) in zip([FeatureKind.alphaRatio, .hammarberg, .slope0To500, .slope500To1500], rows) {
                add(kind, FeatureMatrix(row: row))
            }
        }
        add(.loudness, FeatureMatrix(row: loudness(magnitude)))
        if let pitch {
            let track = pitch(samples)
            add(.f0, FeatureMatrix(row: track.f0.map { $0.isNaN ? .nan : 12 * log2($0 / 27.5) }))
            add(.voicing, FeatureMatrix(row: track.voicedProbability))
            if let harmonicity { add(.hnr, FeatureMatrix(row: harmonicity(samples, f0: track.f0))) }
            if kinds.contains(.jitter) {
                let (jitter, shimmer) = perturbation(samples, f0: track.f0)
                add(.jitter, FeatureMatrix(row: jitter))
                add(.shimmer, FeatureMatrix(row: shimmer))
            }
            if let formants {
                let (frequencies, bandwidths) = formants(samples, voiced: track.voiced)
                add(.formantFrequency, frequencies)
                add(.formantBandwidth, bandwidths)
                if let harmonicDifferences {
                    let (h1h2, h1a3) = harmonicDifferences(samples, f0: track.f0, f3: Array(frequencies.row(2)))
                    add(.h1h2, FeatureMatrix(row: h1h2))
                    add(.h1a3, FeatureMatrix(row: h1a3))
                }
            }
        }
        return FrameFeatures(entries, chromaTuning: tuning)
    }
}

@available(*, unavailable, message: "holds an FFTW plan and scratch buffers; make one per task")
extension FrameFeatureExtractor: Sendable {}
