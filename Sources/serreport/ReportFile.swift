import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reading one file of a report folder that `predict` needs, whatever is at its path: a directory,
/// a FIFO, a device or a socket is refused by its type before a byte is read (opening never waits
/// for a writer), and a file larger than `limit` is refused by its size before anything is
/// allocated. Each failure is one ``CommandError`` line, `PATH: reason`.
enum ReportFile {
    /// The bytes of the regular file at `path` (symbolic links followed), at most `limit` of them.
    static func read(_ path: String, limit: Int) throws(CommandError) -> Data {
        // O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw CommandError("\(path): \(reason(errno))") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw CommandError("\(path): \(reason(errno))") }
        if let kind = kind(of: status.st_mode) {
            throw CommandError("\(path): is \(kind), not a file")
        }
        let size = Int(status.st_size)
        guard size <= limit else {
            throw CommandError("\(path): is \(bytes(size)), larger than serreport reads here (at most \(bytes(limit)))")
        }
        // Read to the end, which may differ from the size just seen if the file changes meanwhile,
        // but never more than `limit` bytes.
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw CommandError("\(path): \(reason(errno))")
            }
            if count == 0 { break }
            guard data.count + count <= limit else {
                throw CommandError("\(path): grew past \(bytes(limit)) while being read")
            }
            data.append(contentsOf: chunk[0..<count])
        }
        return data
    }

    /// What kind of thing a non-regular file is ("a directory", "a FIFO (named pipe)"), nil for a file.
    static func kind(of mode: mode_t) -> String? {
        mode & S_IFMT == S_IFREG ? nil : describe(mode)
    }

    /// What is at `path` (symbolic links followed): "a file", "a directory", "a FIFO (named pipe)"…;
    /// nil when `stat` fails.
    static func kind(at path: String) -> String? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return describe(status.st_mode)
    }

    private static func describe(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFREG: "a file"
        case S_IFDIR: "a directory"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFSOCK: "a socket"
        case S_IFCHR, S_IFBLK: "a device"
        default: "a special file"
        }
    }

    /// What `stat` says is at `path` when it is something other than a regular file; nil for a
    /// regular file or when nothing can be said (the reader then reports why it cannot open it).
    static func irregularKind(at path: String) -> String? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return kind(of: status.st_mode)
    }

    /// Whether anything — a file, a directory, even a dangling or looping link — is at `path`.
    static func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    /// The reason an `open`, `fstat` or `read` failed, in words.
    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such file"
        case ENOTDIR: "a part of the path is not a directory"
        case EACCES, EPERM: "permission denied"
        case ELOOP: "a symbolic link loop"
        case ENXIO: "is a socket, not a file"
        case ENAMETOOLONG: "the path is too long"
        default: String(cString: strerror(code))
        }
    }

    /// `2.0 GiB`, `64 MiB`, `312 bytes`.
    static func bytes(_ count: Int) -> String {
        if count >= 1 << 30 { return String(format: "%.1f GiB", Double(count) / Double(1 << 30)) }
        if count >= 1 << 20 { return String(format: "%.0f MiB", Double(count) / Double(1 << 20)) }
        return "\(count) bytes"
    }
}
