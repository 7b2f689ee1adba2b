#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a finished figure so that its path never holds a half-written file: the bytes go to a
/// temporary file beside it, are synced, and the temporary file is renamed over the path. SERReport
/// writes `report.pdf` with it too.
package enum OutputFile {
    package static func save(_ bytes: [UInt8], to path: String) throws(PlotError) {
        let temporary = "\(path).\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure(path) }
        var error: PlotError?
        if !writeAll(bytes, to: descriptor) || fsync(descriptor) != 0 { error = failure(path) }
        if close(descriptor) != 0, error == nil { error = failure(path) }
        if error == nil, rename(temporary, path) != 0 { error = failure(path) }
        if let error {
            unlink(temporary)
            throw error
        }
    }

    /// Writes every byte, retrying after signals and short writes; false on an error (see `errno`).
    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let count = write(descriptor, base + offset, buffer.count - offset)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { return false }
                offset += count
            }
            return true
        }
    }

    /// The error for the current `errno`.
    private static func failure(_ path: String) -> PlotError {
        PlotError(.writing, path: path, reason: String(cString: strerror(errno)))
    }
}
