import Glibc

/// `librosa.feature.melspectrogram(y=y, sr=sr, n_fft=…, hop_length=…, n_mels=…)` with librosa's
/// defaults otherwise (centred frames, zero padding, periodic Hann, power 2, Slaney mel scale and
/// norm): the picture `librosa.display.specshow` draws, after ``decibels(reference:topDB:)``.
package struct MelSpectrogram: Sendable {
    package let melCount: Int
    package let frameCount: Int
    /// Power per band and frame, frame-major (`frameCount × melCount`).
    package let power: [Float]

    package init(samples: [Float], sampleRate: Double, nFFT: Int, hopLength: Int, melCount: Int)
        throws(DSPError)
    {
        let filterbank = try MelFilterbank(sampleRate: sampleRate, nFFT: nFFT, melCount: melCount)
        let spectrum = try STFT(nFFT: nFFT, hopLength: hopLength).power(samples)
        var mel: [Float] = []
        filterbank.apply(to: spectrum, into: &mel)
        self.melCount = melCount
        self.frameCount = spectrum.frameCount
        self.power = mel
    }

    /// The largest power in any band and frame (0 for an empty clip): `ref=np.max`'s reference.
    package var peak: Float { power.max() ?? 0 }

    /// `librosa.power_to_db(S, ref=reference, top_db=topDB)`: `10·log10(max(1e-10, S) / max(1e-10, reference))`,
    /// floored `topDB` below its own maximum; band-major (`melCount × frameCount`, lowest band first)
    /// as an image is drawn. Pass one clip's ``peak`` to put two spectrograms on the same scale.
    package func decibels(reference: Float, topDB: Float = 80) -> [Float] {
        let amin: Float = 1e-10
        let offset = 10 * log10(Double(max(amin, reference)))
        var image = [Float](repeating: 0, count: power.count)
        var top = -Float.infinity
        for frame in 0..<frameCount {
            for band in 0..<melCount {
                let db = Float(10 * log10(Double(max(amin, power[frame * melCount + band]))) - offset)
                image[band * frameCount + frame] = db
                top = max(top, db)
            }
        }
        let floor = top - topDB
        for index in image.indices where image[index] < floor { image[index] = floor }
        return image
    }
}

extension MelSpectrogram {
    /// `librosa.power_to_db(S)` with its defaults (`ref=1`, `top_db=80`, `amin=1e-10`), frame-major
    /// (`frameCount × melCount`, one frame after another): the input of the `cnn` model.
    package var logPower: [Float] {
        var values = power.map { Float(10 * log10(Double(max(1e-10, $0)))) }
        let floor = (values.max() ?? 0) - 80
        for index in values.indices where values[index] < floor { values[index] = floor }
        return values
    }
}
