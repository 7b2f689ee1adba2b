import Foundation
import SERCorpus
import SERNotebook

/// `run.json`: the build's provenance — serreport's version, the project's git commit, the full
/// settings, every cell's state, time and cache key, and the models' fit times. The one output that
/// differs between runs (it holds times and the report folder); everything else is byte-identical.
struct RunRecord: Encodable {
    struct CellEntry: Encodable {
        var id: String
        var state: String
        var seconds: Double
        var key: String
        var items: CellOutcome.ItemCount?
        var error: String?
    }

    var serreport = SerreportVersion.current
    var gitCommit: String?
    var corpus: String
    var reportFolder: String
    var settings: Settings
    var seconds: Double
    var cells: [CellEntry]
    var fit: RunTimes?

    enum CodingKeys: String, CodingKey {
        case serreport, corpus, settings, seconds, cells, fit
        case gitCommit = "git_commit"
        case reportFolder = "report_folder"
    }

    init(settings: Settings, outcomes: [CellOutcome], elapsed: Duration, project: URL, corpus: Corpus, folder: String) {
        func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        }
        gitCommit = Self.gitCommit(in: project)
        self.corpus = corpus.root.path
        reportFolder = URL(fileURLWithPath: folder, relativeTo: project).standardizedFileURL.path
        self.settings = settings
        self.seconds = seconds(elapsed)
        cells = outcomes.map {
            CellEntry(
                id: $0.id, state: $0.state.rawValue, seconds: seconds($0.duration), key: $0.key.hex, items: $0.items,
                error: $0.error)
        }
        fit = try? outcomes.first { $0.id == TrainCell.name }?.bundle?.get(Artifacts.times.artifact)
    }

    func encoded() -> Data {
        return ((try? JSONEncoder.readable.encode(self)) ?? Data("{}".utf8)) + Data("\n".utf8)
    }

    /// `git rev-parse HEAD` of the working folder, when it is a git repository.
    private static func gitCommit(in folder: URL) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder.path, "rev-parse", "HEAD"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
