import ArgumentParser
import Foundation
import SERCells
import SERNotebook

/// `serreport status`: which cells a build would take from the cache, and why the others are stale.
struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show each cell as fresh (cached) or stale, with the reason; runs nothing.")

    @OptionGroup var common: CommonOptions

    func run() throws {
        let notebook = Notebook(settings: try common.resolveSettings()) { line in Standard.error(line) }
        do {
            for status in try notebook.status(outputFolder: common.out) {
                let name = status.id.padding(toLength: 9, withPad: " ", startingAt: 0)
                StandardOutput.line(
                    status.fresh ? "\(name) fresh" : "\(name) stale: \(status.reasons.joined(separator: "; "))")
            }
        } catch {
            Standard.error("serreport: \(error.cell): \(error.message)")
            throw ExitCode.failure
        }
    }
}

/// `serreport list`: the cells in order, what each reads and does.
struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the notebook's cells in order and what each computes under the settings.")

    @OptionGroup var common: CommonOptions

    func run() throws {
        for cell in Notebook.cellList(settings: try common.resolveSettings()) {
            let reads = cell.inputs.isEmpty ? "the corpus" : cell.inputs.joined(separator: ", ")
            print("\(cell.id.padding(toLength: 9, withPad: " ", startingAt: 0)) \(cell.summary) (reads \(reads))")
        }
    }
}

/// `serreport clean`: empties the cache, and with `--outputs` removes serreport's files from the
/// report folder (only the files its record lists: the user's own files there are kept).
struct Clean: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Delete the cache (.serreport/ in the working folder); the next build computes everything.")

    @Flag(
        name: .long,
        help: "Also delete the files serreport wrote in the report folder of the current settings (--data/--out).")
    var outputs = false

    @OptionGroup var common: CommonOptions

    func run() throws {
        var outputLine: String?
        if outputs {
            let notebook = Notebook(settings: try common.resolveSettings()) { line in Standard.error(line) }
            do {
                let (folder, removed, kept) = try notebook.cleanReport(outputFolder: common.out)
                let files = "\(removed) file\(removed == 1 ? "" : "s")"
                outputLine =
                    removed == 0
                    ? "no files of serreport's in \(folder)/; nothing removed"
                    : kept == 0
                        ? "removed \(folder)/ (\(files))"
                        : "removed \(files) from \(folder)/; kept \(kept) of yours"
            } catch {
                Standard.error("serreport: \(error.cell): \(error.message)")
                throw ExitCode.failure
            }
        }
        let manager = FileManager.default
        let cache = URL(fileURLWithPath: manager.currentDirectoryPath).appendingPathComponent(".serreport")
        var freed = 0
        if let files = manager.enumerator(at: cache, includingPropertiesForKeys: [.fileSizeKey]) {
            for case let url as URL in files {
                freed += (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
            }
        }
        try? manager.removeItem(at: cache)
        print("removed .serreport/ (\(freed / 1_048_576) MiB)")
        if let outputLine { print(outputLine) }
    }
}
