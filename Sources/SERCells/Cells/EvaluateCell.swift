import Foundation
import SERLearn
import SERNotebook
import SERReport

/// The evaluate cell: accuracy, UAR (balanced accuracy), macro-F1, per-class precision, recall and F1,
/// confusion matrices, per-speaker accuracy and the spread over folds, from the train cell's
/// cross-validated predictions — `metrics.json`, `predictions.csv` and the evaluate figures.
struct EvaluateCell: Cell {
    static let name = "evaluate"

    let settings: Settings

    var id: String { Self.name }
    var summary: String { "score every model on its held-out folds: UAR, accuracy, macro-F1, confusion" }
    var version: Int { 2 }
    var inputs: [ArtifactDeclaration] { [Artifacts.training.declaration] }
    var outputs: [ArtifactDeclaration] { [Artifacts.headline.declaration] }
    var parameters: ParameterList { settings.parameters(["report.figure_formats"]) }

    func run(_ context: CellContext) throws -> ArtifactBundle {
        let record = try context.read(Artifacts.training)
        let evaluation = Evaluation(record)
        var bundle = ArtifactBundle()
        let metrics = evaluation.metrics(settings: settings)
        bundle.files["metrics.json"] = try JSONEncoder.readable.encode(metrics) + Data("\n".utf8)
        do {
            bundle.files["predictions.csv"] = Data(try evaluation.predictionsTable().text(name: "predictions.csv").utf8)
        } catch {
            throw CellError(cell: id, message: error.description)
        }
        try bundle.put(Headline(evaluation), as: Artifacts.headline.artifact)
        let figures = try FigureRendering.render(
            EvaluationFigures.evaluate(models: evaluation.figureEvaluations),
            formats: settings.report.figureFormats, jobs: context.jobs, into: &bundle)
        try bundle.encode(section(evaluation, figures: figures), as: ReportArtifacts.section.name)
        try bundle.encode(
            [
                "chance": Self.fixed(1 / Double(max(record.classNames.count, 1))),
                "best": evaluation.best?.kind.title ?? "",
                "compared": "\(evaluation.models.count)",
            ], as: ReportArtifacts.narrative.name)
        return bundle
    }

    private func section(_ evaluation: Evaluation, figures: [ReportFigure]) -> ReportSection {
        let best = evaluation.best?.kind
        var tables = [
            ReportTable(
                caption: "Scores pooled over the test folds (mean ± standard deviation over folds in brackets)",
                columns: ["model", "UAR", "accuracy", "macro-F1"],
                rows: evaluation.models.map { model in
                    [
                        model.kind.title + (model.kind == best ? " (best)" : ""),
                        Self.score(model.pooled.uar, model.folds.map(\.uar)),
                        Self.score(model.pooled.accuracy, model.folds.map(\.accuracy)),
                        Self.score(model.pooled.macroF1, model.folds.map(\.macroF1)),
                    ]
                })
        ]
        if let bestModel = evaluation.best {
            tables.append(
                ReportTable(
                    caption: "Per emotion, \(bestModel.kind.title)",
                    columns: ["emotion", "precision", "recall", "F1", "clips"],
                    rows: zip(evaluation.record.classNames, bestModel.pooled.perClass).map { name, scores in
                        [
                            name, Self.fixed(scores.precision), Self.fixed(scores.recall), Self.fixed(scores.f1),
                            "\(scores.support)",
                        ]
                    }))
        }
        return ReportSection(
            id: id, title: "Evaluate", narrative: "", parameters: [], timing: "", figures: figures, tables: tables)
    }

    static func fixed(_ value: Double) -> String { String(format: "%.3f", value) }

    static func score(_ pooled: Double, _ folds: [Double]) -> String {
        let mean = folds.reduce(0, +) / Double(max(folds.count, 1))
        let spread = (folds.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(max(folds.count, 1))).squareRoot()
        return "\(fixed(pooled)) (\(fixed(mean)) ± \(fixed(spread)))"
    }
}

/// The numbers the report's header shows: the best model and its scores, and the protocol used.
struct Headline: Codable, Sendable {
    /// The model with the highest pooled test UAR, of ``compared`` models.
    var best: String
    var compared: Int
    var bestTitle: String
    var uar: Double
    var accuracy: Double
    var macroF1: Double
    var protocolUsed: String
    var folds: Int
    var notes: [String]

    init(_ evaluation: Evaluation) {
        let best = evaluation.best
        self.best = best?.kind.rawValue ?? ""
        compared = evaluation.models.count
        bestTitle = best?.kind.title ?? ""
        uar = best?.pooled.uar ?? .nan
        accuracy = best?.pooled.accuracy ?? .nan
        macroF1 = best?.pooled.macroF1 ?? .nan
        protocolUsed = evaluation.record.usedProtocol
        folds = evaluation.record.foldCount
        notes = evaluation.record.notes
    }
}
