import SERDSP

extension ClipProcessor {
    /// One clip's waveform after each processing step, for the process figures: the file as loaded
    /// without normalisation ("original"), then after each enabled step in order.
    package func steps(path: String) throws(AudioError) -> (
        sampleRate: Int, steps: [(name: String, samples: [Float])], trimmedSpan: Range<Int>?
    ) {
        let original = try AudioLoader(sampleRate: sampleRate, normalizer: nil).load(path: path)
        var steps: [(name: String, samples: [Float])] = [("original", original.samples)]
        var samples = original.samples
        var trimmedSpan: Range<Int>?
        if processing && settings.normalize.enabled {
            samples = try loader.load(path: path).samples
            steps.append(("normalised", samples))
        }
        if processing && settings.trim.enabled {
            let trimmed = trimmer(samples)
            samples = trimmed.samples
            trimmedSpan = trimmed.range
            steps.append(("trimmed", samples))
        }
        if processing && settings.fixLength.enabled == .on {
            let length = FixedLength.length(seconds: settings.fixLength.seconds, sampleRate: original.sampleRate)
            samples = FixedLength.apply(samples, length: length)
            steps.append(("fixed length", samples))
        }
        if let reducer {
            samples = try reducer.reduceNoise(samples, sampleRate: original.sampleRate, path: path)
            steps.append(("denoised", samples))
        }
        return (original.sampleRate, steps, trimmedSpan)
    }
}
