import Foundation
import SERNotebook
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Hostile: a named output file (features --out)")
struct NamedOutputFileTests {
    @Test("a symbolic link is written through (the link stays) and the file keeps its permission bits")
    func throughLink() throws {
        let scene = try FolderScene()
        let target = scene.project.appendingPathComponent("target.jsonl")
        try Data("old".utf8).write(to: target)
        chmod(target.path, 0o640)
        let link = scene.project.appendingPathComponent("link.jsonl")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        try NamedOutputFile.write(Data("new".utf8), to: link.path)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
        #expect(try String(contentsOf: target, encoding: .utf8) == "new")
        let mode = try FileManager.default.attributesOfItem(atPath: target.path)[.posixPermissions] as? Int
        #expect(mode == 0o640)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: scene.project.path).sorted() == [
                "link.jsonl", "target.jsonl",
            ], "no temporary file is left")
    }

    @Test("a FIFO, a folder, a socket's kind or a path under a file is refused with one line, before any write")
    func refused() throws {
        let scene = try FolderScene()
        let fifo = scene.project.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o644) == 0)
        #expect(throws: NotebookError("\(fifo): is a named pipe (FIFO), not a regular file; give a file to write")) {
            try NamedOutputFile.write(Data("x".utf8), to: fifo)
        }
        // A device node of the test's own (never the machine's /dev/null: a regression would replace it).
        let device = scene.project.appendingPathComponent("device").path
        if getuid() == 0, mknod(device, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0 {  // major 1, minor 3
            #expect(throws: NotebookError("\(device): is a character device, not a regular file; give a file to write"))
            {
                try NamedOutputFile.write(Data("x".utf8), to: device)
            }
        }
        let folder = scene.project.path
        #expect(throws: NotebookError("\(folder): is a folder, not a regular file; give a file to write")) {
            try NamedOutputFile.write(Data("x".utf8), to: folder)
        }
        let plain = scene.project.appendingPathComponent("plain")
        try Data("keep".utf8).write(to: plain)
        #expect(throws: NotebookError("\(plain.path)/x: cannot write (\(plain.path) is not a folder)")) {
            try NamedOutputFile.write(Data("x".utf8), to: plain.path + "/x")
        }
        #expect(try String(contentsOf: plain, encoding: .utf8) == "keep")
    }
}
