#if canImport(Glibc)
    import Glibc
#endif

/// Opens an audio file for reading only once it is known to be a regular file, so that a path naming
/// a named pipe (which would wait forever for a writer), a socket or a device (opening some has side
/// effects: a tape rewinds, a watchdog starts) is refused with the reason instead.
///
/// The type is checked before opening (`stat`, which opens nothing) and again on the open
/// descriptor (`fstat`), in case the path was swapped in between. Every failure names its cause in
/// a few words and is ``AudioError/Code/unavailable``: none says anything about the file's content.
enum RegularFileOpening {
    /// A descriptor open for reading on a regular file, and the file's size in bytes.
    static func open(_ path: String) throws(AudioError) -> (descriptor: Int32, size: Int64) {
        var status = stat()
        guard stat(path, &status) == 0 else { throw failure(path, errno) }
        if let kind = irregularKind(status.st_mode) { throw notAFile(path, kind) }
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard descriptor >= 0 else { throw failure(path, errno) }
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            close(descriptor)
            throw failure(path, code)
        }
        if let kind = irregularKind(status.st_mode) {
            close(descriptor)
            throw notAFile(path, kind)
        }
        // Non-blocking was for opening only: libsndfile's reads do not retry EAGAIN.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        return (descriptor, Int64(status.st_size))
    }

    /// "a named pipe (FIFO)" for anything but a regular file, nil for a regular file.
    static func irregularKind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "a directory"
        case S_IFIFO: "a named pipe (FIFO)"
        case S_IFSOCK: "a socket"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        default: "not a regular file"
        }
    }

    private static func notAFile(_ path: String, _ kind: String) -> AudioError {
        AudioError(.unavailable, path: path, reason: "is \(kind), not an audio file")
    }

    /// A failed `stat`, `open`, `fstat` or `read`, in a few words.
    static func failure(_ path: String, _ code: Int32) -> AudioError {
        AudioError(.unavailable, path: path, reason: reason(code, path: path))
    }

    /// Why a file cannot be opened or read, in a few words a person can act on.
    static func reason(_ code: Int32, path: String) -> String {
        switch code {
        case ENOENT:
            // The command line turns bytes that are not UTF-8 into U+FFFD, so such a name cannot be found.
            path.contains("\u{FFFD}")
                ? "no such file (its name holds bytes that are not UTF-8, shown as \u{FFFD}; rename the file)"
                : "no such file"
        case EACCES, EPERM: "permission denied"
        case ELOOP: "a symbolic link loop"
        case ENOTDIR: "a part of its path is a file, not a folder"
        case ENAMETOOLONG: "its path is too long"
        case EMFILE, ENFILE: "cannot be opened now: too many open files"
        case ENOMEM: "cannot be read now: out of memory"
        case EIO: "cannot be read: input/output error (a failing disk or network share?)"
        default: "cannot be read: \(String(cString: strerror(code)))"
        }
    }
}
