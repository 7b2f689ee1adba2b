import CSndFile

#if canImport(Glibc)
    import Glibc
#endif

/// The only place that calls libsndfile: decoding any format it knows (WAV, FLAC, OGG, MP3, AIFF, …)
/// and writing WAV/FLAC files. Errors become ``AudioError`` here and nowhere else.
enum SndFile {
    /// A libsndfile handle that closes itself.
    private final class Handle {
        let file: OpaquePointer
        var info: SF_INFO

        init(file: OpaquePointer, info: SF_INFO) {
            self.file = file
            self.info = info
        }

        deinit { sf_close(file) }
    }

    static func read(path: String) throws(AudioError) -> DecodedAudio {
        var info = SF_INFO()
        guard let file = sf_open(path, Int32(SFM_READ), &info) else {
            throw AudioError(.unreadable, path: path, reason: openFailureReason(path: path))
        }
        let handle = Handle(file: file, info: info)
        let channels = Int(info.channels)
        guard channels > 0, info.samplerate > 0 else {
            throw AudioError(
                .unreadable, path: path, reason: "header declares \(channels) channels at \(info.samplerate) Hz")
        }
        let samples = readAllFrames(handle, channels: channels)
        guard !samples.isEmpty else {
            throw AudioError(.empty, path: path, reason: "contains no audio samples")
        }
        if samples.withUnsafeBufferPointer(DecodedAudio.containsNonFinite),
            let bad = samples.firstIndex(where: { !$0.isFinite })
        {
            throw AudioError(.invalidSamples, path: path, reason: "sample \(bad / channels) is \(samples[bad])")
        }
        return DecodedAudio(
            samples: samples,
            channelCount: channels,
            sampleRate: Int(info.samplerate),
            encoding: encoding(of: info.format),
            formatName: formatName(of: info.format)
        )
    }

    /// Reads the frames the header declares straight into the result, then keeps reading while
    /// libsndfile still returns frames: a damaged file's header can understate its length.
    private static func readAllFrames(_ handle: Handle, channels: Int) -> [Float] {
        let declared = handle.info.frames > 0 && handle.info.frames < Int64(Int32.max) ? Int(handle.info.frames) : 0
        var samples = readFrames(handle, count: max(declared, 1), channels: channels)
        while true {
            let more = readFrames(handle, count: 65536, channels: channels)
            if more.isEmpty { break }
            samples += more
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

    private static func openFailureReason(path: String) -> String {
        let detail = String(cString: sf_strerror(nil))
        if access(path, F_OK) != 0 { return "no such file" }
        if access(path, R_OK) != 0 { return "permission denied" }
        var status = stat()
        if stat(path, &status) == 0 {
            if (status.st_mode & S_IFMT) == S_IFDIR { return "is a directory, not an audio file" }
            if status.st_size == 0 { return "empty file (0 bytes)" }
        }
        return "not a readable audio file (libsndfile: \(detail))"
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
        guard let file = sf_open(path, Int32(SFM_WRITE), &info) else {
            throw AudioError(.writing, path: path, reason: String(cString: sf_strerror(nil)))
        }
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
