import Foundation
package import SERCorpus
package import SERNotebook
import SERReport

extension Notebook {
    /// The report folder `shown` names, checked before any cell runs: not `/`, the working folder, the
    /// cache, the corpus or the report's templates, nor a folder holding one of them; a folder, or a
    /// path one can be made at.
    package func checkedReportFolder(_ shown: String, corpus: Corpus) throws(CellError) -> ReportFolder {
        let templates = settings.report.templates
        do {
            return try ReportFolder(
                shown, project: project, cache: cacheFolder,
                inputs: [
                    ReportFolder.Input(role: "the corpus (\(settings.data))", path: corpus.root.path),
                    ReportFolder.Input(
                        role: "the report's templates (\(templates))",
                        path: URL(fileURLWithPath: templates, relativeTo: project).path),
                ])
        } catch {
            throw CellError(cell: "report", message: error.message)
        }
    }

    /// A corpus with no clips, named as ``Corpus/open(_:layout:labels:)`` would name the one
    /// `settings.data` gives (a folder by its name, a manifest by its folder's): the report of a build
    /// whose corpus cannot be opened is about it.
    func unopenedCorpus() -> Corpus {
        let url = URL(fileURLWithPath: settings.data, relativeTo: project).standardizedFileURL
        var isFolder: ObjCBool = false
        let isFile =
            FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
            ? !isFolder.boolValue : url.pathExtension.lowercased() == "csv"
        let root = isFile ? url.deletingLastPathComponent() : url
        return Corpus(name: root.lastPathComponent.lowercased(), root: root)
    }

    /// Runs the plan with a load cell that fails with `error` (the corpus cannot be opened): every
    /// other cell is "not run", and the report says why.
    func executeUnopened(_ corpus: Corpus, error: CellError, reportFolder folder: String) throws(CellError) -> (
        [CellOutcome], NotebookRunner
    ) {
        let cells = Self.cells(settings: settings, corpus: corpus, contents: [:], rejected: []).dropFirst()
        let plan: Plan
        do {
            plan = try Plan(
                [UnopenedCorpusCell(reason: error.message, settings: settings)] + cells,
                salt: "serreport \(SerreportVersion.current)")
        } catch {
            throw CellError(cell: "plan", message: error.message)
        }
        let runner = NotebookRunner(
            plan: plan, store: store, records: RecordBook(folder: recordFolder(folder)), jobs: jobs, display: display)
        return (runner.run(), runner)
    }

    /// `serreport clean --outputs`: removes the files serreport wrote in the report folder a build
    /// would write (`--out`, else `reports/<corpus name>`), keeping every file of the user's, and the
    /// folder when nothing is left in it. Returns the folder, how many files were removed and kept.
    package func cleanReport(outputFolder: String?) throws(CellError) -> (folder: String, removed: Int, kept: Int) {
        let corpus = (try? openCorpus()) ?? unopenedCorpus()
        let folder = try checkedReportFolder(reportFolder(outputFolder, corpus: corpus), corpus: corpus)
        do {
            let (removed, kept) = try folder.clean(formerOutputs: FormerReport(folder).owns, log: log)
            return (folder.shown, removed, kept)
        } catch {
            throw CellError(cell: "clean", message: error.message)
        }
    }
}

/// The load cell of a build whose corpus cannot be opened (no such folder, a manifest that does not
/// parse): it fails with the reason, so the report's load section shows it. Its key is its reason's,
/// and a failed cell stores nothing, so it never stands for a real load.
struct UnopenedCorpusCell: Cell {
    let reason: String
    let settings: Settings

    var id: String { LoadCell.name }
    var summary: String { "the corpus cannot be opened" }
    var version: Int { 1 }
    var inputs: [ArtifactDeclaration] { [] }
    var outputs: [ArtifactDeclaration] { [Artifacts.clips.declaration] }
    var parameters: ParameterList { settings.parameters(["corpus", "labels"]) }
    var sources: SourceSet { SourceSet(noun: "clips", digests: ["(corpus)": Digest.of(Data(reason.utf8))]) }

    func run(_ context: CellContext) throws -> ArtifactBundle {
        throw CellError(cell: id, message: reason)
    }
}
