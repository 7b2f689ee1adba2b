import Foundation
import SERCorpus
import SERDSP
import SERFigures
import SERNotebook
import SERReport

extension Notebook {
    /// `serreport figures --gallery`: every figure type the report draws, in every figure format, in
    /// `folder/figures/`, with `folder/index.html` showing them all on one page; the folder is written
    /// by a report folder's rules (``ReportFolder``: swapped in whole, the user's files in it kept).
    /// The cells run first (from the cache where they can); then every figure is drawn again from their
    /// results, and that drawing alone is timed. Train and evaluate figures come from the models trained on the corpus,
    /// or from illustrative numbers (``IllustrativeEvaluation``) when the corpus cannot train them.
    package func gallery(folder: String) throws(CellError) -> (page: String, figures: Int, drawTime: Duration) {
        let html = try htmlReport()
        let lock = try projectLock()
        defer { withExtendedLifetime(lock) {} }
        let corpus = try openCorpus()
        let target = try checkedReportFolder(folder, corpus: corpus)
        let (outcomes, runner) = try execute(corpus: corpus, reportFolder: folder, forcing: [])
        defer { warnIfUncached(runner.store) }
        guard let loadBundle = outcomes.first(where: { $0.id == "load" })?.bundle,
            let clips = try? loadBundle.decode([LoadedClip].self, "clips.json")
        else {
            throw CellError(
                cell: "load", message: outcomes.first { $0.error != nil }?.error ?? "no clip could be loaded")
        }
        let locations = Dictionary(corpus.clips.map { ($0.path, $0.location) }, uniquingKeysWith: { first, _ in first })
        let clock = ContinuousClock()
        let start = clock.now
        var figures = LoadFigureSet(clips: clips, locations: locations).figures()
        if let processed = try? outcomes.first(where: { $0.id == "process" })?.bundle?.decode(
            [ProcessedRecord].self, "processed.json")
        {
            let kept = Set(processed.map(\.path))
            figures += ProcessFigureSet(
                settings: settings, clips: clips.filter { kept.contains($0.path) }, locations: locations
            )
            .figures()
        }
        if let table = try? outcomes.first(where: { $0.id == "extract" })?.bundle?.decode(
            FeatureTableRecord.self, "features.json")
        {
            let emotions = Dictionary(clips.map { ($0.path, $0.emotion) }, uniquingKeysWith: { first, _ in first })
            figures += ExtractFigureSet(
                features: settings.features, names: table.names, clips: table.clips,
                emotions: table.clips.map { emotions[$0.path] ?? "" }
            )
            .figures()
        }
        let record = try? outcomes.first(where: { $0.id == "train" })?.bundle?.decode(
            TrainingRecord.self, "training.json")
        if let record {
            figures += EvaluationFigures.all(
                models: Evaluation(record).figureEvaluations, curves: record.mlpCurves, coverage: record.coverage,
                importance: record.importanceFigure, featureImportance: record.featureImportanceFigure)
        } else {
            let emotions = EmotionOrder.sorted(clips.map(\.emotion))
            let speakers = Array(Set(clips.map(\.speaker).filter { !$0.isEmpty })).sorted()
            let models = IllustrativeEvaluation.models(emotions: emotions, speakers: speakers)
            figures += EvaluationFigures.all(
                models: models, curves: IllustrativeEvaluation.trainingCurves(),
                importance: IllustrativeEvaluation.importance(
                    groups: settings.features.activeGroups.map(\.rawValue), models: models),
                featureImportance: IllustrativeEvaluation.featureImportance(
                    names: FeatureNames.summary(settings.features)),
                note: IllustrativeEvaluation.caption)
        }
        var bundle = ArtifactBundle()
        let drawn = try FigureRendering.render(
            figures, formats: settings.report.figureFormats, jobs: jobs, into: &bundle)
        let drawTime = clock.now - start
        let sections = ["load", "process", "extract", "train", "evaluate"].compactMap { cell -> ReportSection? in
            let members = figures.indices.filter { figures[$0].cell == cell }
            guard !members.isEmpty else { return nil }
            return ReportSection(
                id: cell, title: cell.prefix(1).uppercased() + cell.dropFirst(),
                narrative: (cell == "train" || cell == "evaluate") && record == nil
                    ? IllustrativeEvaluation.caption : "",
                parameters: [], timing: "", figures: members.map { drawn[$0] }, tables: [])
        }
        let skipped = outcomes.flatMap { $0.bundle?.skipped() ?? [] }
        let document = ReportDocument(
            title: "Figure gallery: \(corpus.name)",
            subtitle: "\(figures.count) figures in \(drawn.first?.formats.count ?? 0) formats",
            highlights: [
                ReportPair("figures", "\(figures.count)"), ReportPair("clips", "\(clips.count)"),
                ReportPair("emotions", "\(EmotionOrder.sorted(clips.map(\.emotion)).count)"),
            ],
            sections: sections, skipped: skipped.map { ReportPair($0.path, $0.reason) }, downloads: [],
            generator: "serreport figures --gallery")
        var files = bundle.files
        files["index.html"] = Data(html.render(document).utf8)
        do {
            try target.publish(files, log: log)
        } catch {
            throw CellError(cell: "report", message: error.message)
        }
        return (target.shown("index.html"), figures.count, drawTime)
    }
}
