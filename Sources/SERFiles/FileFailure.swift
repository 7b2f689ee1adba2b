#if canImport(Glibc)
    import Glibc
#endif

/// Why a regular file could not be read, as one short reason without the path (callers write
/// `PATH: reason`, in their own error type).
package struct FileFailure: Error, Sendable, Equatable {
    package enum Problem: Sendable, Equatable {
        /// Nothing is at the path (ENOENT).
        case missing
        /// Something other than a regular file is there.
        case notRegular(FileKind)
        /// The file is larger than the reader takes, seen before reading.
        case tooLarge(size: Int64, limit: Int)
        /// The file grew past the limit while it was read.
        case grew(limit: Int)
        /// A system call failed with this `errno`.
        case system(Int32)
    }

    package let problem: Problem
    /// The path as given: the reason for a missing file hints at U+FFFD in it.
    package let path: String

    package init(_ problem: Problem, path: String) {
        self.problem = problem
        self.path = path
    }

    /// The failure of a system call with `code` (ENOENT is ``Problem/missing``).
    package init(errno code: Int32, path: String) {
        self.init(code == ENOENT ? .missing : .system(code), path: path)
    }

    /// The reason in a few words: "no such file", "is a folder, not a regular file".
    package var reason: String { reason(as: nil) }

    /// The reason, naming what the file was wanted as (`noun`, "a CSV manifest"): "is a named pipe
    /// (FIFO), not a CSV manifest", "is 300 MiB, larger than the 256 MiB serreport reads as a CSV
    /// manifest".
    package func reason(as noun: String?) -> String {
        switch problem {
        case .missing:
            Self.reason(errno: ENOENT, path: path)
        case .notRegular(let kind):
            "is \(kind.phrase), not \(noun ?? "a regular file")"
        case .tooLarge(let size, let limit):
            "is \(ByteCount.text(size)), larger than the \(ByteCount.text(Int64(limit))) serreport reads"
                + (noun.map { " as \($0)" } ?? "")
        case .grew(let limit):
            "grew past the \(ByteCount.text(Int64(limit))) serreport reads while being read"
        case .system(let code):
            Self.reason(errno: code, path: path)
        }
    }

    /// Why a `stat`, `open` or `read` of `path` failed with `code`, in a few words a person can act on.
    package static func reason(errno code: Int32, path: String) -> String {
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
        case EISDIR: "is a folder"
        case EMFILE, ENFILE: "cannot be opened now: too many open files"
        case ENOMEM: "cannot be read now: out of memory"
        case EIO: "cannot be read: input/output error (a failing disk or network share?)"
        default: "cannot be read: \(String(cString: strerror(code)))"
        }
    }
}
