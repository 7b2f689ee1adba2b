import Foundation
import SERAudio
import SERPlot
import SERReport

/// What `serreport build` produced.
public struct BuildOutcome: Sendable {
    public var reportFolder: String
    public var reportPath: String
    public var clipCount: Int
    public var skipped: [SkippedFile]
}

/// The notebook end to end: load → process → extract on every clip (all cores), then the report
/// (`index.html`, `features.csv`, figures) from the results.
public struct Notebook: Sendable {
    public var settings: Settings
    public var jobs: Int
    /// One line per event (skipped file, written output); stderr in the command line.
    public var log: @Sendable (String) -> Void

    public init(settings: Settings, jobs: Int? = nil, log: @escaping @Sendable (String) -> Void) {
        self.settings = settings
        self.jobs = jobs ?? ParallelClips.coreCount
        self.log = log
    }

    /// Load → process → extract on every clip of the corpus (all cores).
    func analyze() throws(CellError) -> Analysis {
        let clock = ContinuousClock()
        let start = clock.now
        let corpus = try Corpus.open(settings.data, layout: settings.corpus, labels: settings.labels)
        for note in corpus.notes { log("load: \(note)") }
        for rejected in corpus.rejected { log("skip \(rejected.path): \(rejected.reason)") }

        let settings = self.settings
        let clips = corpus.clips
        let runs = ParallelClips.map(
            count: clips.count, workers: jobs,
            makeState: { ClipAnalyzer(settings: settings) },
            body: { worker, index in Result { () throws(ClipError) in try worker.analyze(path: clips[index].location) }
            })
        let computed = clock.now - start

        var skipped = corpus.rejected
        var results: [(clip: Clip, run: ClipAnalysis)] = []
        for (clip, run) in zip(clips, runs) {
            switch run {
            case .success(let run): results.append((clip, run))
            case .failure(let error):
                let reason = error.reason
                log("skip \(clip.path): \(reason)")
                skipped.append(SkippedFile(path: clip.path, reason: reason))
            }
        }
        guard !results.isEmpty else {
            throw CellError(cell: "load", message: "\(settings.data): none of the \(clips.count) clips could be used")
        }
        return Analysis(corpus: corpus, results: results, skipped: skipped, computeTime: computed)
    }

    public func build(outputFolder: String?) throws(CellError) -> BuildOutcome {
        let analysis = try analyze()
        let folder = outputFolder ?? "reports/\(analysis.corpus.name)"
        let writer = ReportWriter(folder: folder, settings: settings, corpus: analysis.corpus, jobs: jobs, log: log)
        let training = Result { () throws(CellError) in
            try Training.run(
                settings: settings, emotions: analysis.corpus.emotions, results: analysis.results, jobs: jobs)
        }
        if case .failure(let error) = training { log("train: \(error.message)") }
        let reportPath = try writer.write(
            results: analysis.results, skipped: analysis.skipped, computeTime: analysis.computeTime,
            training: training)
        return BuildOutcome(
            reportFolder: folder, reportPath: reportPath, clipCount: analysis.results.count, skipped: analysis.skipped)
    }
}

/// The clips of a corpus after load → process → extract, and the files that could not be used.
struct Analysis {
    var corpus: Corpus
    var results: [(clip: Clip, run: ClipAnalysis)]
    var skipped: [SkippedFile]
    var computeTime: Duration
}
