import Foundation
import SERFiles

/// Reads the files serreport keeps for itself under `.serreport/` (cache entries, remembered file
/// digests, build records): only a regular file is read (``RegularFile``), so a named pipe or a
/// device left where an entry should be reads as missing instead of blocking a build forever or
/// never ending.
enum StoredFile {
    /// The file's bytes, or nil when it is missing, not a regular file, or cannot be read.
    static func read(_ url: URL) -> Data? {
        try? RegularFile.read(url.path, limit: .max)
    }
}
