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
        let manager = FileManager.default
        let cache = URL(fileURLWithPath: manager.currentDirectoryPath).appendingPathComponent(".serreport")
        // A build holds `.serreport/lock` while it runs: clean takes the same lock (waiting its turn, as a
        // second build does) and keeps the lock file, so a build never runs on a cache deleted under it and
        // a build started meanwhile waits for the clean. A link in the cache's place is only unlinked.
        var held: ProjectLock?
        var status = stat()
        if lstat(cache.path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            do {
                held = try ProjectLock(folder: cache) {
                    Standard.error("waiting for the serreport build in this folder to finish")
                }
            } catch {
                Standard.error("serreport: clean: \(error.message)")
                throw ExitCode.failure
            }
        }
        defer { withExtendedLifetime(held) {} }
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
        var freed = 0
        if held != nil {
            if let files = manager.enumerator(at: cache, includingPropertiesForKeys: [.fileSizeKey]) {
                for case let url as URL in files {
                    freed += (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
                }
            }
            for name in (try? manager.contentsOfDirectory(atPath: cache.path)) ?? [] where name != "lock" {
                try? manager.removeItem(at: cache.appendingPathComponent(name))
            }
        } else {
            try? manager.removeItem(at: cache)
        }
        print("removed .serreport/ (\(freed / 1_048_576) MiB)")
        if let outputLine { print(outputLine) }
    }
}
