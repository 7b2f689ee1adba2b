import Foundation
import SERFiles

#if canImport(Glibc)
    import Glibc
#endif

/// Reading one file of a report folder that `predict` needs, whatever is at its path
/// (``RegularFile``): a folder, a named pipe, a device or a socket is refused by its type before a
/// byte is read, and a file larger than `limit` by its size. Each failure is one ``CommandError``
/// line, `PATH: reason`.
enum ReportFile {
    /// The bytes of the regular file at `path` (symbolic links followed), at most `limit` of them.
    static func read(_ path: String, limit: Int) throws(CommandError) -> Data {
        do {
            return try RegularFile.read(path, limit: limit)
        } catch {
            throw CommandError("\(path): \(error.reason)")
        }
    }

    /// Whether anything — a file, a folder, even a dangling or looping link — is at `path`.
    static func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }
}
