package import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A regular file, opened or read without ever waiting: a folder, a named pipe (which would wait
/// for a writer), a socket or a device (`/dev/zero` never ends; opening some has side effects) is
/// refused by its type before it is opened, and again on the open descriptor in case the path was
/// swapped in between; a file larger than the reader's limit is refused by its size before a byte
/// is read. Every failure is a ``FileFailure``, which each caller turns into its own error.
package enum RegularFile {
    /// What `stat` (`lstat` when not `followingLinks`) says of `path`, which must be a regular file.
    /// Opens nothing.
    package static func status(_ path: String, followingLinks: Bool = true) throws(FileFailure) -> stat {
        var status = stat()
        guard (followingLinks ? stat(path, &status) : lstat(path, &status)) == 0 else {
            throw FileFailure(errno: errno, path: path)
        }
        if let kind = FileKind(mode: status.st_mode) { throw FileFailure(.notRegular(kind), path: path) }
        return status
    }

    /// A descriptor open for reading on the regular file at `path`, and its size in bytes. The
    /// descriptor is non-blocking (for opening); a caller whose reads do not retry EAGAIN clears
    /// `O_NONBLOCK`. The caller closes it.
    package static func open(_ path: String, followingLinks: Bool = true) throws(FileFailure) -> (
        descriptor: Int32, size: Int64
    ) {
        _ = try status(path, followingLinks: followingLinks)
        // O_NONBLOCK: opening a named pipe returns at once instead of waiting for a writer.
        // O_NOCTTY: a terminal swapped in meanwhile does not become the controlling one.
        let flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | (followingLinks ? 0 : O_NOFOLLOW)
        let descriptor = Glibc.open(path, flags)
        guard descriptor >= 0 else { throw FileFailure(errno: errno, path: path) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            close(descriptor)
            throw FileFailure(errno: code, path: path)
        }
        if let kind = FileKind(mode: status.st_mode) {
            close(descriptor)
            throw FileFailure(.notRegular(kind), path: path)
        }
        return (descriptor, Int64(status.st_size))
    }

    /// The bytes of the regular file at `path`, at most `limit` of them: a larger file is refused
    /// before reading, and one that grows past `limit` while it is read is refused then.
    package static func read(_ path: String, limit: Int, followingLinks: Bool = true) throws(FileFailure) -> Data {
        let (descriptor, size) = try open(path, followingLinks: followingLinks)
        defer { close(descriptor) }
        guard size <= limit else { throw FileFailure(.tooLarge(size: size, limit: limit), path: path) }
        var data = Data()
        data.reserveCapacity(Int(size))
        var block = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = block.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw FileFailure(errno: errno, path: path)
            }
            if count == 0 { return data }
            // The file may have changed since `fstat`: read to its end, but never past `limit`.
            guard data.count + count <= limit else { throw FileFailure(.grew(limit: limit), path: path) }
            data.append(contentsOf: block[0..<count])
        }
    }
}
