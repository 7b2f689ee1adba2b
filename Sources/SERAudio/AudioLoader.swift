package import SERFiles

/// What `librosa.load(path, sr=22050)` returns, plus what happened on the way.
package struct LoadedAudio: Sendable {
    /// Mono float32 samples at ``sampleRate``.
    package var samples: [Float]
    package var sampleRate: Int
    /// The file's own rate, channel count and frame count before mixing and resampling.
    package var sourceSampleRate: Int
    package var sourceChannelCount: Int
    package var sourceFrameCount: Int
    package var sourceFormat: String
    /// The file's peak before and after normalisation, in its own integer scale (pydub's `seg.max`);
    /// `nil` when no normaliser ran.
    package var normalizedPeak: (before: Double, after: Double)?
    /// The file's stamp once its samples were read (``DecodedAudio/stamp``).
    package var stamp: FileStamp?
}

/// Decode → optional pydub-style peak normalisation → mono mean → soxr HQ resampling: the load
/// step of the seed notebook (`pydub.effects.normalize`, then `librosa.load(path, sr=sr)`).
///
/// Keeps its resamplers between files: one loader per task. Not Sendable.
package final class AudioLoader {
    /// Target rate; `nil` keeps the file's own rate (`sr=None`).
    package let sampleRate: Int?
    /// Applied to the decoded channels before mixing, as pydub does before librosa reads the file.
    package let normalizer: PeakNormalizer?
    private let resampler = Resampler()

    package init(sampleRate: Int?, normalizer: PeakNormalizer? = nil) {
        self.sampleRate = sampleRate
        self.normalizer = normalizer
    }

    package func load(path: String) throws(AudioError) -> LoadedAudio {
        let decoded = try AudioFile.read(path: path)
        let peak = normalizer == nil ? 0 : decoded.peak
        let normalized = normalizer.map { $0(decoded, peak: peak) } ?? decoded
        let mono = normalized.monoMix()
        let rate = sampleRate ?? decoded.sampleRate
        let samples = try resampler.resample(mono, from: decoded.sampleRate, to: rate, path: path)
        return LoadedAudio(
            samples: samples,
            sampleRate: rate,
            sourceSampleRate: decoded.sampleRate,
            sourceChannelCount: decoded.channelCount,
            sourceFrameCount: decoded.frameCount,
            sourceFormat: decoded.formatName,
            normalizedPeak: normalizer == nil ? nil : (peak, normalized.peak),
            stamp: decoded.stamp
        )
    }
}
