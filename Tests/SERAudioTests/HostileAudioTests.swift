import Foundation
import Synchronization
import Testing

@testable import SERAudio

#if canImport(Glibc)
    import Glibc
#endif

/// Files that are not what their names say, and headers that lie: each read ends promptly with one
/// line naming the file and the reason, before any buffer the header asks for is allocated.
@Suite("Hostile: audio files")
struct HostileAudioTests {
    private static func failure(for path: String) -> AudioError? {
        do {
            _ = try AudioFile.read(path: path)
            return nil
        } catch {
            return error
        }
    }

    /// A PCM WAV whose header says what the caller wants, whatever the data.
    static func wav(channels: Int, rate: Int, bits: Int = 16, dataLength: Int? = nil, data: [UInt8]) -> Data {
        func le32(_ value: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        func le16(_ value: Int) -> [UInt8] { (0..<2).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        let block = max(channels * bits / 8, 1)
        let length = dataLength ?? data.count
        var bytes = Array("RIFF".utf8) + le32(36 + length) + Array("WAVEfmt ".utf8) + le32(16) + le16(1)
        bytes += le16(channels) + le32(rate) + le32(rate * block) + le16(block) + le16(bits)
        bytes += Array("data".utf8) + le32(length) + data
        return Data(bytes)
    }

    /// 16-bit samples of a quiet tone.
    static func pcm16(frames: Int) -> [UInt8] {
        (0..<frames).flatMap { index -> [UInt8] in
            let value = Int16(8000 * sin(Double(index) * 0.05))
            return [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8)]
        }
    }

    @Test("a named pipe named like audio is refused at once, not waited on for a writer", .timeLimit(.minutes(1)))
    func namedPipe() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("pipe.wav")
        #expect(mkfifo(path, 0o644) == 0)
        // Without the check, opening waits for a writer: this one comes after 20 s, so the test ends.
        let unblock = Thread {
            Thread.sleep(forTimeInterval: 20)
            let writer = open(path, O_WRONLY | O_NONBLOCK)
            if writer >= 0 { close(writer) }
        }
        unblock.start()
        let start = Date()
        let error = try #require(failure(for: path))
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(error.description == "\(path): is a named pipe (FIFO), not an audio file")
        #expect(error.code == .unavailable && !error.isLasting)
    }

    @Test("a socket and a device named like audio are refused without reading them")
    func socketAndDevice() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("socket.wav")
        let socketDescriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socketDescriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.prefix(raw.count - 1).enumerated() { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        #expect(bound == 0)
        #expect(failure(for: path)?.reason == "is a socket, not an audio file")
        try FileManager.default.createSymbolicLink(atPath: dir.path("zero.wav"), withDestinationPath: "/dev/zero")
        #expect(failure(for: dir.path("zero.wav"))?.reason == "is a character device, not an audio file")
    }

    @Test("a header's sample rate outside 1 kHz–768 kHz is refused before decoding", arguments: [1, 999, 5_000_000])
    func absurdRate(rate: Int) throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("rate.wav")
        try Self.wav(channels: 1, rate: rate, data: Self.pcm16(frames: 16000)).write(to: URL(fileURLWithPath: path))
        let error = try #require(failure(for: path))
        #expect(error.code == .beyondLimits && error.isLasting)
        #expect(error.reason == "its header declares a sample rate of \(rate) Hz; serreport reads 1 kHz to 768 kHz")
    }

    @Test("a header declaring 1000 channels is refused; 64 are read")
    func tooManyChannels() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("channels.wav")
        try Self.wav(channels: 1000, rate: 16000, data: Self.pcm16(frames: 16000)).write(to: URL(fileURLWithPath: path))
        #expect(failure(for: path)?.reason == "its header declares 1000 channels; serreport reads at most 64")
        try AudioFile.write(
            [Float](repeating: 0.25, count: 64 * 1600), channelCount: 64, sampleRate: 16000, format: .wav16, to: path)
        #expect(try AudioFile.read(path: path).channelCount == 64)
    }

    @Test("audio longer than one hour is refused, saying the limit and why")
    func longerThanAnHour() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("session.wav")
        // 8-bit mono at 1 kHz: an hour and a minute in 3.7 MB.
        let frames = 3660 * 1000
        try Self.wav(channels: 1, rate: 1000, bits: 8, data: [UInt8](repeating: 140, count: frames))
            .write(to: URL(fileURLWithPath: path))
        let error = try #require(failure(for: path))
        #expect(error.code == .beyondLimits)
        #expect(
            error.reason
                == "it is 61 min long; serreport reads clips of up to 1 hour (an emotion clip lasts seconds: "
                + "cut long recordings into clips)")
    }

    @Test("a FLAC header declaring 17 hours is refused before a buffer that size is allocated")
    func headerOverstatesLength() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("clip.flac")
        try AudioFile.write(testTone(count: 16000, sampleRate: 16000), sampleRate: 16000, format: .flac16, to: path)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        // STREAMINFO's 36-bit total sample count: its low 32 bits are bytes 22...25 of the file.
        let total = UInt32(1_000_000_000)
        for index in 0..<4 { bytes[22 + index] = UInt8(truncatingIfNeeded: total >> (8 * (3 - index))) }
        try bytes.write(to: URL(fileURLWithPath: path))
        let error = try #require(failure(for: path))
        #expect(error.code == .beyondLimits)
        #expect(error.reason.hasPrefix("it is 17 h 21 min long; serreport reads clips of up to 1 hour"))
    }

    @Test("a sparse 5 GiB file named like audio is refused by its size at once, not read")
    func hugeFile() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("huge.wav")
        try Self.wav(channels: 1, rate: 16000, data: Self.pcm16(frames: 1600)).write(to: URL(fileURLWithPath: path))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 5 << 30)
        try handle.close()
        // The size is the reason given: the file was refused by its size, before a byte was read.
        let error = try #require(failure(for: path))
        #expect(error.code == .beyondLimits)
        #expect(error.reason == "it is 5.0 GiB, larger than the 4 GiB serreport reads as one clip")
    }

    @Test("a long clip at 1 kHz resampled to 768 kHz is refused before the 1.2 GB output is allocated")
    func resampledBeyondLimits() throws {
        // Refused by the length it would have, which is computed before the output is allocated.
        let samples = [Float](repeating: 0.1, count: 400_000)
        #expect(
            throws: AudioError(
                .beyondLimits, path: "long.wav",
                reason: "resampled to 768000 Hz it would hold 307200000 samples, more than the 268435456 (1 GiB) "
                    + "serreport keeps of one clip; lower sample_rate")
        ) {
            try Resampler().resample(samples, from: 1000, to: 768_000, path: "long.wav")
        }
    }

    @Test("a FLAC file cut short or damaged mid-stream fails, never decodes to a shorter clip")
    func cutShort() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("clip.flac")
        var generator = SystemRandomNumberGenerator()
        let noise = (0..<32000).map { _ in Float.random(in: -0.5...0.5, using: &generator) }
        try AudioFile.write(noise, sampleRate: 16000, format: .flac16, to: path)
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: dir.path("half.flac")))
        let half = try #require(failure(for: dir.path("half.flac")))
        #expect(half.code == .unreadable && half.isLasting)
        #expect(half.reason.hasPrefix("damaged or cut short: only "))
        #expect(half.reason.hasSuffix(" of the 32000 frames its header declares could be decoded"))
        var damaged = whole
        for index in (whole.count / 3)..<(whole.count / 3 + 400) { damaged[index] ^= 0x5A }
        try damaged.write(to: URL(fileURLWithPath: dir.path("damaged.flac")))
        #expect(failure(for: dir.path("damaged.flac"))?.reason.hasPrefix("damaged or cut short") == true)
    }

    private func failure(for path: String) -> AudioError? { Self.failure(for: path) }

    /// An AU header (big-endian): data offset 24, `dataLength` bytes of 16-bit PCM declared.
    static func au(rate: Int, dataLength: Int, data: [UInt8]) -> Data {
        func be32(_ value: Int) -> [UInt8] { (0..<4).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        let bigEndian = stride(from: 0, to: data.count - 1, by: 2).flatMap { [data[$0 + 1], data[$0]] }
        return Data(Array(".snd".utf8) + be32(24) + be32(dataLength) + be32(3) + be32(rate) + be32(1) + bigEndian)
    }

    @Test(
        "WAV and AU files whose header declares more data than the file holds fail as cut short; a stream's unknown length (0xFFFFFFFF) and a missing pad byte do not"
    )
    func headerLongerThanFile() throws {
        let dir = try TemporaryDirectory()
        let samples = Self.pcm16(frames: 32000)
        let cases: [(String, Data)] = [
            ("half.wav", Self.wav(channels: 1, rate: 16000, dataLength: 64000, data: Array(samples.prefix(32000)))),
            ("half.au", Self.au(rate: 16000, dataLength: 64000, data: Array(samples.prefix(32000)))),
        ]
        for (name, bytes) in cases {
            try bytes.write(to: URL(fileURLWithPath: dir.path(name)))
            let error = try #require(failure(for: dir.path(name)), "\(name) decoded")
            #expect(error.code == .unreadable && error.isLasting)
            #expect(error.reason.hasPrefix("damaged or cut short: its header declares 6"), "\(name): \(error.reason)")
        }
        // A WAV written as a stream, its sizes unknown: every sample is read.
        var streamed = Self.wav(channels: 1, rate: 16000, dataLength: 0xFFFF_FFFF, data: samples)
        streamed.replaceSubrange(4..<8, with: [0xFF, 0xFF, 0xFF, 0xFF])
        try streamed.write(to: URL(fileURLWithPath: dir.path("stream.wav")))
        #expect(try AudioFile.read(path: dir.path("stream.wav")).frameCount == 32000)
        // An odd-length data chunk without its pad byte: whole.
        let odd = Self.wav(
            channels: 1, rate: 8000, bits: 8,
            data: [UInt8](repeating: 128, count: 8001).enumerated().map {
                UInt8(truncatingIfNeeded: 128 + Int(60 * sin(Double($0.offset) * 0.3)))
            })
        try odd.write(to: URL(fileURLWithPath: dir.path("odd.wav")))
        #expect(try AudioFile.read(path: dir.path("odd.wav")).frameCount == 8001)
        #expect(SndFile.damage(log: "RIFF : 4294967295 (should be 64036)\ndata : 64000") == nil)
        #expect(
            SndFile.damage(log: "data : 64000 (should be 32000)")
                == "its header declares 64000 bytes where the file holds 32000")
        // libsndfile's accounts of damaged RF64 and Ogg files (as it writes them for such files).
        #expect(
            SndFile.damage(log: "File : a.wav\nLength : 64080\nRF64\n  ds64 : 28\n  Data size : 128000\n")
                == "its header declares 128000 bytes of audio where the file holds 64080 in all")
        #expect(
            SndFile.damage(
                log: "Length : 70000\n  Data size : 64000\n*** Calculated frame count 19960 does not match value "
                    + "from 'ds64' chunk of 32000.")
                == "only 19960 of the 32000 frames its header declares are in the file")
        #expect(
            SndFile.damage(log: "Ogg : Skipped 4251 bytes looking for the next page. Corrupted bitstream?!")
                == "libsndfile: Skipped 4251 bytes looking for the next page. Corrupted bitstream?!")
        #expect(SndFile.damage(log: "Ogg: Last page lacks an end-of-stream bit.") != nil)
        #expect(
            SndFile.damage(log: "PCM offset  : 0\nPCM end     : unknown\n") == "no last page: the Ogg stream ends early"
        )
        #expect(SndFile.damage(log: "PCM offset  : 0\nPCM end     : 32755\n") == nil)
        #expect(SndFile.damage(log: "Length : 64080\n  Data size : 64000\n  Frames : 32000") == nil)
    }

    @Test("libsndfile's misleading texts become sentences: a zero rate, zero channels, an MP3 of garbage")
    func clearSentences() throws {
        let dir = try TemporaryDirectory()
        let tone = Self.pcm16(frames: 4000)
        try Self.wav(channels: 1, rate: 0, data: tone).write(to: URL(fileURLWithPath: dir.path("rate0.wav")))
        try Self.wav(channels: 0, rate: 16000, data: tone).write(to: URL(fileURLWithPath: dir.path("mono0.wav")))
        var generator = SystemRandomNumberGenerator()
        let garbage = [0xFF, 0xFB, 0x90, 0x00] + (0..<5000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try Data(garbage).write(to: URL(fileURLWithPath: dir.path("garbage.mp3")))
        for (name, start) in [
            ("rate0.wav", "not a readable audio file: its header declares an impossible format"),
            ("mono0.wav", "not a readable audio file: its header declares an impossible format"),
            ("garbage.mp3", "not a readable audio file: its data does not decode as the format its first bytes name"),
        ] {
            let error = try #require(failure(for: dir.path(name)))
            #expect(error.reason.hasPrefix(start), "\(name): \(error.reason)")
            #expect(!error.reason.contains("does not exist") && !error.reason.contains("\n"), "\(name)")
            #expect(error.isLasting, "\(name)")
        }
    }

    @Test("the reason a file cannot be opened stays its own while other threads open clips at the same time")
    func openFailureUnderConcurrency() throws {
        let dir = try TemporaryDirectory()
        try Self.wav(channels: 1, rate: 16000, data: Self.pcm16(frames: 400))
            .write(to: URL(fileURLWithPath: dir.path("good.wav")))
        let garbage = [0xFF, 0xFB, 0x90, 0x00] + (0..<2000).map { UInt8(truncatingIfNeeded: $0 &* 97 &+ 13) }
        try Data(garbage).write(to: URL(fileURLWithPath: dir.path("garbage.mp3")))
        let expected = "not a readable audio file: its data does not decode as the format its first bytes name"
        let (garbagePath, goodPath) = (dir.path("garbage.mp3"), dir.path("good.wav"))
        let reasons = Mutex([String]())
        let descriptorsBefore = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count
        // libsndfile resets its one process-wide error at every open: a good clip opened between a
        // failed open and the reading of its reason used to turn the reason into "No Error"; and a
        // descriptor closed twice (libsndfile 1.2.0 closes it on a failed open) closed the good
        // clip's file under it ("Bad file descriptor").
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for _ in 0..<150 {
                if worker.isMultiple(of: 2) {
                    let reason = Self.failure(for: garbagePath)?.reason ?? "decoded"
                    if reason != expected { reasons.withLock { $0.append(reason) } }
                } else if Self.failure(for: goodPath) != nil {
                    reasons.withLock { $0.append("good.wav failed") }
                }
            }
        }
        let wrong = reasons.withLock { $0 }
        #expect(wrong.isEmpty, "\(wrong.count) wrong, e.g. \(wrong.first ?? "")")
        let descriptorsAfter = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count
        // 300 reads: a leak per read would show; tests running beside this one hold a few at most.
        #expect(descriptorsAfter < descriptorsBefore + 50, "descriptors left open")
    }

    @Test("what cannot be opened now (missing, a path through a file) is not lasting; what the bytes are is")
    func lastingOrNot() throws {
        let dir = try TemporaryDirectory()
        try "text".write(toFile: dir.path("file"), atomically: true, encoding: .utf8)
        let missing = try #require(failure(for: dir.path("gone.wav")))
        #expect(missing.reason == "no such file" && !missing.isLasting)
        let throughFile = try #require(failure(for: dir.path("file/clip.wav")))
        #expect(throughFile.reason == "a part of its path is a file, not a folder" && !throughFile.isLasting)
        let text = try #require(failure(for: dir.path("file")))
        #expect(text.code == .unreadable && text.isLasting)
    }
}
