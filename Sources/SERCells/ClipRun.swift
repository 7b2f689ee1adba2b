public import SERAudio

/// The outcome of running load → process → extract on one clip.
struct ClipRun: Sendable {
    var processed: ProcessedClip
    var features: ClipFeatures
}

/// Per-worker state: feature computers by sample rate (several only when `sample_rate: 0` keeps
/// each file's own rate).
struct ClipWorker {
    let settings: Settings
    let processor: ClipProcessor
    private var computers: [Int: FeatureComputer] = [:]

    init(settings: Settings, processing: Bool = true) {
        self.settings = settings
        processor = ClipProcessor(settings: settings, processing: processing)
    }

    mutating func run(path: String) throws(AudioError) -> ClipRun {
        let processed = try processor.process(path: path)
        let computer = computers[processed.sampleRate] ?? FeatureComputer(settings: settings, sampleRate: processed.sampleRate)
        computers[processed.sampleRate] = computer
        return ClipRun(processed: processed, features: computer(processed.samples))
    }
}
