import CSndFile
import SERFiles
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The only place that calls libsndfile: decoding any format it knows (WAV, FLAC, OGG, MP3, AIFF, …)
/// and writing WAV/FLAC files. Errors become ``AudioError`` here and nowhere else.
enum SndFile {
    /// A libsndfile handle that closes itself (and the descriptor it was given).
    private final class Handle {
        let file: OpaquePointer
        var info: SF_INFO

        init(file: OpaquePointer, info: SF_INFO) {
            self.file = file
            self.info = info
        }

        deinit { sf_close(file) }
    }

    /// Decodes a whole file: only a regular file is opened (``RegularFileOpening``), its header is
    /// checked against ``AudioLimits`` before any buffer is allocated, and a read that stops early
    /// with an error is an error, never a shorter clip. What the C libraries would print while
    /// decoding is kept off the terminal (``LibraryChatter``).
    static func read(path: String) throws(AudioError) -> DecodedAudio {
        let (descriptor, size) = try RegularFileOpening.open(path)
        guard size > 0 else {
            close(descriptor)
            throw AudioError(.empty, path: path, reason: "empty file (0 bytes)")
        }
        if let problem = AudioLimits.problem(fileBytes: size) {
            close(descriptor)
            throw AudioError(.beyondLimits, path: path, reason: problem)
        }
        return try LibraryChatter.silenced { () throws(AudioError) -> DecodedAudio in
            try decode(descriptor, path: path)
        }
    }

    /// libsndfile keeps the reason an open failed in one process-wide variable, which every open
    /// (a successful one too) resets first: opening and reading that reason are one step under this
    /// lock, or a clip opened on another thread meanwhile turns the reason into "No Error".
    private static let opening = Mutex(())

    /// The descriptor is libsndfile's from here on (`close_desc` true): libsndfile 1.2.0 closes it
    /// when an open fails even when told not to, so closing it here too would close whatever file
    /// another thread had opened under the same number meanwhile. Given to libsndfile, it is closed
    /// exactly once by every version: on a failed open, or by `sf_close`.
    private static func decode(_ descriptor: Int32, path: String) throws(AudioError) -> DecodedAudio {
        var info = SF_INFO()
        let opened: Result<OpaquePointer, AudioError> = opening.withLock { _ in
            guard let file = sf_open_fd(descriptor, Int32(SFM_READ), &info, Int32(SF_TRUE)) else {
                return .failure(openFailure(path: path))
            }
            return .success(file)
        }
        let handle = Handle(file: try opened.get(), info: info)
        if let damage = Self.damage(log: Self.log(of: handle)) {
            throw AudioError(.unreadable, path: path, reason: "damaged or cut short: " + damage)
        }
        let channels = Int(info.channels)
        let rate = Int(info.samplerate)
        // Streams whose length is unknown report SF_COUNT_MAX (or nothing): checked while reading.
        let declared = info.frames > 0 && info.frames < Int64.max ? info.frames : nil
        if let problem = AudioLimits.problem(sampleRate: rate, channels: channels, frames: declared) {
            throw AudioError(.beyondLimits, path: path, reason: problem)
        }
        let samples = try readAllFrames(handle, declared: Int(declared ?? 0), channels: channels, path: path)
        // libsndfile holds the descriptor until `sf_close` (the handle's end): the file's stamp after reading.
        let stamp = FileStamp(descriptor: descriptor)
        // A header that states the length exactly (WAV, FLAC, OGG, AIFF: not MP3, whose length is an
        // estimate) and more frames than decode: the stream is damaged or cut short, and the clip would
        // silently be a fragment.
        let major = Int(info.format & Int32(SF_FORMAT_TYPEMASK))
        if let declared, major != SF_FORMAT_MPEG, samples.count / channels < declared {
            throw AudioError(
                .unreadable, path: path,
                reason: "damaged or cut short: only \(samples.count / channels) of the \(declared) frames its "
                    + "header declares could be decoded")
        }
        guard !samples.isEmpty else {
            throw AudioError(.empty, path: path, reason: "contains no audio samples")
        }
        if samples.withUnsafeBufferPointer(DecodedAudio.containsNonFinite),
            let bad = samples.firstIndex(where: { !$0.isFinite })
        {
            // A float64 value beyond float32's range arrives as infinity.
            let wide = Int(info.format & Int32(SF_FORMAT_SUBMASK)) == SF_FORMAT_DOUBLE && samples[bad].isInfinite
            throw AudioError(
                .invalidSamples, path: path,
                reason: "sample \(bad / channels) is \(wide ? "beyond float32's range (±3.4e38)" : "\(samples[bad])")")
        }
        return DecodedAudio(
            samples: samples,
            channelCount: channels,
            sampleRate: rate,
            encoding: encoding(of: info.format),
            formatName: formatName(of: info.format),
            stamp: stamp
        )
    }

    /// libsndfile's account of the header it parsed (`SFC_GET_LOG_INFO`), e.g. `data : 64000 (should be 32000)`.
    private static func log(of handle: Handle) -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBufferPointer { buffer in
            Int(sf_command(handle.file, Int32(SFC_GET_LOG_INFO), buffer.baseAddress, Int32(buffer.count - 1)))
        }
        return String(
            decoding: buffer.prefix(max(0, min(count, buffer.count - 1))).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// What libsndfile's account of a header shows to be damaged or missing, as it notes it for WAV, W64,
    /// AIFF, AU, RF64 and Ogg; libsndfile then reads what there is and reports that as the whole length,
    /// so a file cut short would silently be a shorter clip:
    /// - a chunk stating more bytes than the file holds: `data : 64000 (should be 32000)` (a size of
    ///   0xFFFFFFFF, a stream written before its length was known, and a missing pad byte are not a cut);
    /// - RF64's 64-bit data size beyond the file, or fewer frames than its `ds64` chunk states;
    /// - an Ogg stream with a hole, a corrupted page, junk after its last page or no last page at all
    ///   (`PCM end : unknown`: libsndfile 1.2.0 finds no length).
    static func damage(log: String) -> String? {
        let lines = log.split(separator: "\n")
        let length = lines.lazy.compactMap { line -> UInt64? in
            line.hasPrefix("Length : ") ? UInt64(line.dropFirst("Length : ".count)) : nil
        }.first
        func number(after prefix: String, in line: Substring) -> UInt64? {
            guard let range = line.firstRange(of: prefix) else { return nil }
            return UInt64(String(line[range.upperBound...].prefix(while: \.isNumber)))
        }
        for line in lines {
            let text = line.filter { $0 != " " }
            if let open = line.firstRange(of: " (should be ") {
                let declared = line[..<open.lowerBound].split(separator: ":").last.flatMap {
                    UInt64(String($0.filter { $0 != " " }))
                }
                let present = UInt64(String(line[open.upperBound...].prefix(while: \.isNumber)))
                if let declared, let present, declared != 0xFFFF_FFFF, declared > present + 1 {
                    return "its header declares \(declared) bytes where the file holds \(present)"
                }
            } else if text.hasPrefix("Datasize:"), let declared = number(after: ": ", in: line), let length,
                declared > length
            {
                return "its header declares \(declared) bytes of audio where the file holds \(length) in all"
            } else if line.contains("Calculated frame count"), let found = number(after: "frame count ", in: line),
                let stated = number(after: "chunk of ", in: line), found < stated
            {
                return "only \(found) of the \(stated) frames its header declares are in the file"
            } else if text == "PCMend:unknown" {
                // An Ogg file whose last page (which holds the stream's length) is not there.
                return "no last page: the Ogg stream ends early"
            } else if line.contains("Corrupted bitstream") || line.contains("reports a hole")
                || line.contains("lacks an end-of-stream bit") || line.contains("Junk after the last page")
            {
                return "libsndfile: " + line.trimmingPrefix("Ogg").drop { $0 == " " || $0 == ":" }
            }
        }
        return nil
    }

    /// Reads the frames the header declares straight into the result, then keeps reading while
    /// libsndfile still returns frames (a damaged file's header can understate its length), up to
    /// ``AudioLimits``. A decoder error on the way fails the file: a clip cut short by a damaged
    /// stream or a failing disk would be a silently wrong clip.
    private static func readAllFrames(
        _ handle: Handle, declared: Int, channels: Int, path: String
    ) throws(AudioError) -> [Float] {
        let rate = Int(handle.info.samplerate)
        var samples = readFrames(handle, count: max(declared, 1), channels: channels)
        while true {
            let more = readFrames(handle, count: 65536, channels: channels)
            if more.isEmpty { break }
            samples += more
            let frames = Int64(samples.count / channels)
            if let problem = AudioLimits.problem(frames: frames, sampleRate: rate, channels: channels) {
                throw AudioError(.beyondLimits, path: path, reason: problem)
            }
        }
        let code = Int(sf_error(handle.file))
        guard code == 0 else {
            let frames = samples.count / channels
            let detail = libraryText(String(cString: sf_strerror(handle.file)))
            if code == SF_ERR_SYSTEM {
                throw AudioError(
                    .unavailable, path: path, reason: "cannot be read: decoding stopped at frame \(frames) (\(detail))")
            }
            throw AudioError(
                .unreadable, path: path,
                reason: "damaged audio: decoding stopped at frame \(frames) (libsndfile: \(detail))")
        }
        return samples
    }

    /// Up to `count` frames from the current position, fewer at the end of the file.
    private static func readFrames(_ handle: Handle, count: Int, channels: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: count * channels) { buffer, initialized in
            let read = sf_readf_float(handle.file, buffer.baseAddress, sf_count_t(count))
            initialized = max(Int(read), 0) * channels
        }
    }

    /// Why libsndfile could not open a regular, non-empty file, as a sentence: libsndfile's own text
    /// is kept in brackets, except where it would mislead ("File does not exist" for an MP3 it could
    /// not decode).
    private static func openFailure(path: String) -> AudioError {
        let number = Int(sf_error(nil))
        let detail = libraryText(String(cString: sf_strerror(nil)))
        switch number {
        case SF_ERR_SYSTEM:
            return AudioError(.unavailable, path: path, reason: "cannot be read (\(detail))")
        case SndFileErrorNumber.mallocFailed:
            return AudioError(.unavailable, path: path, reason: "cannot be decoded now: out of memory")
        case SF_ERR_UNRECOGNISED_FORMAT:
            return AudioError(
                .unreadable, path: path,
                reason: "not a readable audio file: not a format libsndfile knows (WAV, FLAC, OGG, MP3, AIFF, …)")
        case SF_ERR_MALFORMED_FILE:
            return AudioError(
                .unreadable, path: path, reason: "not a readable audio file: damaged (libsndfile: \(detail))")
        case SF_ERR_UNSUPPORTED_ENCODING, SndFileErrorNumber.unimplemented:
            return AudioError(
                .unreadable, path: path,
                reason: "not a readable audio file: an encoding libsndfile does not decode (libsndfile: \(detail))")
        case SndFileErrorNumber.notDecodable, SndFileErrorNumber.noData:
            // The file exists and is regular (checked before opening): libsndfile says this when the
            // stream after a recognised header does not decode, e.g. an MP3 of garbage.
            return AudioError(
                .unreadable, path: path,
                reason: "not a readable audio file: its data does not decode as the format its first bytes name")
        case SndFileErrorNumber.headerIncomplete, SndFileErrorNumber.channelCounts:
            return AudioError(
                .unreadable, path: path,
                reason: "not a readable audio file: its header declares an impossible format (libsndfile: \(detail))")
        default:
            return AudioError(.unreadable, path: path, reason: "not a readable audio file (libsndfile: \(detail))")
        }
    }

    /// libsndfile's text on one line, without the trailing full stop and "Error : " prefix.
    private static func libraryText(_ text: String) -> String {
        var line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        for prefix in ["Internal error : ", "Error : ", "Error: "] where line.hasPrefix(prefix) {
            line.removeFirst(prefix.count)
        }
        while line.hasSuffix(".") { line.removeLast() }
        return line
    }

    private static func encoding(of format: Int32) -> SampleEncoding {
        switch Int(format & Int32(SF_FORMAT_SUBMASK)) {
        case SF_FORMAT_PCM_S8, SF_FORMAT_PCM_U8: .integer(bits: 8)
        case SF_FORMAT_PCM_16: .integer(bits: 16)
        case SF_FORMAT_PCM_24: .integer(bits: 24)
        case SF_FORMAT_PCM_32: .integer(bits: 32)
        default: .floatingPoint
        }
    }

    private static func formatName(of format: Int32) -> String {
        func name(_ command: Int, _ value: Int32) -> String {
            var info = SF_FORMAT_INFO()
            info.format = value
            let status = sf_command(nil, Int32(command), &info, Int32(MemoryLayout<SF_FORMAT_INFO>.size))
            guard status == 0, let cName = info.name else { return "format 0x\(String(value, radix: 16))" }
            return String(cString: cName)
        }
        let major = name(SFC_GET_FORMAT_INFO, format & Int32(SF_FORMAT_TYPEMASK))
        let minor = name(SFC_GET_FORMAT_INFO, format & Int32(SF_FORMAT_SUBMASK))
        return "\(major) / \(minor)"
    }

    /// Writes interleaved float samples; libsndfile converts to the container's encoding.
    static func write(
        path: String, samples: [Float], channelCount: Int, sampleRate: Int, format: AudioFileFormat
    ) throws(AudioError) {
        var info = SF_INFO()
        info.channels = Int32(channelCount)
        info.samplerate = Int32(sampleRate)
        info.format = format.libsndfileFormat
        guard sf_format_check(&info) != 0 else {
            throw AudioError(
                .writing, path: path, reason: "libsndfile cannot write \(format) with \(channelCount) channels")
        }
        let opened = opening.withLock { _ in
            sf_open(path, Int32(SFM_WRITE), &info).map { Result<OpaquePointer, AudioError>.success($0) }
                ?? .failure(AudioError(.writing, path: path, reason: String(cString: sf_strerror(nil))))
        }
        let file = try opened.get()
        let handle = Handle(file: file, info: info)
        // Clip instead of wrapping when a float is converted to integer PCM.
        sf_command(handle.file, Int32(SFC_SET_CLIPPING), nil, Int32(SF_TRUE))
        let frames = samples.count / max(channelCount, 1)
        let written = samples.withUnsafeBufferPointer {
            sf_writef_float(handle.file, $0.baseAddress, sf_count_t(frames))
        }
        guard written == frames else {
            throw AudioError(.writing, path: path, reason: String(cString: sf_strerror(handle.file)))
        }
    }
}

/// libsndfile's internal error numbers (`sf_error` returns them beyond the public `SF_ERR_*`), as
/// libsndfile 1.2 numbers them, for the ones whose text needs a clearer sentence.
private enum SndFileErrorNumber {
    /// "File does not exist or is not a regular file (possibly a pipe?)": an undecodable stream.
    static let notDecodable = 7
    /// "File exists but no data could be read."
    static let noData = 8
    /// "Internal malloc () failed."
    static let mallocFailed = 17
    /// "File contains data in an unimplemented format."
    static let unimplemented = 18
    /// "Internal error : SF_INFO struct incomplete.": a zero rate, negative length, bad channel count.
    static let headerIncomplete = 24
    /// "Channel count is zero.", "Too many channels specified.", "Bad channel count."
    static let channelCounts = 32...34
}

extension AudioFileFormat {
    fileprivate var libsndfileFormat: Int32 {
        switch self {
        case .wav16: Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_16)
        case .wav24: Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_24)
        case .wavFloat: Int32(SF_FORMAT_WAV | SF_FORMAT_FLOAT)
        case .flac16: Int32(SF_FORMAT_FLAC | SF_FORMAT_PCM_16)
        case .flac24: Int32(SF_FORMAT_FLAC | SF_FORMAT_PCM_24)
        }
    }
}
