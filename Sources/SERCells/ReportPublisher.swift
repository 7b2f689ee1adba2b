import Foundation
import SERCorpus
import SERFigures
import SERLearn
import SERNotebook
import SERReport

/// Writes a build into its report folder: every file the cells made (figures, features.csv,
/// metrics.json, predictions.csv, models/), then index.html, report.pdf and run.json, rendered from
/// the cells' results only — rendering never runs a cell.
///
/// The report is swapped in whole (``ReportFolder``): the folder holds this build's files and the
/// user's own, never a file of an earlier build (a model no longer trained, metrics of a failed
/// cell). A report that cannot be written whole (a full disk, a file of the user's where a report
/// file goes) leaves the previous one as it was.
struct ReportPublisher {
    let folder: ReportFolder
    let settings: Settings
    let corpus: Corpus
    let project: URL
    let plan: Plan
    let store: ArtifactStore
    let jobs: Int
    /// The page's templates, read before the cells ran; `nil` when the report has no HTML.
    let html: HTMLReport?
    let narratives: CellNarratives
    /// One line per warning.
    let log: (String) -> Void

    struct Published {
        var mainFile: String
        var clipCount: Int
        var skipped: [SkippedFile]
        var headline: [String: Double]
    }

    func publish(_ outcomes: [CellOutcome], elapsed: Duration) throws(CellError) -> Published {
        var files: [String: Data] = [:]
        for outcome in outcomes { files.merge(outcome.bundle?.files ?? [:]) { _, new in new } }
        let document = document(outcomes)
        if let html {
            let page = html.render(document, inlining: settings.report.selfContained ? files : nil)
            files["index.html"] = Data(page.utf8)
        }
        files["run.json"] = RunRecord(
            settings: settings, outcomes: outcomes, elapsed: elapsed, project: project, corpus: corpus,
            folder: folder.shown
        ).encoded()
        let pdf = settings.report.formats.contains(.pdf)
        do {
            try folder.publish(
                files, formerOutputs: FormerReport(folder).owns,
                finishing: { staging throws(NotebookError) in
                    pdf ? ["report.pdf": try pdfFile(document, files: files, figuresIn: staging)] : [:]
                }, log: log)
        } catch {
            throw CellError(cell: "report", message: error.message)
        }
        // The extract cell's narrative values count its clips: no need to decode the whole feature table.
        let clips =
            (try? outcomes.first { $0.id == ExtractCell.name }?.bundle?.get(ReportArtifacts.narrative))?
            .flatMap { $0["clips"] }.flatMap { Int($0) }
        let headline =
            (try? outcomes.first { $0.id == "evaluate" }?.bundle?.get(Artifacts.headline.artifact)) ?? nil
        return Published(
            mainFile: folder.shown(settings.report.formats.contains(.html) ? "index.html" : "report.pdf"),
            clipCount: clips ?? 0, skipped: skipped(outcomes),
            headline: headline.map { ["uar": $0.uar, "accuracy": $0.accuracy, "macro_f1": $0.macroF1] } ?? [:])
    }

    /// Every file a cell could not use, once, in cell order.
    private func skipped(_ outcomes: [CellOutcome]) -> [SkippedFile] {
        var seen = Set<String>()
        return outcomes.flatMap { $0.bundle?.skipped() ?? [] }.filter { seen.insert($0.path).inserted }
    }

    private func document(_ outcomes: [CellOutcome]) -> ReportDocument {
        var sections: [ReportSection] = []
        for outcome in outcomes {
            let title = outcome.id.prefix(1).uppercased() + outcome.id.dropFirst()
            if let bundle = outcome.bundle, (try? bundle.section()) == nil {
                sections.append(
                    ReportSection(
                        id: outcome.id, title: title, narrative: "", parameters: [], timing: "", state: "failed",
                        error: "its stored result cannot be read; run `serreport run \(outcome.id)`", figures: [],
                        tables: []))
                continue
            }
            guard let bundle = outcome.bundle, var section = try? bundle.section() else {
                let failedInput = plan.cell(outcome.id)?.inputCells.first { input in
                    outcomes.first { $0.id == input }?.bundle == nil
                }
                sections.append(
                    ReportSection(
                        id: outcome.id, title: title,
                        narrative: outcome.state == .failed
                            ? "" : "Not run: \(failedInput ?? "an earlier cell") did not finish.",
                        parameters: [], timing: "", state: outcome.state.rawValue,
                        error: outcome.state == .failed ? outcome.error ?? "failed" : nil, figures: [], tables: []))
                continue
            }
            let values = (try? bundle.get(ReportArtifacts.narrative)) ?? [:]
            section.narrative = narratives.text(for: outcome.id, values: values)
            section.state = outcome.state.rawValue
            section.timing = outcome.state == .ran ? "in \(ProgressDisplay.formatted(outcome.duration))" : ""
            sections.append(section)
        }
        let loaded = (try? outcomes.first { $0.id == LoadCell.name }?.bundle?.get(Artifacts.clips.artifact)) ?? nil
        let headline =
            (try? outcomes.first { $0.id == "evaluate" }?.bundle?.get(Artifacts.headline.artifact)) ?? nil
        let clips = loaded ?? []
        let emotions = EmotionOrder.sorted(clips.map(\.emotion))
        let speakers = Set(clips.map(\.speaker).filter { !$0.isEmpty }).count
        let skipped = skipped(outcomes)
        var highlights = [
            ReportPair("clips", "\(clips.count)"), ReportPair("emotions", "\(emotions.count)"),
            ReportPair("speakers", speakers == 0 ? "unknown" : "\(speakers)"),
            ReportPair("skipped", "\(skipped.count)"),
        ]
        var notices = outcomes.flatMap { $0.bundle?.notices() ?? [] }
        if let headline {
            highlights.insert(
                ReportPair(
                    headline.compared > 1 ? "UAR, best of \(headline.compared) on the test folds" : "UAR",
                    String(format: "%.3f (%@)", headline.uar, headline.best)), at: 0)
            highlights.insert(ReportPair("macro-F1", String(format: "%.3f", headline.macroF1)), at: 1)
            notices += headline.notes
        }
        if let failed = outcomes.first(where: { $0.state == .failed }) {
            notices.insert("The \(failed.id) cell failed: \(failed.error ?? "")", at: 0)
        }
        var downloads: [ReportLink] = []
        for name in ["features.csv", "metrics.json", "predictions.csv"]
        where outcomes.contains(where: { $0.bundle?.files[name] != nil }) {
            downloads.append(ReportLink(label: name, href: name))
        }
        if settings.report.formats.contains(.pdf) {
            downloads.append(ReportLink(label: "report.pdf", href: "report.pdf"))
        }
        downloads.append(ReportLink(label: "run.json", href: "run.json"))
        return ReportDocument(
            title: "Speech emotion report: \(corpus.name)",
            subtitle: "\(clips.count) clips, \(emotions.count) emotions, \(speakers) speakers",
            highlights: highlights,
            provenance: [
                ReportPair("corpus", settings.data),
                ReportPair(
                    "protocol",
                    headline.map { "\($0.protocolUsed), \(TrainCell.folds($0.folds))" }
                        ?? settings.train.evaluation.rawValue),
                ReportPair("seed", "\(settings.train.seed)"),
                ReportPair("serreport", SerreportVersion.current),
            ],
            notices: notices, sections: sections,
            skipped: skipped.map { ReportPair($0.path, $0.reason) }, downloads: downloads, generator: "serreport")
    }

    /// `report.pdf`, from the cache when the same document and figures were drawn before, else drawn
    /// with the figures in the new report folder. The PDF leaves out what changes from build to build
    /// (cache states, times: they are in index.html and run.json), so the same results always give the
    /// same file.
    private func pdfFile(_ document: ReportDocument, files: [String: Data], figuresIn staging: String)
        throws(NotebookError) -> Data
    {
        var document = document
        for index in document.sections.indices where document.sections[index].error == nil {
            if ["ran", "cached"].contains(document.sections[index].state) { document.sections[index].state = "" }
            document.sections[index].timing = ""
        }
        var builder = KeyBuilder("report-pdf")
        builder.add("version", "1")
        builder.add("document", Digest.of((try? JSONEncoder.stable.encode(document)) ?? Data()))
        for (name, data) in files.sorted(by: { $0.key < $1.key }) where name.hasPrefix("figures/") {
            builder.add(name, Digest.of(data))
        }
        let key = builder.finish()
        if let cached = store.read(key) { return cached }
        let data: Data
        do {
            data = Data(try PDFReport().render(document, folder: staging, destination: folder.shown + "/report.pdf"))
        } catch {
            throw NotebookError(error.description)
        }
        store.write(data, for: key)
        return data
    }
}
