package import Foundation
import SERFiles

#if canImport(Glibc)
    import Glibc
#endif

/// An exclusive lock on a project's `.serreport/` folder for the length of a build, so two builds
/// started at once take turns (the second then finds the first one's results in the cache). The
/// kernel releases it when the process ends, however it ends.
package final class ProjectLock {
    private let descriptor: Int32

    /// Takes the lock, waiting for another build to finish first; `waiting` is called once if so.
    package init(folder: URL, waiting: () -> Void) throws(NotebookError) {
        try Self.prepare(folder)
        let path = folder.appendingPathComponent("lock").path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw NotebookError("\(path): cannot open the build lock (\(String(cString: strerror(errno))))")
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            waiting()
            while flock(descriptor, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    let reason = String(cString: strerror(errno))
                    close(descriptor)
                    throw NotebookError("\(path): cannot take the build lock (\(reason))")
                }
            }
        }
    }

    /// Makes the cache folder if it is not there; what is in its place if that is not a folder, or why
    /// it cannot be made, is the error (not a later "cannot open the build lock").
    private static func prepare(_ folder: URL) throws(NotebookError) {
        var status = stat()
        if stat(folder.path, &status) == 0 {
            guard status.st_mode & S_IFMT == S_IFDIR else {
                throw NotebookError(
                    "\(folder.path): is \(FileKind.phrase(status.st_mode)), not serreport's cache folder (move it "
                        + "away, or build in another folder)")
            }
            return
        }
        let missing = String(cString: strerror(errno))
        var link = stat()
        if lstat(folder.path, &link) == 0 {
            throw NotebookError(
                "\(folder.path): is a symbolic link that leads nowhere (\(missing)), not serreport's cache folder "
                    + "(remove the link, or make its target)")
        }
        if mkdir(folder.path, 0o755) == 0 || errno == EEXIST { return }
        let reason = errno
        // A parent that is missing too (a cache folder deeper than the working folder).
        if reason == ENOENT,
            (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)) != nil
        {
            return
        }
        throw NotebookError(
            "\(folder.path): cannot create serreport's cache folder (\(String(cString: strerror(reason))))")
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
