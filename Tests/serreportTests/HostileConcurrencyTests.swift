import Foundation
import SERNotebook
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// What runs beside a build in the same project must wait its turn, not pull the cache from under it.
@Suite("Hostile: commands beside a running build")
struct HostileConcurrencyTests {
    @Test("clean waits while a build holds the project lock, then empties the cache and keeps the lock file")
    func cleanWaitsForTheBuild() throws {
        let project = try ScratchProject()
        let cache = project.url.appendingPathComponent(".serreport")
        let entry = cache.appendingPathComponent("cache/entry")
        try FileManager.default.createDirectory(
            at: entry.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: entry)
        // This process plays the running build.
        var build: ProjectLock? = try ProjectLock(folder: cache) {}
        let clean = Process()
        clean.executableURL = CommandRun.binary
        clean.arguments = ["clean"]
        clean.currentDirectoryURL = project.url
        let errors = Pipe()
        clean.standardError = errors
        clean.standardOutput = FileHandle.nullDevice
        try clean.run()
        Thread.sleep(forTimeInterval: 1.5)
        #expect(clean.isRunning, "clean must wait for the build")
        #expect(FileManager.default.fileExists(atPath: entry.path), "nothing is deleted while the build runs")
        build = nil
        _ = build
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        clean.waitUntilExit()
        #expect(clean.terminationStatus == 0)
        #expect(said.contains("waiting for the serreport build in this folder to finish"), "\(said)")
        #expect(!FileManager.default.fileExists(atPath: entry.path))
        #expect(FileManager.default.fileExists(atPath: cache.appendingPathComponent("lock").path))
        // A build taking the lock after the clean takes it at once.
        let next = try ProjectLock(folder: cache) { Issue.record("the lock is free after clean") }
        _ = next
    }

    @Test("a .serreport that is a file, a named pipe or a dangling link is named as what it is, not as a lock problem")
    func cacheFolderInTheWay() throws {
        let project = try ScratchProject()
        let cache = project.url.appendingPathComponent(".serreport")
        func message() -> String? {
            do {
                _ = try ProjectLock(folder: cache) {}
                return nil
            } catch {
                return error.message
            }
        }
        try Data("x".utf8).write(to: cache)
        #expect(
            message()
                == "\(cache.path): is a regular file, not serreport's cache folder (move it away, or build in another folder)"
        )
        try FileManager.default.removeItem(at: cache)
        #expect(mkfifo(cache.path, 0o600) == 0)
        #expect(message()?.hasPrefix("\(cache.path): is a named pipe (FIFO), not serreport's cache folder") == true)
        try FileManager.default.removeItem(at: cache)
        try FileManager.default.createSymbolicLink(atPath: cache.path, withDestinationPath: "nowhere")
        #expect(message()?.hasPrefix("\(cache.path): is a symbolic link that leads nowhere") == true)
        try FileManager.default.removeItem(at: cache)
        #expect(message() == nil)
    }
}
