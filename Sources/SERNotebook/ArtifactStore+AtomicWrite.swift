package import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension ArtifactStore {
    /// Writes `data` to a uniquely named temporary file in the target's folder, then renames it over
    /// the target: readers never see a partial file, and concurrent writers never share a temporary.
    package static func writeAtomically(_ data: Data, to url: URL) throws(NotebookError) {
        if let reason = atomicWrite(data, to: url) {
            throw NotebookError("\(url.path): cannot write (\(reason))")
        }
    }

    /// ``writeAtomically(_:to:)``, giving `nil` or why it failed in the system's words (`strerror`:
    /// "No space left on device", "Read-only file system"); a failed write leaves no temporary file.
    static func atomicWrite(_ data: Data, to url: URL) -> String? {
        let folder = url.deletingLastPathComponent().path
        let temporary = folder + "/.\(url.lastPathComponent).\(getpid()).\(UInt64.random(in: 0...UInt64.max)).tmp"
        var code = POSIXFiles.makeFolder(folder)
        if code == 0 { code = POSIXFiles.writeNewFile(data, at: temporary) }
        if code == 0, rename(temporary, url.path) != 0 {
            code = errno
            unlink(temporary)
        }
        return code == 0 ? nil : String(cString: strerror(code))
    }
}

/// The system calls behind an atomic write, each giving 0 or the `errno` of the call that failed, so
/// the reason a write fails is the system's own.
private enum POSIXFiles {
    /// Creates `path` and any missing parent folders: 0, or the `errno` of the step that failed.
    static func makeFolder(_ path: String) -> Int32 {
        if mkdir(path, 0o777) == 0 || errno == EEXIST { return 0 }
        guard errno == ENOENT else { return errno }
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard parent != path else { return ENOENT }
        let code = makeFolder(parent)
        guard code == 0 else { return code }
        return mkdir(path, 0o777) == 0 || errno == EEXIST ? 0 : errno
    }

    /// Writes `data` to a new file at `path`: 0, or the `errno` of the call that failed (a full disk
    /// may only say so when the file is closed), after removing what it wrote.
    static func writeNewFile(_ data: Data, at path: String) -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { return errno }
        var code: Int32 = 0
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    guard errno == EINTR else {
                        code = errno
                        return
                    }
                    continue
                }
                offset += written
            }
        }
        if close(descriptor) != 0, code == 0 { code = errno }
        if code != 0 { unlink(path) }
        return code
    }
}
