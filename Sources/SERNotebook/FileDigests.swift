package import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The SHA-256 of input files, remembered by path, size, modification time and inode (as DVC's state
/// database does), so a build with nothing changed hashes nothing. A file whose size, time or inode
/// changed is hashed again.
package final class FileDigests: Sendable {
    private struct Stamp: Codable, Equatable {
        var size: Int64
        var modified: Int64
        var inode: UInt64
    }

    private struct Entry: Codable {
        var stamp: Stamp
        var digest: Digest
    }

    private let file: URL
    private let known: Mutex<[String: Entry]>
    private let changed = Atomic<Bool>(false)

    /// Reads the remembered digests from `file` (a missing or damaged file starts empty).
    package init(file: URL) {
        self.file = file
        let stored = (try? Data(contentsOf: file)).flatMap { try? JSONDecoder().decode([String: Entry].self, from: $0) }
        known = Mutex(stored ?? [:])
    }

    /// The digest of the file at `path` (absolute), from memory when its stamp is unchanged.
    package func digest(ofFileAt path: String) throws -> Digest {
        var status = stat()
        guard stat(path, &status) == 0 else { throw NotebookError(Self.reason(errno)) }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw NotebookError(
                (status.st_mode & S_IFMT) == S_IFDIR ? "a folder, not an audio file" : "not a regular file")
        }
        let stamp = Stamp(
            size: Int64(status.st_size),
            modified: Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec),
            inode: UInt64(status.st_ino))
        if let entry = known.withLock({ $0[path] }), entry.stamp == stamp { return entry.digest }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw NotebookError(Self.reason(errno)) }
        close(descriptor)
        let digest = try Digest.of(file: URL(fileURLWithPath: path))
        known.withLock { $0[path] = Entry(stamp: stamp, digest: digest) }
        changed.store(true, ordering: .relaxed)
        return digest
    }

    /// Why a file cannot be opened, in a few words.
    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such file"
        case EACCES, EPERM: "permission denied (cannot be read)"
        case ELOOP: "a symbolic link loop"
        default: String(cString: strerror(code))
        }
    }

    /// Writes the remembered digests back when any was added.
    package func save() {
        guard changed.load(ordering: .relaxed) else { return }
        let entries = known.withLock { $0 }
        if let data = try? JSONEncoder.stable.encode(entries) {
            try? ArtifactStore.writeAtomically(data, to: file)
        }
    }
}
