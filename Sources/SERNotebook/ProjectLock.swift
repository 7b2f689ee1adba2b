package import Foundation

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
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
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

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
