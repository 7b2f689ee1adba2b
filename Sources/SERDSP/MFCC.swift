/// Mel-frequency cepstral coefficients: `librosa.feature.mfcc(y=y, sr=sr)` with its defaults
/// (`n_mfcc=20`, `dct_type=2`, `norm="ortho"`, `lifter=0`; mel spectrogram with `n_fft=2048`,
/// `hop_length=512`, `power=2.0`, `n_mels=128`, `fmin=0`, `fmax=sr/2`, Slaney scale and norm).
///
/// From a power spectrogram: `Mel = W @ P` (``MelFilterbank``), then `power_to_db` (`ref=1`,
/// `amin=1e-10`, `top_db=80` against the maximum over the whole clip, float32), then the
/// orthonormal DCT-II over the mel axis, keeping the first `n_mfcc` coefficients. A silent clip
/// gives `c0 = -100 * sqrt(n_mels)` and zeros elsewhere, as librosa does.
package struct MFCC: Sendable, Hashable {
    /// The mel filter bank applied to the power spectrogram.
    package let filterbank: MelFilterbank
    /// Coefficients kept (`n_mfcc`).
    package var coefficientCount: Int { dct.outputCount }

    private let dct: OrthonormalDCT

    /// Throws ``DSPError`` for parameters librosa rejects, or `coefficientCount` outside
    /// `1...melCount`.
    package init(
        sampleRate: Double, nFFT: Int, melCount: Int, coefficientCount: Int
    ) throws(DSPError) {
        guard (1...max(melCount, 1)).contains(coefficientCount) else {
            throw DSPError(
                .invalidParameter, reason: "n_mfcc must be in 1...n_mels (\(melCount)), got \(coefficientCount)")
        }
        self.filterbank = try MelFilterbank(sampleRate: sampleRate, nFFT: nFFT, melCount: melCount)
        self.dct = OrthonormalDCT(inputCount: melCount, outputCount: coefficientCount)
    }

    /// The MFCCs (`coefficientCount × frames`) of a power spectrogram, which must have the filter
    /// bank's ``MelFilterbank/binCount`` bins (same `n_fft`).
    package func callAsFunction(_ power: Spectrogram) -> FeatureMatrix {
        var scratch: [Float] = []
        return self(power, scratch: &scratch)
    }

    /// As ``callAsFunction(_:)``, reusing `scratch` for the mel spectrogram in decibels.
    func callAsFunction(_ power: Spectrogram, scratch mel: inout [Float]) -> FeatureMatrix {
        filterbank.apply(to: power, into: &mel)
        let frames = power.frameCount
        let melCount = filterbank.melCount
        let coefficients = dct.outputCount
        let values = [Double](unsafeUninitializedCapacity: coefficients * frames) { out, initialized in
            mel.withUnsafeMutableBufferPointer { mel in
                DecibelScale.powerToDB(mel)
                for t in 0..<frames {
                    dct.apply(mel.baseAddress! + t * melCount, into: out.baseAddress! + t, outputStride: frames)
                }
            }
            initialized = coefficients * frames
        }
        return FeatureMatrix(rowCount: coefficients, frameCount: frames, values: values)
    }
}
