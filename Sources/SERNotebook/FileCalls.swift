import CLinux
import Foundation
import SERFiles

#if canImport(Glibc)
    import Glibc
#endif

/// What `lstat` says of one path: its kind, identity and permission bits.
struct FileFacts: Equatable {
    /// What is there when it is not a regular file (``FileKind``, `nil` for a regular file).
    var kind: FileKind?
    var device: UInt64
    var inode: UInt64
    var size: Int
    /// The permission bits (`st_mode & 07777`).
    var mode: mode_t
    var owner: uid_t
    var group: gid_t

    /// A regular file (not a folder, link, pipe, socket or device).
    var isRegular: Bool { kind == nil }

    /// How a message names what is there: "a regular file", "a folder", "a named pipe (FIFO)".
    var phrase: String { kind?.phrase ?? "a regular file" }

    /// The same file: one device and inode.
    func isSameFile(as other: FileFacts) -> Bool { device == other.device && inode == other.inode }
}

/// The system calls behind the report folder, each giving its result or the `errno` of the call that
/// failed, so the reason a step fails is the system's own ("No space left on device"). Paths are
/// absolute; nothing here follows a symbolic link unless it says so.
enum FileCalls {
    /// The system's words for an `errno`.
    static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }

    /// `lstat` (or `stat` when `following`): `nil` when nothing is there, else the facts or the error.
    static func facts(_ path: String, following: Bool = false) -> Result<FileFacts?, Errno> {
        var info = stat()
        if (following ? stat(path, &info) : lstat(path, &info)) != 0 {
            return errno == ENOENT ? .success(nil) : .failure(Errno(errno))
        }
        return .success(
            FileFacts(
                kind: FileKind(mode: info.st_mode), device: UInt64(info.st_dev), inode: UInt64(info.st_ino),
                size: Int(info.st_size),
                mode: info.st_mode & 0o7777, owner: info.st_uid, group: info.st_gid))
    }

    /// The names in a folder (not `.` and `..`), sorted.
    static func names(in folder: String) -> Result<[String], Errno> {
        guard let stream = opendir(folder) else { return .failure(Errno(errno)) }
        defer { closedir(stream) }
        var names: [String] = []
        errno = 0
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
            errno = 0
        }
        if errno != 0 { return .failure(Errno(errno)) }
        return .success(names.sorted())
    }

    /// Creates `path` (one folder) with `mode` (less the umask); 0 or the `errno`.
    static func makeFolder(_ path: String, mode: mode_t = 0o777) -> Int32 {
        mkdir(path, mode) == 0 ? 0 : errno
    }

    /// Creates `path` and any missing folders above it: 0, or the `errno` of the step that failed.
    static func makeFolders(_ path: String) -> Int32 {
        if mkdir(path, 0o777) == 0 { return 0 }
        let code = errno
        if code == EEXIST {
            guard case .success(let facts?) = facts(path, following: true), facts.kind == .folder else {
                return ENOTDIR
            }
            return 0
        }
        guard code == ENOENT else { return code }
        let parent = (path as NSString).deletingLastPathComponent
        guard parent != path, !parent.isEmpty else { return code }
        let made = makeFolders(parent)
        guard made == 0 else { return made }
        return mkdir(path, 0o777) == 0 || errno == EEXIST ? 0 : errno
    }

    /// A second name for a file (a symbolic link itself, not its target); 0 or the `errno`.
    static func link(_ existing: String, as name: String) -> Int32 {
        linkat(AT_FDCWD, existing, AT_FDCWD, name, 0) == 0 ? 0 : errno
    }

    /// Removes one name (not a folder); 0 or the `errno`.
    static func removeFile(_ path: String) -> Int32 { unlink(path) == 0 ? 0 : errno }

    /// Removes an empty folder; 0 or the `errno`.
    static func removeFolder(_ path: String) -> Int32 { rmdir(path) == 0 ? 0 : errno }

    /// `rename`; with `exchange`, swaps the two names in one step (Linux's `renameat2`); with
    /// `noReplace`, fails with EEXIST rather than replace `to`. 0 or the `errno`.
    static func rename(_ from: String, to: String, exchange: Bool = false, noReplace: Bool = false) -> Int32 {
        if !exchange && !noReplace { return Glibc.rename(from, to) == 0 ? 0 : errno }
        let flags = exchange ? CLINUX_RENAME_EXCHANGE : CLINUX_RENAME_NOREPLACE
        return clinux_renameat2(AT_FDCWD, from, AT_FDCWD, to, flags) == 0 ? 0 : errno
    }

    /// Writes `data` to a new file at `path` (which must not exist): 0, or the `errno` of the call
    /// that failed (a full disk may only say so when the file is closed), after removing what it wrote.
    static func writeNewFile(_ data: Data, at path: String, mode: mode_t = 0o666) -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode)
        guard descriptor >= 0 else { return errno }
        var code: Int32 = 0
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let written = write(descriptor, base + offset, buffer.count - offset)
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

    /// A regular file's bytes, read without following a symbolic link and without blocking on a FIFO:
    /// `nil` when `path` is not a regular file of at most `limit` bytes or cannot be read.
    static func contents(of path: String, limit: Int) -> Data? {
        try? RegularFile.read(path, limit: limit, followingLinks: false)
    }

    /// Whether this process may write in `path` (`access(W_OK)`; root may write anywhere not
    /// read-only): 0 or the `errno` (EACCES, EROFS).
    static func writable(_ path: String) -> Int32 { access(path, W_OK) == 0 ? 0 : errno }

    /// Sets the permission bits of `path`, and its owner when this process is root and `owner` differs
    /// (a report folder keeps the owner and bits it had); failures are ignored.
    static func copyOwnership(_ facts: FileFacts, to path: String) {
        chmod(path, facts.mode)
        if geteuid() == 0 { _ = chown(path, facts.owner, facts.group) }
    }

    /// Flushes what was written under `path` to the disk: `syncfs` on its file system (one call for
    /// every file of a report), then the folder itself.
    static func flush(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        if clinux_syncfs(descriptor) != 0 { sync() }
        fsync(descriptor)
        close(descriptor)
    }

    /// Makes a folder's entries (a rename in it) durable: `fsync` on the folder.
    static func syncFolder(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    /// `realpath`: the absolute path with every symbolic link resolved, or the `errno`.
    static func realPath(_ path: String) -> Result<String, Errno> {
        guard let resolved = realpath(path, nil) else { return .failure(Errno(errno)) }
        defer { free(resolved) }
        return .success(String(cString: resolved))
    }
}

/// An `errno` value, as the failure of a ``FileCalls`` result.
struct Errno: Error, Equatable {
    let code: Int32

    init(_ code: Int32) { self.code = code }

    var reason: String { FileCalls.reason(code) }
}
