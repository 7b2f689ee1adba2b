package import Foundation
package import SERFiles
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The SHA-256 of input files, remembered by path and stamp (size, modification and change times,
/// inode and device, as DVC's state database and git's index do), so a build with nothing changed
/// hashes nothing. A file whose stamp changed is hashed again.
///
/// The change time (`ctime`) is in the stamp because a file can be rewritten with the same size and
/// a restored modification time (`cp -p`, `rsync -t`, `touch -r`), but not with the same change time.
/// The remembered digests decide which clip's features a file gets, so their file is stored sealed
/// like a cache entry (``ArtifactStore/sealed(_:)``): one that is damaged or edited by hand fails its
/// digest and is discarded, and every file is hashed again, never trusted.
///
/// Only regular files are opened (a named pipe would wait forever, a device never end), and a file
/// that changes while it is hashed is hashed again rather than remembered with a digest of neither
/// version.
package final class FileDigests: Sendable {
    private typealias Stamp = FileStamp

    private struct Entry: Codable {
        var stamp: Stamp
        var digest: Digest
    }

    private let file: URL
    /// Files larger than this are refused, not hashed.
    private let sizeLimit: (bytes: Int64, reason: String)?
    private let known: Mutex<[String: Entry]>
    private let changed = Atomic<Bool>(false)

    /// Reads the remembered digests from `file`; a missing, damaged or edited file starts empty.
    /// A file larger than `sizeLimit.bytes` is refused with `sizeLimit.reason`, not hashed.
    package init(file: URL, sizeLimit: (bytes: Int64, reason: String)? = nil) {
        self.file = file
        self.sizeLimit = sizeLimit
        let stored = StoredFile.read(file).flatMap { ArtifactStore.unsealed($0) }.flatMap {
            try? JSONDecoder().decode([String: Entry].self, from: $0)
        }
        known = Mutex(stored ?? [:])
    }

    /// The digest of the file at `path` (absolute), from memory when its stamp is unchanged.
    package func digest(ofFileAt path: String) throws(NotebookError) -> Digest {
        try stampedDigest(ofFileAt: path).digest
    }

    /// The digest of the file at `path` (absolute) and the stamp of the version it is the digest of: a
    /// reader that finds another stamp on the file later read another version.
    package func stampedDigest(ofFileAt path: String) throws(NotebookError) -> (digest: Digest, stamp: FileStamp) {
        var status: stat
        do {
            status = try RegularFile.status(path)
        } catch {
            throw Self.failure(error)
        }
        if let sizeLimit, Int64(status.st_size) > sizeLimit.bytes { throw NotebookError(sizeLimit.reason) }
        if let entry = known.withLock({ $0[path] }), entry.stamp == Stamp(status) { return (entry.digest, entry.stamp) }
        let descriptor: Int32
        do {
            descriptor = try RegularFile.open(path).descriptor
        } catch {
            throw Self.failure(error)
        }
        defer { close(descriptor) }
        for _ in 0..<3 {
            guard fstat(descriptor, &status) == 0 else { throw Self.failure(FileFailure(errno: errno, path: path)) }
            let before = Stamp(status)
            let digest = try Self.hash(descriptor, path: path)
            guard fstat(descriptor, &status) == 0 else { throw Self.failure(FileFailure(errno: errno, path: path)) }
            guard Stamp(status) == before else { continue }
            known.withLock { $0[path] = Entry(stamp: before, digest: digest) }
            changed.store(true, ordering: .relaxed)
            return (digest, before)
        }
        throw NotebookError(
            "kept changing while it was read (is it still being written?); build again once it is complete")
    }

    /// A file that cannot be hashed, in ``FileFailure``'s words ("is a named pipe (FIFO), not an audio file").
    private static func failure(_ failure: FileFailure) -> NotebookError {
        NotebookError(failure.reason(as: "an audio file"))
    }

    /// The SHA-256 of everything `descriptor` reads from its start, in 1 MiB blocks.
    private static func hash(_ descriptor: Int32, path: String) throws(NotebookError) -> Digest {
        var hasher = DigestHasher()
        var block = [UInt8](repeating: 0, count: 1 << 20)
        var offset: off_t = 0
        while true {
            let count = block.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, offset) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw failure(FileFailure(errno: errno, path: path))
            }
            if count == 0 { return hasher.finish() }
            block.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            offset += off_t(count)
        }
    }

    /// Writes the remembered digests back, sealed, when any was added.
    package func save() {
        guard changed.load(ordering: .relaxed) else { return }
        let entries = known.withLock { $0 }
        if let data = try? JSONEncoder.stable.encode(entries) {
            try? ArtifactStore.writeAtomically(ArtifactStore.sealed(data), to: file)
        }
    }
}
