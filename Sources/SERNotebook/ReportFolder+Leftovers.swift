import Foundation
import SERFiles

#if canImport(Glibc)
    import Glibc
#endif

extension ReportFolder {
    /// The start of the names of the temporary folders beside this one: `.<name>.serreport-new-<token>`
    /// (a new report being written) and `.<name>.serreport-old-<token>` (an old one being removed). A
    /// very long name is shortened, with a digest of the whole to keep it apart from its neighbours'.
    var leftoverPrefix: String {
        var stem = name
        if stem.utf8.count > 100 {
            let digest = Digest.of(Data(name.utf8)).hex.prefix(12)
            stem = String(decoding: name.utf8.prefix(80), as: UTF8.self) + "~" + digest
        }
        return "." + stem + ".serreport-"
    }

    /// Tidies what interrupted builds left beside the folder: an old report moved aside with no new one
    /// in its place is put back; a new report that was never swapped in is removed; an old report
    /// that was swapped out is taken apart like any other (``retire(_:owned:)``). Returns a warning
    /// for each leftover that still holds files of the user's.
    func tidyLeftovers() -> [String] {
        guard case .success(let names) = FileCalls.names(in: parent) else { return [] }
        let current = try? FolderRecord.read(in: path, shown: shown)
        var warnings: [String] = []
        for name in names where name.hasPrefix(leftoverPrefix) {
            let rest = name.dropFirst(leftoverPrefix.count)
            guard let kind = ["new-", "old-"].first(where: { rest.hasPrefix($0) }) else { continue }
            let token = String(rest.dropFirst(kind.count))
            let leftover = parent + "/" + name
            guard Self.isToken(token), case .success(let facts?) = FileCalls.facts(leftover), facts.kind == .folder
            else { continue }
            let swappedOut = kind == "old-" || current?.build == token
            if !swappedOut {
                _ = purge(leftover)
                continue
            }
            if case .success(nil) = FileCalls.facts(path), FileCalls.rename(leftover, to: path, noReplace: true) == 0 {
                continue
            }
            let owned = (try? FolderRecord.read(in: leftover, shown: leftover))?.files ?? []
            let stranded = retire(leftover, owned: owned)
            if stranded > 0 {
                warnings.append(
                    "warning: \(shown): \(stranded) file\(stranded == 1 ? "" : "s") of yours from an interrupted "
                        + "build could not be put back (a file of the same name is there); see \(leftover)")
            }
        }
        return warnings
    }

    /// `<pid>-<16 hex digits>`, as ``newToken()`` makes.
    static func isToken(_ token: String) -> Bool {
        let parts = token.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[0].allSatisfy(\.isNumber) && parts[1].count == 16
            && parts[1].allSatisfy(\.isHexDigit)
    }

    /// Takes apart an old report folder at `tree`: the files its record lists (`owned`) are removed; a
    /// file of the user's that is also in the folder (the same file, linked) is removed from `tree`
    /// only; one that is not (added while the build ran) is moved into the folder. The record goes
    /// last, so a retirement cut short by a kill is finished by the next build with the same record.
    /// What cannot be put back stays in `tree`; returns how many files that is.
    @discardableResult
    func retire(_ tree: String, owned: Set<String>) -> Int {
        var stranded = 0
        func walk(_ relative: String) -> Bool {
            let folder = relative.isEmpty ? tree : tree + "/" + relative
            makeRemovable(folder)
            guard case .success(let names) = FileCalls.names(in: folder) else { return false }
            var emptied = true
            for name in names {
                let item = relative.isEmpty ? name : relative + "/" + name
                let source = tree + "/" + item
                guard case .success(let facts?) = FileCalls.facts(source) else { continue }
                if relative.isEmpty && name == Self.recordName { continue }
                if facts.kind == .folder {
                    if walk(item) && FileCalls.removeFolder(source) == 0 { continue }
                    emptied = false
                } else if owned.contains(item) {
                    if FileCalls.removeFile(source) != 0 { emptied = false }
                } else if !putBack(item, from: source, facts: facts) {
                    stranded += 1
                    emptied = false
                }
            }
            return emptied
        }
        if walk("") {
            _ = FileCalls.removeFile(tree + "/" + Self.recordName)
            _ = FileCalls.removeFolder(tree)
        }
        return stranded
    }

    /// A user's file of an old folder: dropped when the folder has the same file, else moved into it
    /// when its name is free there. `false` when it stays where it is.
    private func putBack(_ item: String, from source: String, facts: FileFacts) -> Bool {
        let target = location(item)
        switch FileCalls.facts(target) {
        case .success(let there?):
            return there.isSameFile(as: facts) && FileCalls.removeFile(source) == 0
        case .success(nil):
            guard FileCalls.makeFolders((target as NSString).deletingLastPathComponent) == 0 else { return false }
            return FileCalls.rename(source, to: target, noReplace: true) == 0
        case .failure:
            return false
        }
    }

    /// Removes a folder serreport made and never swapped in (its own files and links to the user's,
    /// which the user's folder still has). `true` when nothing is left.
    @discardableResult
    func purge(_ tree: String) -> Bool {
        makeRemovable(tree)
        guard case .success(let names) = FileCalls.names(in: tree) else { return false }
        var emptied = true
        for name in names {
            let item = tree + "/" + name
            guard case .success(let facts?) = FileCalls.facts(item) else { continue }
            if facts.kind == .folder ? !purge(item) : FileCalls.removeFile(item) != 0 { emptied = false }
        }
        return emptied && FileCalls.removeFolder(tree) == 0
    }

    /// Lets this process remove the entries of a folder it owns whose write bit is off (a user's
    /// read-only folder, carried across with its bits).
    private func makeRemovable(_ folder: String) {
        guard FileCalls.writable(folder) != 0, case .success(let facts?) = FileCalls.facts(folder),
            facts.owner == geteuid()
        else { return }
        chmod(folder, facts.mode | 0o700)
    }
}

/// An exclusive lock on the folder holding a report folder while serreport writes it, so two builds
/// writing one report folder (from any working folder) take turns. The kernel releases it when the
/// process ends, however it ends.
final class FolderLock {
    private let descriptor: Int32

    init(_ folder: ReportFolder, waiting: () -> Void) throws(NotebookError) {
        let code = FileCalls.makeFolders(folder.parent)
        guard code == 0 else {
            throw NotebookError("\(folder.shown): cannot create it (\(FileCalls.reason(code)))")
        }
        descriptor = open(folder.parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw NotebookError(
                "\(folder.shown): cannot lock \(folder.parent) while writing (\(FileCalls.reason(errno)))")
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            waiting()
            while flock(descriptor, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    let reason = FileCalls.reason(errno)
                    close(descriptor)
                    throw NotebookError("\(folder.shown): cannot lock \(folder.parent) while writing (\(reason))")
                }
            }
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
