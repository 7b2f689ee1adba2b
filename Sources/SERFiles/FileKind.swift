#if canImport(Glibc)
    package import Glibc
#endif

/// What is at a path when it is not a regular file, named the one way every message names it.
package enum FileKind: Sendable, Equatable {
    case folder, namedPipe, socket, characterDevice, blockDevice, symbolicLink, other

    /// The kind `stat`'s `st_mode` says, or nil for a regular file.
    package init?(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: self = .folder
        case S_IFIFO: self = .namedPipe
        case S_IFSOCK: self = .socket
        case S_IFCHR: self = .characterDevice
        case S_IFBLK: self = .blockDevice
        case S_IFLNK: self = .symbolicLink
        default: self = .other
        }
    }

    /// How a message names it, after "is": "a folder", "a named pipe (FIFO)", "a character device".
    package var phrase: String {
        switch self {
        case .folder: "a folder"
        case .namedPipe: "a named pipe (FIFO)"
        case .socket: "a socket"
        case .characterDevice: "a character device"
        case .blockDevice: "a block device"
        case .symbolicLink: "a symbolic link"
        case .other: "a special file"
        }
    }

    /// The phrase for `mode`: "a regular file" for one, else ``phrase``.
    package static func phrase(_ mode: mode_t) -> String {
        FileKind(mode: mode)?.phrase ?? "a regular file"
    }

    /// What `stat` (symbolic links followed) says is at `path` when it is not a regular file; nil
    /// for a regular file or when `stat` fails (a reader then says why it cannot open it).
    package static func irregular(at path: String) -> FileKind? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return FileKind(mode: status.st_mode)
    }
}
