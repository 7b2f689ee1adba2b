#if canImport(Glibc)
    package import Glibc
#endif

/// What identifies one version of a file without reading it: size, modification and change times
/// (nanoseconds), inode and device, as DVC's state database and git's index keep them. The change time
/// is in it because a file can be rewritten with the same size and a restored modification time
/// (`cp -p`, `rsync -t`, `touch -r`), but not with the same change time.
package struct FileStamp: Codable, Equatable, Sendable {
    package var size: Int64
    package var modified: Int64
    package var changed: Int64
    package var inode: UInt64
    package var device: UInt64

    package init(_ status: stat) {
        size = Int64(status.st_size)
        modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
        changed = Int64(status.st_ctim.tv_sec) * 1_000_000_000 + Int64(status.st_ctim.tv_nsec)
        inode = UInt64(status.st_ino)
        device = UInt64(status.st_dev)
    }

    /// The stamp of the file at `path` now (links followed), or `nil` if there is none.
    package init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        self.init(status)
    }

    /// The stamp of the file open on `descriptor`, or `nil` if `fstat` fails.
    package init?(descriptor: Int32) {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        self.init(status)
    }
}
