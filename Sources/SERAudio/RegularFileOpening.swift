import SERFiles

#if canImport(Glibc)
    import Glibc
#endif

/// Opens an audio file for reading only once it is known to be a regular file (``RegularFile``), so
/// that a path naming a named pipe (which would wait forever for a writer), a socket or a device
/// (opening some has side effects: a tape rewinds, a watchdog starts) is refused with the reason
/// instead. Every failure is ``AudioError/Code/unavailable``: none says anything about the file's
/// content.
enum RegularFileOpening {
    /// A descriptor open for reading on a regular file, and the file's size in bytes.
    static func open(_ path: String) throws(AudioError) -> (descriptor: Int32, size: Int64) {
        let opened: (descriptor: Int32, size: Int64)
        do {
            opened = try RegularFile.open(path)
        } catch {
            throw AudioError(.unavailable, path: path, reason: error.reason(as: "an audio file"))
        }
        // Non-blocking was for opening only: libsndfile's reads do not retry EAGAIN.
        _ = fcntl(opened.descriptor, F_SETFL, fcntl(opened.descriptor, F_GETFL) & ~O_NONBLOCK)
        return opened
    }
}
