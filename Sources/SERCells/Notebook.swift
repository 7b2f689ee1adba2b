package import Foundation
import SERAudio
package import SERCorpus
import SERFiles
package import SERNotebook
import SERParallel
import SERReport

/// What `serreport build` (or `run`) produced.
package struct BuildOutcome: Sendable {
    package var reportFolder: String
    /// The report's main file (index.html, or report.pdf when HTML is off).
    package var reportPath: String
    package var clipCount: Int
    package var skipped: [SkippedFile]
    package var outcomes: [CellOutcome]
    /// The first failed cell and its error, if any.
    package var failure: (cell: String, message: String)?
    /// The best model's scores, for `--fail-under`: `uar`, `accuracy`, `macro_f1`.
    package var headline: [String: Double]
}

/// The notebook: load → process → extract → train → evaluate as cells of a plan, run through the
/// content-addressed cache in `<project>/.serreport/`, then the report from the cells' results.
package struct Notebook: Sendable {
    package var settings: Settings
    package var jobs: Int
    /// The folder holding `.serreport/` (the working folder).
    package var project: URL
    /// One line per event (a skipped file, a waiting build), without a newline.
    package var log: @Sendable (String) -> Void
    package var display: ProgressDisplay

    package init(
        settings: Settings, jobs: Int? = nil, project: URL? = nil, display: ProgressDisplay? = nil,
        log: @escaping @Sendable (String) -> Void
    ) {
        self.settings = settings
        self.jobs = jobs ?? ParallelJobs.coreCount
        self.project = project ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        self.log = log
        self.display = display ?? ProgressDisplay(mode: .quiet, write: { _ in })
    }

    /// The cells in plan order, with a sentence each, for `serreport list`.
    /// The cells in order, each with its one-line summary under `settings` and the cells it reads.
    package static func cellList(settings: Settings = Settings()) -> [(id: String, summary: String, inputs: [String])] {
        let corpus = Corpus(name: "", root: URL(fileURLWithPath: "/"))
        return cells(settings: settings, corpus: corpus, contents: [:], rejected: []).map {
            ($0.id, $0.summary, $0.inputCells)
        }
    }

    package var cacheFolder: URL { project.appendingPathComponent(".serreport") }

    var store: ArtifactStore { ArtifactStore(folder: cacheFolder.appendingPathComponent("cache")) }

    /// The corpus as the settings describe it (layout detected when `corpus: auto`, labels mapped).
    func openCorpus() throws(CellError) -> Corpus {
        do {
            return try Corpus.open(settings.data, layout: settings.corpus, labels: settings.labels)
        } catch {
            throw CellError(cell: LoadCell.name, message: error.message)
        }
    }

    /// Opens the corpus for a build and says how it was read (`load: ravdess: 720 of 720 …`), or why
    /// it cannot be opened: the build then still writes a report, with the reason in its load section.
    private func openCorpusForBuild() -> Result<Corpus, CellError> {
        let opened = Result { () throws(CellError) in try openCorpus() }
        if case .success(let corpus) = opened { for note in corpus.notes { log("load: \(note)") } }
        return opened
    }

    /// The report folder for a build: `--out`, else `reports/<corpus name>` (`reports/corpus` when the
    /// name is not one a folder can have).
    package func reportFolder(_ outputFolder: String?, corpus: Corpus) -> String {
        let name = corpus.name
        let plain = !name.isEmpty && name != "." && name != ".." && !name.contains("/")
        return outputFolder ?? "reports/\(plain ? name : "corpus")"
    }

    static func cells(
        settings: Settings, corpus: Corpus, contents: [String: Digest], rejected: [SkippedFile],
        stamps: ClipStamps = .none
    ) -> [any Cell] {
        let locations = Dictionary(corpus.clips.map { ($0.path, $0.location) }, uniquingKeysWith: { first, _ in first })
        return [
            LoadCell(corpus: corpus, contents: contents, rejected: rejected, settings: settings, stamps: stamps),
            ProcessCell(settings: settings, locations: locations, stamps: stamps),
            ExtractCell(settings: settings, locations: locations, stamps: stamps),
            TrainCell(settings: settings),
            EvaluateCell(settings: settings),
        ]
    }

    /// The plan's runner for one report folder, with every clip's content digest (remembered by file
    /// stamp in `.serreport/state/`, so an unchanged corpus is not read again).
    func prepare(corpus: Corpus, reportFolder: String) throws(CellError) -> NotebookRunner {
        let digests = FileDigests(
            file: cacheFolder.appendingPathComponent("state/file-digests.json"),
            sizeLimit: (AudioLimits.maximumFileBytes, "larger than the 4 GiB serreport reads as one clip (not read)"))
        let clips = corpus.clips
        let hashed = ParallelJobs.map(
            count: clips.count, workers: jobs, makeState: {},
            body: { _, index -> Result<(digest: Digest, stamp: FileStamp), ClipError> in
                let clip = clips[index]
                do {
                    let absolute = URL(fileURLWithPath: clip.location).standardizedFileURL.path
                    return .success(try digests.stampedDigest(ofFileAt: absolute))
                } catch {
                    return .failure(ClipError(path: clip.path, reason: "\(error)"))
                }
            })
        digests.save()
        var contents: [String: Digest] = [:]
        var stamps: [String: FileStamp] = [:]
        var rejected = corpus.rejected
        for (clip, result) in zip(clips, hashed) {
            switch result {
            case .success(let (digest, stamp)):
                contents[clip.path] = digest
                stamps[clip.path] = stamp
            case .failure(let error): rejected.append(SkippedFile(path: clip.path, reason: error.reason))
            }
        }
        let plan: Plan
        do {
            plan = try Plan(
                Self.cells(
                    settings: settings, corpus: corpus, contents: contents, rejected: rejected,
                    stamps: ClipStamps(stamps: stamps)),
                salt: "serreport \(SerreportVersion.current)")
        } catch {
            throw CellError(cell: "plan", message: error.message)
        }
        return NotebookRunner(
            plan: plan, store: store,
            records: RecordBook(folder: recordFolder(reportFolder)), jobs: jobs, display: display)
    }

    /// Where a report folder's last build is recorded, for `status`.
    func recordFolder(_ reportFolder: String) -> URL {
        let absolute = URL(fileURLWithPath: reportFolder, relativeTo: project).standardizedFileURL.path
        let name = absolute.map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
        return cacheFolder.appendingPathComponent("state/reports/\(name.suffix(120))")
    }

    /// Runs every cell (from the cache where it can) and writes the report. `forcing` names cells to
    /// execute even when cached (`serreport run CELL` forces that cell and every cell after it).
    /// Holds the project's build lock throughout, so two builds at once take turns.
    package func build(outputFolder: String?, forcing: Set<String> = []) throws(CellError) -> BuildOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        let html = settings.report.formats.contains(.html) ? try htmlReport() : nil
        let narratives = try cellNarratives()
        let lock = try projectLock()
        defer { withExtendedLifetime(lock) {} }
        let opened = openCorpusForBuild()
        let corpus = (try? opened.get()) ?? unopenedCorpus()
        let folder = try checkedReportFolder(reportFolder(outputFolder, corpus: corpus), corpus: corpus)
        let (outcomes, runner) =
            switch opened {
            case .success: try execute(corpus: corpus, reportFolder: folder.shown, forcing: forcing)
            case .failure(let error): try executeUnopened(corpus, error: error, reportFolder: folder.shown)
            }
        defer { warnIfUncached(runner.store) }
        let publisher = ReportPublisher(
            folder: folder, settings: settings, corpus: corpus, project: project, plan: runner.plan,
            store: runner.store, jobs: jobs, html: html, narratives: narratives, log: log)
        let published = try publisher.publish(outcomes, elapsed: clock.now - start)
        display.summary(outcomes, total: clock.now - start)
        let failure = outcomes.first { $0.state == .failed }.map { ($0.id, $0.error ?? "failed") }
        return BuildOutcome(
            reportFolder: folder.shown, reportPath: published.mainFile, clipCount: published.clipCount,
            skipped: published.skipped, outcomes: outcomes, failure: failure, headline: published.headline)
    }

    /// The project's build lock, waiting (and saying so) while another build holds it.
    func projectLock() throws(CellError) -> ProjectLock {
        do {
            return try ProjectLock(folder: cacheFolder) {
                log("waiting for another serreport build in this folder to finish")
            }
        } catch {
            throw CellError(cell: "build", message: error.message)
        }
    }

    /// Runs the plan; `forcing` cells and everything after them execute even when cached. The caller
    /// holds the project lock, and writes the report through the runner's store.
    func execute(corpus: Corpus, reportFolder folder: String, forcing: Set<String>) throws(CellError) -> (
        [CellOutcome], NotebookRunner
    ) {
        let runner = try prepare(corpus: corpus, reportFolder: folder)
        var forced: Set<String> = []
        for id in forcing {
            guard runner.plan.cell(id) != nil else {
                throw CellError(
                    cell: id, message: "\(id): no such cell (cells: \(runner.plan.ids.joined(separator: ", ")))")
            }
            forced.formUnion(runner.plan.downstream(of: id))
        }
        return (runner.run(forcing: forced), runner)
    }

    /// One warning when this build could not write to the cache (a full disk, a read-only folder):
    /// its results are as good, but the next build computes them again.
    func warnIfUncached(_ store: ArtifactStore) {
        guard let reason = store.writeFailure else { return }
        let folder = store.folder.standardizedFileURL.path
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path + "/"
        let shown = folder.hasPrefix(here) ? String(folder.dropFirst(here.count)) : folder
        log("warning: \(shown): cannot write (\(reason)); results of this build are not cached")
    }

    /// Each cell fresh or stale, and why, for the report folder a build would write.
    package func status(outputFolder: String?) throws(CellError) -> [CellStatus] {
        let corpus = try openCorpus()
        return try prepare(corpus: corpus, reportFolder: reportFolder(outputFolder, corpus: corpus)).status()
    }
}
