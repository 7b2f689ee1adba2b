import CLinux

#if canImport(Glibc)
    import Glibc
#endif

/// Standard output that cannot fail silently: every command prints through C's buffered `stdout`
/// (`print`), whose write errors are otherwise dropped, so `serreport features x.wav > /dev/full`
/// would exit 0 with nothing written. At exit the buffers are flushed and a failure ends the command
/// with status 1 and one line: `serreport: standard output: cannot write (No space left on device)`.
enum StandardOutput {
    /// Checks standard output when the process exits (installed once, first thing in `main`).
    static func checkAtExit() {
        atexit {
            // Standard output only: `fflush(nil)` would also flush streams a C library left open after
            // its own write failed (a model or PDF file on a full disk), blaming standard output for it.
            guard clinux_flush_stdout() != 0 else { return }
            let message = "serreport: standard output: cannot write (\(String(cString: strerror(errno))))\n"
            _ = message.withCString { write(2, $0, strlen($0)) }
            _exit(1)
        }
    }

    /// Prints one line, its control characters escaped (``PrintedLine``).
    static func line(_ text: String) {
        print(PrintedLine.escaped(text))
    }
}
