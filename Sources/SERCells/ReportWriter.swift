import Foundation
import SERPlot
import SERReport

/// Writes a build's outputs into one folder: `index.html`, `features.csv` and `figures/`.
///
/// Every file written here depends only on the inputs and settings (no times, no absolute paths),
/// so two builds of the same corpus give byte-identical files.
struct ReportWriter {
    let folder: String
    let settings: Settings
    let corpus: Corpus
    let jobs: Int
    let log: @Sendable (String) -> Void

    func write(
        results: [(clip: Clip, run: ClipAnalysis)], skipped: [SkippedFile], computeTime: Duration,
        training: Result<Training, CellError>
    ) throws(CellError) -> String {
        var drawn = CorpusFigures(settings: settings, emotions: corpus.emotions, results: results).all()
        var trainingSections: [ReportSection] = []
        var skipped = skipped
        switch training {
        case .success(let training):
            try training.write(to: folder, results: results, settings: settings)
            drawn += EvaluationFigures.all(
                models: training.figureEvaluations(results: results), curves: training.mlpCurves)
            skipped += training.excluded
        case .failure(let error):
            trainingSections = [TrainingSections.failed(error)]
        }
        let written = try FigureWriter(folder: folder, formatNames: settings.report.figureFormats, jobs: jobs)
            .write(drawn)
        func figures(of cell: String) -> [ReportFigure] {
            drawn.indices.filter { drawn[$0].cell == cell }.map { written[$0] }
        }
        try writeFeatureTable(results)
        if case .success(let training) = training {
            trainingSections = TrainingSections(training: training, settings: settings, results: results)
                .sections(train: figures(of: "train"), evaluate: figures(of: "evaluate"))
        }

        let emotions = corpus.emotions
        let counts = Dictionary(grouping: results, by: \.clip.emotion).mapValues(\.count)
        let frameCounts = results.map(\.run.features.frameCount)
        let featureNames = results[0].run.features.frames.map { "\($0.name) (\($0.rows.count))" }
        let sampleRate = results[0].run.processed.sampleRate
        let document = ReportDocument(
            title: "Speech emotion report: \(corpus.name)",
            subtitle: "\(results.count) clips, \(emotions.count) emotions, \(speakerCount(results)) speakers",
            highlights: [
                ReportPair("clips", "\(results.count)"),
                ReportPair("emotions", "\(emotions.count)"),
                ReportPair("skipped", "\(skipped.count)"),
                ReportPair("features per clip", "\(results[0].run.features.summary.count)"),
            ],
            sections: [
                ReportSection(
                    id: "load",
                    title: "Load",
                    narrative: """
                        Each clip is decoded with libsndfile, mixed to mono by averaging its channels and \
                        resampled with libsoxr's HQ recipe, as librosa.load does.
                        """ + corpus.notes.map { "\n\n" + $0 }.joined(),
                    parameters: [
                        ReportPair("corpus", corpus.adapter),
                        ReportPair("sample_rate", settings.sampleRate == 0 ? "native" : "\(sampleRate)"),
                    ],
                    timing: "load, process and extract: \(format(computeTime)) for \(results.count) clips",
                    figures: figures(of: "load"),
                    tables: [
                        ReportTable(
                            caption: "Clips per emotion",
                            columns: ["emotion", "clips"],
                            rows: emotions.map { [$0, "\(counts[$0] ?? 0)"] })
                    ]),
                ReportSection(
                    id: "process",
                    title: "Process",
                    narrative: """
                        Peak normalisation as pydub.effects.normalize, silence trimming as \
                        librosa.effects.trim, a fixed length as librosa.util.fix_length and spectral-gate \
                        noise reduction as noisereduce.reduce_noise, each switchable.
                        """,
                    parameters: processParameters(),
                    timing: "",
                    figures: figures(of: "process"),
                    tables: []),
                ReportSection(
                    id: "extract",
                    title: "Extract",
                    narrative: """
                        Frame features with librosa's defaults (centred frames, zero padding, periodic Hann \
                        window, FFTW), summarised per clip by the mean and standard deviation of each \
                        coefficient over frames. One row per clip is in features.csv.
                        """,
                    parameters: [
                        ReportPair("n_fft", "\(settings.features.nFFT)"),
                        ReportPair("hop_length", "\(settings.features.hopLength)"),
                        ReportPair("mfcc.n_mfcc", "\(settings.features.mfcc.nMFCC)"),
                        ReportPair("mfcc.n_mels", "\(settings.features.mfcc.nMels)"),
                        ReportPair("chroma.n_chroma", "\(settings.features.chroma.nChroma)"),
                        ReportPair("contrast.n_bands", "\(settings.features.contrast.nBands)"),
                        ReportPair("contrast.fmin", "\(settings.features.contrast.fmin)"),
                    ],
                    timing: "",
                    figures: figures(of: "extract"),
                    tables: [
                        ReportTable(
                            caption: "Frame features",
                            columns: ["features", "frames per clip"],
                            rows: [[featureNames.joined(separator: ", "), frameRange(frameCounts)]])
                    ]),
            ] + trainingSections,
            skipped: skipped.map { ReportPair($0.path, $0.reason) },
            downloads: [ReportLink(label: "features.csv", href: "features.csv")]
                + (trainingSections.count == 2
                    ? [
                        ReportLink(label: "metrics.json", href: "metrics.json"),
                        ReportLink(label: "predictions.csv", href: "predictions.csv"),
                    ] : []),
            generator: "serreport")
        let path = folder + "/index.html"
        do {
            try HTMLReport().write(document, to: path)
        } catch {
            throw CellError(cell: "report", message: error.description)
        }
        return path
    }

    private func writeFeatureTable(_ results: [(clip: Clip, run: ClipAnalysis)]) throws(CellError) {
        var table = FeatureTable(featureNames: results[0].run.features.summaryNames)
        for (clip, run) in results {
            table.append(
                path: clip.path, label: clip.emotion, speaker: clip.speaker, gender: clip.gender,
                values: run.features.summary)
        }
        do {
            try table.write(to: folder + "/features.csv")
        } catch {
            throw CellError(cell: "report", message: error.description)
        }
    }

    private func processParameters() -> [ReportPair] {
        let process = settings.process
        return [
            ReportPair("normalize", process.normalize.enabled ? "headroom_db \(process.normalize.headroomDB)" : "off"),
            ReportPair("trim", process.trim.enabled ? "top_db \(process.trim.topDB)" : "off"),
            ReportPair("fix_length", process.fixLength.enabled ? "seconds \(process.fixLength.seconds)" : "off"),
            ReportPair(
                "denoise",
                process.denoise.enabled
                    ? "\(process.denoise.stationary ? "stationary" : "non-stationary"), "
                        + "prop_decrease \(process.denoise.propDecrease)" : "off"),
        ]
    }

    private func speakerCount(_ results: [(clip: Clip, run: ClipAnalysis)]) -> Int {
        Set(results.map(\.clip.speaker).filter { !$0.isEmpty }).count
    }

    private func frameRange(_ counts: [Int]) -> String {
        guard let low = counts.min(), let high = counts.max() else { return "" }
        return low == high ? "\(low)" : "\(low)–\(high)"
    }

    private func format(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        return String(format: "%.2f s", seconds)
    }
}
