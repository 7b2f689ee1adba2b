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
/// A file is rewritten only when its bytes change, atomically; files a cell made in an earlier build
/// but not in this one (a model no longer trained, metrics of a failed cell) are removed, so the
/// folder never mixes results of two builds.
struct ReportPublisher {
    let folder: String
    let settings: Settings
    let corpus: Corpus
    let project: URL
    let plan: Plan
    let store: ArtifactStore
    let jobs: Int
    /// The page's templates, read before the cells ran; `nil` when the report has no HTML.
    let html: HTMLReport?
    let narratives: CellNarratives

    struct Published {
        var mainFile: String
        var clipCount: Int
        var skipped: [SkippedFile]
        var headline: [String: Double]
    }

    /// The files serreport owns in a report folder (besides everything under `figures/` and `models/`).
    static let ownedFiles = ["index.html", "report.pdf", "features.csv", "metrics.json", "predictions.csv", "run.json"]

    func publish(_ outcomes: [CellOutcome], elapsed: Duration) throws(CellError) -> Published {
        let root = URL(fileURLWithPath: folder)
        var files: [String: Data] = [:]
        for outcome in outcomes { files.merge(outcome.bundle?.files ?? [:]) { _, new in new } }
        let document = document(outcomes)
        if let html {
            let page = html.render(document, inlining: settings.report.selfContained ? files : nil)
            files["index.html"] = Data(page.utf8)
        }
        files["run.json"] = RunRecord(
            settings: settings, outcomes: outcomes, elapsed: elapsed, project: project, corpus: corpus, folder: folder
        ).encoded()
        try write(files, into: root)
        if settings.report.formats.contains(.pdf) { try writePDF(document, files: files, into: root) }
        // The extract cell's narrative values count its clips: no need to decode the whole feature table.
        let clips =
            (try? outcomes.first { $0.id == ExtractCell.name }?.bundle?.get(ReportArtifacts.narrative))?
            .flatMap { $0["clips"] }.flatMap { Int($0) }
        let headline =
            (try? outcomes.first { $0.id == "evaluate" }?.bundle?.get(Artifacts.headline.artifact)) ?? nil
        return Published(
            mainFile: folder + (settings.report.formats.contains(.html) ? "/index.html" : "/report.pdf"),
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
                ReportPair("best UAR", String(format: "%.3f (%@)", headline.uar, headline.best)), at: 0)
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
                    headline.map { "\($0.protocolUsed), \($0.folds) folds" } ?? settings.train.evaluation.rawValue),
                ReportPair("seed", "\(settings.train.seed)"),
                ReportPair("serreport", SerreportVersion.current),
            ],
            notices: notices, sections: sections,
            skipped: skipped.map { ReportPair($0.path, $0.reason) }, downloads: downloads, generator: "serreport")
    }

    /// `report.pdf`, from the cache when the same document and figures were drawn before. The PDF
    /// leaves out what changes from build to build (cache states, times: they are in index.html and
    /// run.json), so the same results always give the same file.
    private func writePDF(_ document: ReportDocument, files: [String: Data], into root: URL) throws(CellError) {
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
        let path = root.appendingPathComponent("report.pdf")
        do {
            if let cached = store.read(key) {
                if (try? Data(contentsOf: path)) != cached { try ArtifactStore.writeAtomically(cached, to: path) }
                return
            }
            try PDFReport().write(document, to: path.path, folder: root.path)
            store.write(try Data(contentsOf: path), for: key)
        } catch let error as ReportError {
            throw CellError(cell: "report", message: error.description)
        } catch let error as NotebookError {
            throw CellError(cell: "report", message: error.message)
        } catch {
            throw CellError(cell: "report", message: "\(path.path): \(error)")
        }
    }

    /// Writes each changed file atomically and removes owned files this build did not make.
    private func write(_ files: [String: Data], into root: URL) throws(CellError) {
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            for (name, data) in files.sorted(by: { $0.key < $1.key }) {
                let url = root.appendingPathComponent(name)
                if let existing = try? Data(contentsOf: url), existing == data { continue }
                try ArtifactStore.writeAtomically(data, to: url)
            }
            let manager = FileManager.default
            for subfolder in ["figures", "models"] {
                let names =
                    (try? manager.contentsOfDirectory(atPath: root.appendingPathComponent(subfolder).path)) ?? []
                for name in names where files["\(subfolder)/\(name)"] == nil {
                    try? manager.removeItem(at: root.appendingPathComponent("\(subfolder)/\(name)"))
                }
            }
            for name in Self.ownedFiles
            where files[name] == nil && !(name == "report.pdf" && settings.report.formats.contains(.pdf)) {
                try? manager.removeItem(at: root.appendingPathComponent(name))
            }
        } catch let error as NotebookError {
            throw CellError(cell: "report", message: error.message)
        } catch {
            throw CellError(cell: "report", message: "\(folder): \(error)")
        }
    }
}
