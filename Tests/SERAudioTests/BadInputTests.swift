import Foundation
import SERAudio
import Testing

@Suite("Bad input gives one line naming the file and the reason")
struct BadInputTests {
    private func failure(for path: String) -> AudioError? {
        do {
            _ = try AudioFile.read(path: path)
            return nil
        } catch {
            return error
        }
    }

    @Test func missingFile() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("missing.wav")
        let error = try #require(failure(for: path))
        #expect(error.code == .unavailable)
        #expect(error.description == "\(path): no such file")
    }

    @Test func emptyFile() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("empty.wav")
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        let error = try #require(failure(for: path))
        #expect(error.description == "\(path): empty file (0 bytes)")
    }

    @Test func textNamedWav() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("notes.wav")
        try "these are not samples\n".write(toFile: path, atomically: true, encoding: .utf8)
        let error = try #require(failure(for: path))
        #expect(error.code == .unreadable)
        #expect(error.description.hasPrefix("\(path): not a readable audio file"))
        #expect(!error.description.contains("\n"))
    }

    @Test func zeroLengthWav() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("zero.wav")
        try AudioFile.write([], sampleRate: 16000, format: .wav16, to: path)
        #expect(FileManager.default.fileExists(atPath: path))
        let error = try #require(failure(for: path))
        #expect(error.code == .empty)
        #expect(error.description == "\(path): contains no audio samples")
    }

    @Test func directory() throws {
        let dir = try TemporaryDirectory()
        let error = try #require(failure(for: dir.url.path))
        #expect(error.description.hasSuffix("is a folder, not an audio file"))
    }
}

@Suite("The vectorised NaN and infinity scan")
struct NonFiniteScanTests {
    @Test("finds a NaN or infinity at any position, in the vector part and in the tail; finite values pass")
    func everyPosition() {
        var samples = (0..<37).map { Float($0) * 0.01 - 0.2 }
        samples[3] = .greatestFiniteMagnitude
        samples[4] = -.leastNonzeroMagnitude
        #expect(!samples.withUnsafeBufferPointer(DecodedAudio.containsNonFinite))
        for bad in [Float.nan, .infinity, -.infinity, -Float.nan] {
            for position in samples.indices {
                var copy = samples
                copy[position] = bad
                #expect(copy.withUnsafeBufferPointer(DecodedAudio.containsNonFinite), "\(bad) at \(position)")
            }
        }
        #expect(![Float]().withUnsafeBufferPointer(DecodedAudio.containsNonFinite))
    }
}
