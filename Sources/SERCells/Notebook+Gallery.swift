import Foundation
import SERReport

extension Notebook {
    /// `serreport figures --gallery`: every figure type the report draws, in every figure format, in
    /// `folder/figures/`, with `folder/index.html` showing them all on one page. Load, process and
    /// extract figures come from the corpus; train and evaluate figures from the models trained on it,
    /// or from illustrative numbers (``IllustrativeEvaluation``) when the corpus cannot train them. Returns the page's path, the figure count
    /// and how long building and writing the figures took (the analysis not included).
    public func gallery(folder: String) throws(CellError) -> (page: String, figures: Int, drawTime: Duration) {
        let analysis = try analyze()
        let emotions = analysis.corpus.emotions
        let speakers = Array(Set(analysis.results.map(\.clip.speaker).filter { !$0.isEmpty })).sorted()
        // The models trained on the corpus when that works; illustrative numbers when it cannot (one
        // emotion, too few clips), so every figure type is still drawn.
        let trained = try? Training.run(settings: settings, emotions: emotions, results: analysis.results, jobs: jobs)
        // Only building and writing the figures is timed: the analysis and training before are not.
        let clock = ContinuousClock()
        let start = clock.now
        let corpusFigures = CorpusFigures(settings: settings, emotions: emotions, results: analysis.results).all()
        let evaluationFigures =
            trained.map {
                EvaluationFigures.all(models: $0.figureEvaluations(results: analysis.results), curves: $0.mlpCurves)
            }
            ?? EvaluationFigures.all(
                models: IllustrativeEvaluation.models(emotions: emotions, speakers: speakers),
                curves: IllustrativeEvaluation.trainingCurves(), note: IllustrativeEvaluation.caption)
        let figures = corpusFigures + evaluationFigures
        let written = try FigureWriter(folder: folder, formatNames: settings.report.figureFormats, jobs: jobs)
            .write(figures)
        let drawTime = clock.now - start

        let cells = ["load", "process", "extract", "train", "evaluate"]
        let sections = cells.compactMap { cell -> ReportSection? in
            let members = figures.indices.filter { figures[$0].cell == cell }
            guard !members.isEmpty else { return nil }
            return ReportSection(
                id: cell, title: cell.prefix(1).uppercased() + cell.dropFirst(),
                narrative: (cell == "train" || cell == "evaluate") && trained == nil ? IllustrativeEvaluation.caption : "",
                parameters: [], timing: "", figures: members.map { written[$0] }, tables: [])
        }
        let document = ReportDocument(
            title: "Figure gallery: \(analysis.corpus.name)",
            subtitle: "\(figures.count) figures in \(written.first?.formats.count ?? 0) formats",
            highlights: [
                ReportPair("figures", "\(figures.count)"), ReportPair("clips", "\(analysis.results.count)"),
                ReportPair("emotions", "\(emotions.count)"),
            ],
            sections: sections, skipped: analysis.skipped.map { ReportPair($0.path, $0.reason) }, downloads: [],
            generator: "serreport figures --gallery")
        let page = folder + "/index.html"
        do {
            try HTMLReport().write(document, to: page)
        } catch {
            throw CellError(cell: "report", message: error.description)
        }
        return (page, figures.count, drawTime)
    }
}
