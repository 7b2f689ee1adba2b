import CSndFile
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Keeps the C libraries under libsndfile from printing on their own while a file is decoded.
///
/// libsndfile decodes MP3 with libmpg123, and creates its libmpg123 handle without the
/// `MPG123_QUIET` flag (libsndfile 1.2's `mpeg_decode.c`), so a damaged MP3 makes libmpg123 print
/// `Note: Illegal Audio-MPEG-Header …` to C's `stderr` stream, between serreport's own lines. The
/// handle is libsndfile's private state, so the flag cannot be set on it from outside.
///
/// What can be done is to point C's `stderr` stream (the `FILE *`, not file descriptor 2) at
/// `/dev/null` while decoding. serreport writes its own lines to descriptor 2 directly
/// (`FileHandle.standardError`), never through that stream, so no line of serreport's is lost, from
/// this thread or any other; nothing touches descriptor 2. Decodes in flight are counted: the stream
/// is swapped when the first starts and swapped back when the last ends, so several decoding
/// threads never restore it under each other, and what the command line prints through the stream
/// after decoding (ArgumentParser's errors) shows as usual.
enum LibraryChatter {
    private struct State: ~Copyable {
        var decoding = 0
        /// C's `stderr` while it is swapped out.
        var saved: UnsafeMutablePointer<FILE>?
        /// `/dev/null`, opened on first use and kept; nil when it cannot be opened (then nothing is
        /// silenced, and the chatter shows as before).
        var sink: UnsafeMutablePointer<FILE>?
        var sinkTried = false
    }

    private static let state = Mutex(State())

    /// Runs `body` with C's `stderr` stream discarding what the libraries write.
    static func silenced<Value, Failure: Error>(_ body: () throws(Failure) -> Value) throws(Failure) -> Value {
        enter()
        defer { leave() }
        return try body()
    }

    private static func enter() {
        state.withLock { state in
            state.decoding += 1
            guard state.decoding == 1 else { return }
            if !state.sinkTried {
                state.sinkTried = true
                state.sink = openNullDevice()
            }
            guard let sink = state.sink else { return }
            state.saved = serreport_swap_stderr(sink)
        }
    }

    /// `/dev/null` as a C stream, or nil when it is missing or not the null device: never created,
    /// so a system whose `/dev/null` was removed does not get a regular file in its place.
    private static func openNullDevice() -> UnsafeMutablePointer<FILE>? {
        let descriptor = open("/dev/null", O_WRONLY | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else { return nil }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFCHR, let stream = fdopen(descriptor, "w")
        else {
            close(descriptor)
            return nil
        }
        return stream
    }

    private static func leave() {
        state.withLock { state in
            state.decoding -= 1
            guard state.decoding == 0, let saved = state.saved else { return }
            _ = serreport_swap_stderr(saved)
            state.saved = nil
        }
    }
}
