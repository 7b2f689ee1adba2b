import Foundation
import SERFiles
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// ``RegularFile``: what is read, what is refused by its type or size without waiting, and the words.
@Suite("RegularFile")
struct RegularFileTests {
    /// A fresh folder under the temporary folder, removed when the test's value goes away.
    final class Folder {
        let path: String

        init() throws {
            path = NSTemporaryDirectory() + "/serfiles-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(atPath: path) }

        func file(_ name: String, _ text: String) throws -> String {
            let file = path + "/" + name
            try Data(text.utf8).write(to: URL(fileURLWithPath: file))
            return file
        }
    }

    /// The failure `body` throws, or nil when it throws none.
    func failure(_ body: () throws(FileFailure) -> Void) -> FileFailure? {
        do {
            try body()
            return nil
        } catch {
            return error
        }
    }

    @Test("a regular file is read whole; open gives its size")
    func readsRegularFile() throws {
        let folder = try Folder()
        let path = try folder.file("a.txt", "hello\n")
        #expect(try RegularFile.read(path, limit: 100) == Data("hello\n".utf8))
        let opened = try RegularFile.open(path)
        defer { close(opened.descriptor) }
        #expect(opened.size == 6)
        #expect(try RegularFile.read(try folder.file("empty", ""), limit: 0).isEmpty)
    }

    @Test("a named pipe is refused at once, never waited on", .timeLimit(.minutes(1)))
    func refusesNamedPipe() throws {
        let folder = try Folder()
        let path = folder.path + "/pipe"
        #expect(mkfifo(path, 0o644) == 0)
        let error = failure { () throws(FileFailure) in _ = try RegularFile.read(path, limit: 100) }
        #expect(error?.problem == .notRegular(.namedPipe))
        #expect(error?.reason == "is a named pipe (FIFO), not a regular file")
        #expect(error?.reason(as: "a CSV manifest") == "is a named pipe (FIFO), not a CSV manifest")
    }

    @Test("a folder is refused by its type")
    func refusesFolder() throws {
        let folder = try Folder()
        let error = failure { () throws(FileFailure) in _ = try RegularFile.open(folder.path) }
        #expect(error?.problem == .notRegular(.folder))
        #expect(error?.reason == "is a folder, not a regular file")
    }

    @Test("/dev/null is a character device here (InputText reads it as empty, not RegularFile)")
    func devNullIsADevice() {
        let error = failure { () throws(FileFailure) in _ = try RegularFile.read("/dev/null", limit: 100) }
        #expect(error?.problem == .notRegular(.characterDevice))
        #expect(error?.reason(as: "a settings file") == "is a character device, not a settings file")
    }

    @Test("a file over the limit is refused by its size, before reading")
    func refusesTooLarge() throws {
        let folder = try Folder()
        // Sparse: its size is seen without a byte being there to read.
        let sparse = folder.path + "/sparse"
        #expect(FileManager.default.createFile(atPath: sparse, contents: nil))
        #expect(truncate(sparse, (100 << 20) + 1) == 0)
        let error = failure { () throws(FileFailure) in _ = try RegularFile.read(sparse, limit: 64 << 20) }
        #expect(error?.problem == .tooLarge(size: (100 << 20) + 1, limit: 64 << 20))
        #expect(error?.reason == "is 100.1 MiB, larger than the 64 MiB serreport reads")
        #expect(
            error?.reason(as: "a CSV manifest")
                == "is 100.1 MiB, larger than the 64 MiB serreport reads as a CSV manifest")
        let small = failure { () throws(FileFailure) in
            _ = try RegularFile.read(try! folder.file("five", "12345"), limit: 4)
        }
        #expect(small?.problem == .tooLarge(size: 5, limit: 4))
        #expect(small?.reason == "is 5 bytes, larger than the 4 bytes serreport reads")
    }

    @Test("a missing file is missing, and says so in few words")
    func missingFile() throws {
        let folder = try Folder()
        let error = failure { () throws(FileFailure) in _ = try RegularFile.read(folder.path + "/gone", limit: 10) }
        #expect(error?.problem == .missing)
        #expect(error?.reason == "no such file")
        let under = try folder.file("plain", "x") + "/below"
        let through = failure { () throws(FileFailure) in _ = try RegularFile.read(under, limit: 10) }
        #expect(through?.problem == .system(ENOTDIR))
        #expect(through?.reason == "a part of its path is a file, not a folder")
    }

    @Test("a symbolic link is followed, or refused with followingLinks: false")
    func symbolicLinks() throws {
        let folder = try Folder()
        let target = try folder.file("target", "linked")
        let link = folder.path + "/link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(try RegularFile.read(link, limit: 100) == Data("linked".utf8))
        let refused = failure { () throws(FileFailure) in
            _ = try RegularFile.read(link, limit: 100, followingLinks: false)
        }
        #expect(refused?.problem == .notRegular(.symbolicLink))
        #expect(try RegularFile.read(target, limit: 100, followingLinks: false) == Data("linked".utf8))
        let loop = folder.path + "/loop"
        try FileManager.default.createSymbolicLink(atPath: loop, withDestinationPath: loop)
        let looped = failure { () throws(FileFailure) in _ = try RegularFile.read(loop, limit: 100) }
        #expect(looped?.reason == "a symbolic link loop")
    }

    @Test("a missing name holding U+FFFD says the name was not UTF-8")
    func replacementCharacterHint() throws {
        let folder = try Folder()
        let error = failure { () throws(FileFailure) in
            _ = try RegularFile.read(folder.path + "/caf\u{FFFD}.wav", limit: 10)
        }
        #expect(error?.problem == .missing)
        #expect(
            error?.reason
                == "no such file (its name holds bytes that are not UTF-8, shown as \u{FFFD}; rename the file)")
    }

    @Test("errno texts and sizes, one wording")
    func wording() {
        #expect(FileFailure.reason(errno: EACCES, path: "x") == "permission denied")
        #expect(FileFailure.reason(errno: EMFILE, path: "x") == "cannot be opened now: too many open files")
        #expect(FileFailure.reason(errno: ENOSPC, path: "x").hasPrefix("cannot be read: "))
        #expect(ByteCount.text(312) == "312 bytes")
        #expect(ByteCount.text(64 << 20) == "64 MiB")
        #expect(ByteCount.text((4 << 30) + 1) == "4.1 GiB")
    }
}
