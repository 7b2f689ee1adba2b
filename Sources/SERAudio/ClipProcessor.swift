package import SERDSP
package import SERFiles

/// What happened to one clip on its way to features: sample counts per stage and the trim span,
/// as `reference_features.py` records them in `meta.stages`.
package struct ClipStages: Sendable, Equatable {
    package struct Normalize: Sendable, Equatable {
        /// Peak before and after, in the file's integer scale (or full scale 1 for float files).
        package var peakBefore: Double
        package var peakAfter: Double
    }

    package var sourceSampleRate: Int
    package var sourceChannelCount: Int
    package var sourceFrameCount: Int
    package var sourceFormat: String
    package var normalize: Normalize?
    /// After `librosa.load`: the rate and sample count.
    package var loadedSampleRate: Int
    package var loadedCount: Int
    package var loadedPeak: Float
    package var trim: Range<Int>?
    package var fixedLength: Int?
    /// Whether noise reduction ran, and which gate.
    package var denoise: ProcessingSettings.Denoise?
}

/// One clip after load and process: the samples the features are computed from.
package struct ProcessedClip: Sendable {
    /// The waveform as loaded (mono, resampled), before trim and fix length.
    package var loaded: [Float]
    /// The waveform after every enabled processing step.
    package var samples: [Float]
    package var sampleRate: Int
    package var stages: ClipStages
    /// The file's stamp once its samples were read (``DecodedAudio/stamp``).
    package var stamp: FileStamp?
}

/// The seed notebook's load and process steps for one clip, as the settings switch them:
/// pydub normalise → `librosa.load` (mono, soxr HQ) → `effects.trim` → `util.fix_length` →
/// `noisereduce.reduce_noise`.
///
/// Holds the noise reducer's FFT plans and buffers: one per worker, reused clip after clip.
package struct ClipProcessor {
    let settings: ProcessingSettings
    /// The rate clips are loaded at; `nil` keeps each file's own (`sr=None`).
    let sampleRate: Int?
    /// Trimming frames the signal as the features do (`frame_length=n_fft`, `hop_length`).
    let framing: FrameGeometry
    /// `false` skips every processing step (`serreport features --raw`).
    let processing: Bool
    let loader: AudioLoader
    let reducer: NoiseReducer?

    /// - Parameter sampleRate: `sample_rate`; 0 keeps each file's own rate.
    package init(
        _ settings: ProcessingSettings, sampleRate: Int, framing: FrameGeometry, processing: Bool = true
    ) throws(AudioError) {
        self.settings = settings
        self.sampleRate = sampleRate == 0 ? nil : sampleRate
        self.framing = framing
        self.processing = processing
        let normalize = settings.normalize
        loader = AudioLoader(
            sampleRate: self.sampleRate,
            normalizer: processing && normalize.enabled ? PeakNormalizer(headroomDB: normalize.headroomDB) : nil)
        let denoise = settings.denoise
        reducer = processing && denoise.enabled == .on ? try NoiseReducer(denoise.reduction) : nil
    }

    package func process(path: String) throws(AudioError) -> ProcessedClip {
        let audio = try loader.load(path: path)
        let loaded = audio.samples
        let rate = audio.sampleRate
        var stages = ClipStages(
            sourceSampleRate: audio.sourceSampleRate,
            sourceChannelCount: audio.sourceChannelCount,
            sourceFrameCount: audio.sourceFrameCount,
            sourceFormat: audio.sourceFormat,
            normalize: audio.normalizedPeak.map { ClipStages.Normalize(peakBefore: $0.before, peakAfter: $0.after) },
            loadedSampleRate: rate,
            loadedCount: loaded.count,
            loadedPeak: loaded.withUnsafeBufferPointer { DecodedAudio.largestMagnitude($0) }
        )
        var samples = loaded
        if processing && settings.trim.enabled {
            let trimmed = trimmer(samples)
            samples = trimmed.samples
            stages.trim = trimmed.range
        }
        if processing && settings.fixLength.enabled == .on {
            let length = FixedLength.length(seconds: settings.fixLength.seconds, sampleRate: rate)
            samples = FixedLength.apply(samples, length: length)
            stages.fixedLength = length
        }
        if let reducer {
            samples = try reducer.reduceNoise(samples, sampleRate: rate, path: path)
            stages.denoise = settings.denoise
        }
        // Trimming keeps every frame within top_db of the loudest: nothing is left only when no frame's
        // level is a number (samples so large their powers overflow float32).
        guard !samples.isEmpty else {
            throw AudioError(
                .invalidSamples, path: path,
                reason: "nothing left after trimming (no frame's level is finite: samples far outside -1…1? "
                    + "process.normalize.enabled scales them)")
        }
        return ProcessedClip(loaded: loaded, samples: samples, sampleRate: rate, stages: stages, stamp: audio.stamp)
    }

    /// `librosa.effects.trim` as the settings say.
    var trimmer: SilenceTrimmer { SilenceTrimmer(topDB: Float(settings.trim.topDB), geometry: framing) }
}
