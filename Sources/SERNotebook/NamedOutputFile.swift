package import Foundation
import SERFiles

#if canImport(Glibc)
    import Glibc
#endif

/// A file a command writes at a path the user names (`features --out FILE`), as a shell redirection
/// would: through a symbolic link to the file it points at, never to a folder, FIFO, socket or device.
/// The file is replaced atomically (readers see the old bytes or the new, never a part) and keeps
/// its permission bits.
package enum NamedOutputFile {
    /// The file that writing `path` changes: `path`, or the file its symbolic links lead to. Stops with
    /// one line when that is not a regular file (or nothing yet), or a link leads nowhere it can write.
    package static func target(of path: String) throws(NotebookError) -> String {
        let here = FileManager.default.currentDirectoryPath
        var current = URL(fileURLWithPath: path.hasPrefix("/") ? path : here + "/" + path).standardizedFileURL.path
        for _ in 0..<40 {
            switch FileCalls.facts(current) {
            case .success(nil):
                let folder = (current as NSString).deletingLastPathComponent
                guard case .success(let facts?) = FileCalls.facts(folder, following: true), facts.kind == .folder
                else { throw NotebookError("\(path): cannot write (no folder \(folder) to write it in)") }
                return current
            case .success(let facts?) where facts.isRegular:
                return current
            case .success(let facts?) where facts.kind == .symbolicLink:
                guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else {
                    throw NotebookError("\(path): cannot read the symbolic link \(current)")
                }
                let base = (current as NSString).deletingLastPathComponent
                current =
                    URL(fileURLWithPath: destination.hasPrefix("/") ? destination : base + "/" + destination)
                    .standardizedFileURL.path
            case .success(let facts?):
                throw NotebookError("\(path): is \(facts.phrase), not a regular file; give a file to write")
            case .failure(let error) where error.code == ENOTDIR:
                let folder = (current as NSString).deletingLastPathComponent
                throw NotebookError("\(path): cannot write (\(folder) is not a folder)")
            case .failure(let error):
                throw NotebookError("\(path): cannot write (\(error.reason))")
            }
        }
        throw NotebookError("\(path): cannot write (\(FileCalls.reason(ELOOP)))")
    }

    /// Writes `data` to the file `path` names (``target(of:)``): to a temporary file beside it, flushed
    /// to disk, then renamed over it. A failed write leaves the old file as it was and no temporary file.
    package static func write(_ data: Data, to path: String) throws(NotebookError) {
        let target = try target(of: path)
        let existing = try? FileCalls.facts(target).get()
        let folder = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        let temporary = folder + "/.\(name).\(getpid()).\(UInt64.random(in: 0...UInt64.max)).tmp"
        var code = FileCalls.writeNewFile(data, at: temporary, mode: existing?.mode ?? 0o666)
        if code == 0 {
            if let facts = existing { FileCalls.copyOwnership(facts, to: temporary) }
            code = durable(temporary)
        }
        if code == 0, Glibc.rename(temporary, target) != 0 { code = errno }
        if code != 0 {
            unlink(temporary)
            throw NotebookError("\(path): cannot write (\(FileCalls.reason(code)))")
        }
        FileCalls.syncFolder(folder)
    }

    /// Whether two paths name one existing file (symbolic links followed).
    package static func sameFile(_ first: String, _ second: String) -> Bool {
        guard case .success(let one?) = FileCalls.facts(first, following: true),
            case .success(let other?) = FileCalls.facts(second, following: true)
        else { return false }
        return one.isSameFile(as: other)
    }

    /// `fsync` of a written file: 0 or the `errno` (a full disk may only say so here).
    private static func durable(_ path: String) -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return errno }
        defer { close(descriptor) }
        return fsync(descriptor) == 0 ? 0 : errno
    }
}
