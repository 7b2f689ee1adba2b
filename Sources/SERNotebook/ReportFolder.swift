package import Foundation
import SERFiles

/// A folder serreport writes its outputs into — a report (`build --out`), a figure gallery
/// (`figures --gallery`) — owning in it exactly the files it wrote, and nothing else.
///
/// - A record, `.serreport-files` in the folder, lists every file serreport wrote there. A file not in
///   it is the user's: never overwritten, moved or removed. A build that would write a file where
///   the user has one stops before changing anything, with one line naming it.
/// - A new report is written whole into a temporary folder beside this one (same file system), with
///   the user's files added as hard links (nothing copied), and swapped in with one `renameat2`
///   (`RENAME_EXCHANGE`); then the old one is removed, file by recorded file. A build killed at any
///   moment leaves the complete old report or the complete new one, never a mix; a later build
///   tidies what an interrupted one left beside the folder (``leftoverPrefix``).
/// - Two processes writing one folder take turns (a lock on the folder holding it).
///
/// The folder is checked when made: not the root folder, the working folder, the cache or a folder
/// holding an input (a report never mixes with what it is made from), and a folder or creatable as one.
package struct ReportFolder: Sendable {
    /// The folder as the user gave it (`--out`), to name it and its files in messages.
    package let shown: String
    /// Its absolute path, with symbolic links resolved: where it is or will be.
    let path: String
    /// Whether the user's path is a symbolic link to the folder (kept, even when the folder is removed).
    let isLinked: Bool

    /// The record of serreport's files in the folder.
    static let recordName = ".serreport-files"

    /// A folder the report may not be, or hold: the working folder, the corpus, …
    package struct Input: Sendable {
        /// How a message names it: "the corpus (Samples)".
        package var role: String
        package var path: String

        package init(role: String, path: String) {
            self.role = role
            self.path = path
        }
    }

    /// Checks `shown` (relative to `project`) as a folder for outputs: it must not be `/`, the working
    /// folder or hold it, be inside `cache`, or be or hold any of `inputs`; it must be a folder (or
    /// not exist yet, under folders that can hold it) that this process may write in.
    package init(_ shown: String, project: URL, cache: URL, inputs: [Input]) throws(NotebookError) {
        self.shown = shown
        if shown.isEmpty { throw NotebookError("the report folder's path is empty; give the report a folder") }
        let absolute = shown.hasPrefix("/") ? shown : project.path + "/" + shown
        let lexical = URL(fileURLWithPath: absolute).standardizedFileURL.path
        path = try Self.resolve(lexical, shown: shown)
        if case .success(let facts?) = FileCalls.facts(lexical) {
            isLinked = facts.kind == .symbolicLink
        } else {
            isLinked = false
        }
        if path == "/" { throw NotebookError("\(shown): is the root folder; give the report a folder of its own") }
        let here = Self.resolvedInput(project.path)
        if path == here {
            throw NotebookError("\(shown): is the working folder; give the report a folder of its own")
        }
        if here.hasPrefix(path + "/") {
            throw NotebookError("\(shown): holds the working folder; give the report a folder of its own")
        }
        let cacheFolder = Self.resolvedInput(cache.path)
        if path == cacheFolder || path.hasPrefix(cacheFolder + "/") {
            throw NotebookError("\(shown): is inside serreport's cache folder (\(cache.lastPathComponent)/)")
        }
        for input in inputs {
            let resolved = Self.resolvedInput(input.path)
            if path == resolved || resolved.hasPrefix(path + "/") {
                throw NotebookError(
                    "\(shown): \(path == resolved ? "is" : "holds") \(input.role); give the report a folder of its own")
            }
        }
        try checkWritable()
    }

    /// The folder's parent and its name.
    var parent: String { (path as NSString).deletingLastPathComponent }
    var name: String { (path as NSString).lastPathComponent }

    /// `shown/name`, for messages about one file of the folder.
    package func shown(_ relative: String) -> String {
        relative.isEmpty ? shown : (shown.hasSuffix("/") ? shown + relative : shown + "/" + relative)
    }

    /// The absolute path of a file of the folder.
    func location(_ relative: String) -> String { relative.isEmpty ? path : path + "/" + relative }

    /// `absolute` with every symbolic link resolved, as far as it exists; the rest as written. A path
    /// under a file, a link to nowhere or a loop is refused with one line.
    static func resolve(_ absolute: String, shown: String) throws(NotebookError) -> String {
        switch FileCalls.realPath(absolute) {
        case .success(let real): return real
        case .failure(let error) where error.code == ENOENT:
            if case .success(let facts?) = FileCalls.facts(absolute), facts.kind == .symbolicLink {
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: absolute)) ?? "?"
                throw NotebookError("\(shown): is a symbolic link to \(target), which does not exist")
            }
            let parent = (absolute as NSString).deletingLastPathComponent
            guard parent != absolute else { return absolute }
            let resolvedParent = try resolve(parent, shown: shown)
            return (resolvedParent == "/" ? "" : resolvedParent) + "/" + (absolute as NSString).lastPathComponent
        case .failure(let error) where error.code == ENOTDIR:
            throw NotebookError("\(shown): cannot be a folder: \(blockingFile(absolute) ?? "a part of it") is a file")
        case .failure(let error):
            throw NotebookError("\(shown): cannot be a folder (\(error.reason))")
        }
    }

    /// The first part of `absolute` that exists and is not a folder.
    private static func blockingFile(_ absolute: String) -> String? {
        var prefix = ""
        for component in absolute.split(separator: "/") {
            prefix += "/" + component
            guard case .success(let facts?) = FileCalls.facts(prefix, following: true) else { return nil }
            if facts.kind != .folder { return prefix }
        }
        return nil
    }

    /// An input's path, resolved as far as it exists (an input that is missing cannot be held).
    private static func resolvedInput(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        return (try? resolve(absolute, shown: path)) ?? absolute
    }

    /// The folder, if it exists, must be a folder this process may write in (root may write in any
    /// folder not on a read-only file system); else the nearest folder above it must be.
    func checkWritable() throws(NotebookError) {
        var candidate = path
        while true {
            switch FileCalls.facts(candidate, following: true) {
            case .success(let facts?):
                guard facts.kind == .folder else {
                    throw NotebookError(
                        candidate == path
                            ? "\(shown): exists and is \(facts.phrase), not a folder"
                            : "\(shown): cannot be a folder: \(candidate) is \(facts.phrase)")
                }
                let code = FileCalls.writable(candidate)
                guard code == 0 else {
                    throw NotebookError(
                        candidate == path
                            ? "\(shown): cannot write in it (\(FileCalls.reason(code)))"
                            : "\(shown): cannot be created in \(candidate) (\(FileCalls.reason(code)))")
                }
                // The swap renames the folder in its parent: that must be writable too.
                let besideCode = candidate == path ? FileCalls.writable(parent) : 0
                guard besideCode == 0 else {
                    throw NotebookError(
                        "\(shown): cannot write beside it in \(parent) (\(FileCalls.reason(besideCode)))")
                }
                return
            case .success(nil):
                let above = (candidate as NSString).deletingLastPathComponent
                guard above != candidate else { return }
                candidate = above
            case .failure(let error):
                throw NotebookError("\(shown): cannot be used (\(candidate): \(error.reason))")
            }
        }
    }
}
