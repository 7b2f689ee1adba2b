import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The audio files under a corpus folder, found recursively, by path relative to the folder, sorted.
///
/// Symbolic links are followed, as a corpus assembled from links is laid out by the links; a link
/// that leads back to a folder already scanned (a loop, or a second way into the same folder) is not
/// entered again, and an unreadable folder or a link that cannot be resolved is recorded with its
/// reason instead of stopping the scan. Hidden entries (`.DS_Store`, macOS `._name.wav` resource
/// forks) are not corpus files and are passed over.
struct AudioFileScan {
    /// The extensions libsndfile decodes that corpora ship in.
    static let audioExtensions: Set<String> = ["wav", "flac", "ogg", "mp3"]

    private(set) var files: [AudioPath] = []
    /// Folders and links the scan could not enter, with why.
    private(set) var problems: [SkippedFile] = []
    /// Every folder entered, by device and inode.
    private var visited: Set<FolderIdentity> = []

    init(root: URL) {
        walk(root.path, relative: "")
        files.sort { $0.relative < $1.relative }
    }

    private struct FolderIdentity: Hashable {
        let device: UInt64
        let inode: UInt64
    }

    private mutating func walk(_ folder: String, relative: String) {
        guard let identity = Self.identity(of: folder), visited.insert(identity).inserted else {
            problems.append(
                SkippedFile(
                    path: relative + "/",
                    reason: "symbolic link loop: leads to a folder already scanned (not scanned again)"))
            return
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        } catch {
            problems.append(
                SkippedFile(path: (relative.isEmpty ? "." : relative) + "/", reason: Self.unreadable(folder, error)))
            return
        }
        for name in names where !name.hasPrefix(".") {
            let path = folder + "/" + name
            let entry = relative.isEmpty ? name : relative + "/" + name
            var status = stat()
            guard stat(path, &status) == 0 else {
                let reason =
                    errno == ELOOP
                    ? "symbolic link loop (the link resolves to itself)"
                    : "cannot be read: \(String(cString: strerror(errno)))"
                problems.append(SkippedFile(path: entry, reason: reason))
                continue
            }
            switch status.st_mode & S_IFMT {
            case S_IFDIR:
                walk(path, relative: entry)
            case S_IFREG:
                let fileExtension = (name as NSString).pathExtension.lowercased()
                if Self.audioExtensions.contains(fileExtension) { files.append(AudioPath(entry)) }
            default:
                continue
            }
        }
    }

    private static func identity(of folder: String) -> FolderIdentity? {
        var status = stat()
        guard stat(folder, &status) == 0 else { return nil }
        return FolderIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }

    private static func unreadable(_ folder: String, _ error: any Error) -> String {
        if access(folder, R_OK | X_OK) != 0 {
            return "unreadable folder: \(String(cString: strerror(errno)))"
        }
        return "unreadable folder: \(error.localizedDescription)"
    }
}
