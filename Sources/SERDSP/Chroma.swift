/// Chromagram: `librosa.feature.chroma_stft(y=y, sr=sr)` with its defaults (`norm=np.inf`,
/// `n_fft=2048`, `hop_length=512`, `center=True`, `pad_mode="constant"`, `tuning=None`,
/// `n_chroma=12`), from the power spectrogram (`power=2`).
///
/// The tuning is estimated per clip (``TuningEstimator``, as `estimate_tuning` does when `tuning`
/// is None), the ``ChromaFilterbank`` for that tuning is applied (float32), and each frame is
/// divided by its largest chroma value (computed in float64, stored as float32); a frame whose
/// maximum is below float32's smallest normal number (silence) stays unnormalised, i.e. zero.
/// Values lie in [0, 1] with a 1 in every non-silent frame.
package struct Chroma: Sendable, Hashable {
    /// Sampling rate the bins refer to, in Hz.
    package let sampleRate: Double
    /// FFT length; spectrograms have `nFFT / 2 + 1` bins.
    package let nFFT: Int
    /// Chroma bins per octave (`n_chroma`), the feature's row count.
    package let chromaCount: Int

    private let tuningEstimator: TuningEstimator

    /// Throws ``DSPError`` for a non-positive rate, an odd or non-positive `nFFT`, or no chroma.
    package init(sampleRate: Double, nFFT: Int, chromaCount: Int) throws(DSPError) {
        _ = try ChromaFilterbank(sampleRate: sampleRate, nFFT: nFFT, chromaCount: chromaCount)
        self.sampleRate = sampleRate
        self.nFFT = nFFT
        self.chromaCount = chromaCount
        self.tuningEstimator = TuningEstimator(sampleRate: sampleRate, nFFT: nFFT, binsPerOctave: chromaCount)
    }

    /// The chroma (`chromaCount × frames`) of a power spectrogram with `nFFT / 2 + 1` bins, and the
    /// tuning estimated for it (`meta.chroma_tuning` in the reference, e.g. -0.25).
    package func callAsFunction(_ power: Spectrogram) -> (chroma: FeatureMatrix, tuning: Double) {
        var scratch = Scratch()
        return self(power, scratch: &scratch)
    }

    /// Buffers reused between clips, and the filter banks built so far by tuning (at most 100,
    /// one per histogram bin).
    struct Scratch {
        var tuning = TuningEstimator.Scratch()
        var filterbanks: [Double: ChromaFilterbank] = [:]
        var raw: [Float] = []
    }

    /// As ``callAsFunction(_:)``, reusing `scratch`.
    func callAsFunction(_ power: Spectrogram, scratch: inout Scratch) -> (chroma: FeatureMatrix, tuning: Double) {
        let tuning = tuningEstimator(power, scratch: &scratch.tuning)
        let filterbank = filterbank(tuning: tuning, cache: &scratch.filterbanks)
        let frames = power.frameCount
        let bins = power.binCount
        scratch.raw.resize(to: chromaCount)
        let values = [Double](unsafeUninitializedCapacity: chromaCount * frames) { out, initialized in
            power.values.withUnsafeBufferPointer { power in
                scratch.raw.withUnsafeMutableBufferPointer { raw in
                    for t in 0..<frames {
                        filterbank.apply(frame: power.baseAddress! + t * bins, into: raw.baseAddress!)
                        var length = 0.0
                        for c in 0..<chromaCount { length = max(length, Double(abs(raw[c]))) }
                        if length < Double(Float.leastNormalMagnitude) { length = 1 }
                        for c in 0..<chromaCount {
                            out[c * frames + t] = Double(Float(Double(raw[c]) / length))
                        }
                    }
                }
            }
            initialized = chromaCount * frames
        }
        return (FeatureMatrix(rowCount: chromaCount, frameCount: frames, values: values), tuning)
    }

    private func filterbank(tuning: Double, cache: inout [Double: ChromaFilterbank]) -> ChromaFilterbank {
        if let cached = cache[tuning] { return cached }
        let filterbank = ChromaFilterbank(
            validatedSampleRate: sampleRate, nFFT: nFFT, chromaCount: chromaCount, tuning: tuning)
        cache[tuning] = filterbank
        return filterbank
    }
}
