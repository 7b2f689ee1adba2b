import Foundation
import SERFiles

#if canImport(Glibc)
    import Glibc
#endif

extension ReportFolder {
    /// Stops, before anything is written, when a file serreport is to write (or a folder it writes
    /// into) is there and is not serreport's: a file not in the record, a folder where a file goes, a
    /// symbolic link where a folder goes, or a folder the user made read-only.
    func checkCollisions(_ paths: [String], owned: Set<String>) throws(NotebookError) {
        var blocked: [String] = []
        var folders: [String: Bool] = [:]  // a folder a file goes in → whether it is there as a folder
        paths: for relative in paths.sorted() {
            let parts = relative.split(separator: "/").map(String.init)
            var prefix = ""
            for part in parts.dropLast() {
                prefix = prefix.isEmpty ? part : prefix + "/" + part
                if let usable = folders[prefix] {
                    if usable { continue } else { continue paths }
                }
                switch FileCalls.facts(location(prefix)) {
                case .success(let facts?) where facts.kind == .folder:
                    let code = FileCalls.writable(location(prefix))
                    guard code == 0 else {
                        throw NotebookError("\(shown(prefix)): cannot write in it (\(FileCalls.reason(code)))")
                    }
                    folders[prefix] = true
                case .success(nil):
                    // Nothing there: nothing below it either.
                    folders[prefix] = false
                    continue paths
                case .success(let facts?) where owned.contains(prefix) && facts.kind != .folder:
                    folders[prefix] = false
                    continue paths
                case .success:
                    blocked.append(prefix)
                    folders[prefix] = false
                    continue paths
                case .failure(let error): throw NotebookError("\(shown(prefix)): cannot be used (\(error.reason))")
                }
            }
            switch FileCalls.facts(location(relative)) {
            case .success(nil): continue
            case .success(let facts?) where owned.contains(relative) && facts.kind != .folder: continue
            case .success: blocked.append(relative)
            case .failure(let error): throw NotebookError("\(shown(relative)): cannot be used (\(error.reason))")
            }
        }
        guard let first = blocked.first else { return }
        let more = blocked.count > 1 ? " (and \(blocked.count - 1) more)" : ""
        throw NotebookError(
            "\(shown(first)): exists and serreport did not write it (it is not in \(shown(Self.recordName)))\(more); "
                + "move it away or choose another folder")
    }

    /// Adds the user's files under `relative` (every file not in `owned`, and every folder) to the new
    /// folder as hard links — the same files, nothing copied — with their folders' permission bits.
    /// Returns how many files it added; stops with one line for a file it cannot add.
    func carry(_ relative: String, into staging: String, owned: Set<String>) throws(NotebookError) -> Int {
        // The folders serreport's files were in (figures/, models/): carried only for what the user
        // put in them, so a folder serreport made goes when its files go.
        var ownedFolders: Set<String> = []
        for file in owned {
            var parts = file.split(separator: "/").dropLast()
            while !parts.isEmpty {
                ownedFolders.insert(parts.joined(separator: "/"))
                parts = parts.dropLast()
            }
        }
        return try carry(relative, into: staging, owned: owned, ownedFolders: ownedFolders)
    }

    private func carry(_ relative: String, into staging: String, owned: Set<String>, ownedFolders: Set<String>)
        throws(NotebookError) -> Int
    {
        let names: [String]
        switch FileCalls.names(in: location(relative)) {
        case .success(let found): names = found
        case .failure(let error):
            throw NotebookError(
                "\(shown(relative)): cannot read it (\(error.reason)), so its files cannot be kept in the new report")
        }
        var count = 0
        for name in names where !(relative.isEmpty && name == Self.recordName) {
            let item = relative.isEmpty ? name : relative + "/" + name
            let source = location(item)
            let target = staging + "/" + item
            let facts: FileFacts
            switch FileCalls.facts(source) {
            case .success(nil): continue
            case .success(let found?): facts = found
            case .failure(let error): throw NotebookError("\(shown(item)): cannot be kept (\(error.reason))")
            }
            if facts.kind == .folder {
                switch FileCalls.facts(target) {
                case .success(nil):
                    let code = FileCalls.makeFolder(target, mode: 0o700)
                    guard code == 0 else {
                        throw NotebookError("\(shown(item)): cannot be kept (\(FileCalls.reason(code)))")
                    }
                    let carried = try carry(item, into: staging, owned: owned, ownedFolders: ownedFolders)
                    if carried == 0 && ownedFolders.contains(item) {
                        _ = FileCalls.removeFolder(target)
                    } else {
                        FileCalls.copyOwnership(facts, to: target)
                    }
                    count += carried
                case .success(let made?) where made.kind == .folder:
                    count += try carry(item, into: staging, owned: owned, ownedFolders: ownedFolders)
                default:
                    throw NotebookError(
                        "\(shown(item)): exists and serreport did not write it; move it away or choose another folder")
                }
                continue
            }
            if owned.contains(item) { continue }
            let code = FileCalls.link(source, as: target)
            if code == EEXIST {
                throw NotebookError(
                    "\(shown(item)): exists and serreport did not write it (it is not in \(shown(Self.recordName))); "
                        + "move it away or choose another folder")
            }
            guard code == 0 else {
                throw NotebookError(
                    "\(shown(item)): cannot be kept in the new report (\(FileCalls.reason(code))); "
                        + "move it out of \(shown) and build again")
            }
            count += 1
        }
        return count
    }
}
