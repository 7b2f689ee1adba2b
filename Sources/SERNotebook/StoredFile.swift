package import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads the files serreport keeps for itself under `.serreport/` (cache entries, remembered file
/// digests, build records): only a regular file is read, so a named pipe or a device left where an
/// entry should be reads as missing instead of blocking a build forever or never ending.
enum StoredFile {
    /// The file's bytes, or nil when it is missing, not a regular file, or cannot be read.
    static func read(_ url: URL) -> Data? {
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        var data = Data(count: Int(status.st_size))
        var offset = 0
        while offset < data.count {
            let count = data.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress! + offset, buffer.count - offset, off_t(offset))
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return nil }
            offset += count
        }
        return data
    }
}
