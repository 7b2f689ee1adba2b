package import Foundation
import SERFiles

#if canImport(Glibc)
    import Glibc
#endif

extension ReportFolder {
    /// Replaces serreport's files in the folder with `files` (relative path → bytes) as one step, and
    /// keeps every file of the user's.
    ///
    /// Stops, changing nothing, when a file is to be written where the user has a file or folder of
    /// their own, or when the new report cannot be written whole (a full disk, a read-only folder);
    /// the message names the file and the reason. A file with the same bytes as the one it replaces
    /// is kept as it is (its modification time too).
    ///
    /// - Parameters:
    ///   - formerOutputs: which files count as serreport's when the folder has no record (a report
    ///     written before records existed; the caller decides that it is one), by relative path.
    ///   - finishing: makes more files once `files` are in the new folder, given its path (report.pdf,
    ///     drawn from the figures there).
    ///   - log: one line per warning (a file of the user's that could not be put back).
    package func publish(
        _ files: [String: Data], formerOutputs: (String) -> Bool = { _ in false },
        finishing: (_ staging: String) throws(NotebookError) -> [String: Data] = { _ in [:] },
        log: (String) -> Void = { _ in }
    ) throws(NotebookError) {
        let lock = try FolderLock(self, waiting: { log("waiting for another serreport writing \(shown)") })
        defer { withExtendedLifetime(lock) {} }
        for line in tidyLeftovers() { log(line) }
        try checkWritable()
        let owned = try ownedFiles(formerOutputs: formerOutputs)
        try checkCollisions(Array(files.keys), owned: owned)
        let result = try replace(record: true, owned: owned) { staging throws(NotebookError) in
            try stage(files, into: staging, owned: owned)
            let more = try finishing(staging)
            try checkCollisions(Array(more.keys), owned: owned)
            try stage(more, into: staging, owned: owned)
            return Set(files.keys).union(more.keys)
        }
        if let line = result.warning { log(line) }
    }

    /// `serreport clean --outputs`: removes the files serreport wrote in the folder (its record, or
    /// `formerOutputs` when it has none), in one step, and the folder too when nothing of the user's is
    /// left in it (and it is not reached through a symbolic link). Returns how many files were removed
    /// and how many of the user's were kept.
    package func clean(
        formerOutputs: (String) -> Bool = { _ in false }, log: (String) -> Void = { _ in }
    ) throws(NotebookError) -> (removed: Int, kept: Int) {
        let lock = try FolderLock(self, waiting: { log("waiting for another serreport writing \(shown)") })
        defer { withExtendedLifetime(lock) {} }
        for line in tidyLeftovers() { log(line) }
        guard case .success(let facts?) = FileCalls.facts(path), facts.kind == .folder else { return (0, 0) }
        try checkWritable()
        let owned = try ownedFiles(formerOutputs: formerOutputs)
        let present = owned.filter {
            if case .success(let facts?) = FileCalls.facts(location($0)), facts.kind != .folder { return true }
            return false
        }
        guard !present.isEmpty || hasRecord else { return (0, 0) }
        let result = try replace(record: false, owned: owned) { _ throws(NotebookError) in [] }
        if let line = result.warning { log(line) }
        // An empty folder goes, unless the user's path is a link to it (the next build writes there).
        if !isLinked, case .success(let names) = FileCalls.names(in: path), names.isEmpty {
            _ = FileCalls.removeFolder(path)
        }
        return (present.count, result.kept)
    }

    /// The files of the folder that are serreport's: those in its record, or those `formerOutputs`
    /// accepts when it has none.
    func ownedFiles(formerOutputs: (String) -> Bool) throws(NotebookError) -> Set<String> {
        guard case .success(let facts?) = FileCalls.facts(path), facts.kind == .folder else { return [] }
        if let record = try FolderRecord.read(in: path, shown: shown(Self.recordName)) { return record.files }
        var owned: Set<String> = []
        func walk(_ relative: String) {
            guard case .success(let names) = FileCalls.names(in: location(relative)) else { return }
            for name in names {
                let item = relative.isEmpty ? name : relative + "/" + name
                guard case .success(let facts?) = FileCalls.facts(location(item)) else { continue }
                if facts.kind == .folder {
                    walk(item)
                } else if formerOutputs(item) {
                    owned.insert(item)
                }
            }
        }
        walk("")
        return owned
    }

    /// Builds the new folder beside this one (`fill` writes serreport's files and says which it
    /// wrote), adds the user's files to it, swaps it in, and retires the old one. On any failure before
    /// the swap, the new folder is removed and this one is as it was.
    private func replace(
        record: Bool, owned: Set<String>, fill: (String) throws(NotebookError) -> Set<String>
    ) throws(NotebookError) -> (kept: Int, warning: String?) {
        let code = FileCalls.makeFolders(parent)
        guard code == 0 else { throw NotebookError("\(shown): cannot create it (\(FileCalls.reason(code)))") }
        let token = Self.newToken()
        let staging = parent + "/" + leftoverPrefix + "new-" + token
        let made = FileCalls.makeFolder(staging)
        guard made == 0 else {
            throw NotebookError("\(shown): cannot write the new report beside it (\(FileCalls.reason(made)))")
        }
        let kept: Int
        let old: String?
        do throws(NotebookError) {
            let written = try fill(staging)
            if record {
                let data = FolderRecord(build: token, files: written).encoded()
                let code = FileCalls.writeNewFile(data, at: staging + "/" + Self.recordName)
                guard code == 0 else {
                    throw NotebookError("\(shown(Self.recordName)): cannot write (\(FileCalls.reason(code)))")
                }
            }
            var replacing = false
            if case .success(let facts?) = FileCalls.facts(path), facts.kind == .folder {
                replacing = true
                kept = try carry("", into: staging, owned: owned)
                FileCalls.copyOwnership(facts, to: staging)
            } else {
                kept = 0
            }
            FileCalls.flush(staging)
            old = try swap(in: staging, token: token, replacing: replacing)
        } catch {
            _ = purge(staging)
            throw error
        }
        guard let old else { return (kept, nil) }
        let stranded = retire(old, owned: owned)
        return (kept, stranded == 0 ? nil : strandedWarning(stranded, in: old))
    }

    /// Puts the new folder in place: swapped with the old one in one step, or (a file system without
    /// `RENAME_EXCHANGE`) the old one renamed aside first, which a later build puts back if it is
    /// killed in between. Returns where the old folder is now (`nil` when there was none).
    private func swap(in staging: String, token: String, replacing: Bool) throws(NotebookError) -> String? {
        defer { FileCalls.syncFolder(parent) }
        if !replacing {
            var code = FileCalls.rename(staging, to: path, noReplace: true)
            if code == EINVAL || code == ENOSYS { code = FileCalls.rename(staging, to: path) }
            guard code == 0 else {
                throw NotebookError("\(shown): cannot put the new report in place (\(FileCalls.reason(code)))")
            }
            return nil
        }
        let old = parent + "/" + leftoverPrefix + "old-" + token
        let code = FileCalls.rename(staging, to: path, exchange: true)
        if code == 0 {
            // The old report is now at the staging name: give it its own.
            return FileCalls.rename(staging, to: old, noReplace: true) == 0 ? old : staging
        }
        guard code == EINVAL || code == ENOSYS || code == EOPNOTSUPP else {
            throw NotebookError("\(shown): cannot swap the new report in (\(FileCalls.reason(code)))")
        }
        let aside = FileCalls.rename(path, to: old, noReplace: true)
        guard aside == 0 else {
            throw NotebookError("\(shown): cannot swap the new report in (\(FileCalls.reason(aside)))")
        }
        let moved = FileCalls.rename(staging, to: path, noReplace: true)
        if moved != 0 {
            _ = FileCalls.rename(old, to: path, noReplace: true)
            throw NotebookError("\(shown): cannot swap the new report in (\(FileCalls.reason(moved)))")
        }
        return old
    }

    /// Writes `files` into the new folder: a file whose bytes equal serreport's file of the same name
    /// in the old folder is linked (kept as it was), any other is written.
    func stage(_ files: [String: Data], into staging: String, owned: Set<String>) throws(NotebookError) {
        for (relative, data) in files.sorted(by: { $0.key < $1.key }) {
            let target = staging + "/" + relative
            let folder = (target as NSString).deletingLastPathComponent
            let made = FileCalls.makeFolders(folder)
            guard made == 0 else {
                let shownFolder = shown((relative as NSString).deletingLastPathComponent)
                throw NotebookError("\(shownFolder): cannot create (\(FileCalls.reason(made)))")
            }
            let old = location(relative)
            if owned.contains(relative), case .success(let facts?) = FileCalls.facts(old), facts.isRegular,
                facts.size == data.count, FileCalls.contents(of: old, limit: data.count) == data,
                FileCalls.link(old, as: target) == 0
            {
                continue
            }
            let code = FileCalls.writeNewFile(data, at: target)
            guard code == 0 else { throw NotebookError("\(shown(relative)): cannot write (\(FileCalls.reason(code)))") }
        }
    }

    /// A fresh build token: this process and 64 random bits.
    static func newToken() -> String {
        "\(getpid())-" + String(UInt64.random(in: 0...UInt64.max), radix: 16).leftPadded(to: 16)
    }

    private func strandedWarning(_ count: Int, in folder: String) -> String {
        "warning: \(shown): \(count) file\(count == 1 ? "" : "s") of yours could not be put back "
            + "(a file of the same name is there); \(count == 1 ? "it is" : "they are") in \(folder)"
    }
}

extension String {
    /// The string with leading zeros up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
