#if canImport(Glibc)
    import Glibc
#endif

/// Reads a small text file a person wrote (a manifest, a config file, CREMA-D's demographics) without
/// trusting it to be one: only a regular file is opened (a named pipe would wait forever, `/dev/zero`
/// never ends), a file larger than `limit` is refused before it is read, and text that is not UTF-8
/// is refused with the line and byte that are not. A UTF-8 byte order mark (Excel writes one) is
/// dropped. Every failure is one ``CorpusError`` line naming the file and the reason.
package enum InputText {
    /// The largest manifest read: 100 000 clips take about 10 MB, so 256 MiB is room for millions.
    package static let manifestLimit = 256 << 20

    /// The text of the file at `path`; `noun` says what the file is for, in messages ("a CSV manifest").
    package static func read(_ path: String, noun: String, limit: Int = manifestLimit) throws(CorpusError) -> String {
        let bytes = try contents(path, noun: noun, limit: limit)
        return try decode(bytes, named: path)
    }

    /// `bytes` as UTF-8 text without a byte order mark, or an error naming the first line and byte that
    /// are not UTF-8.
    package static func decode(_ bytes: [UInt8], named source: String) throws(CorpusError) -> String {
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes[3...] : bytes[...]
        if let text = String(validating: body, as: UTF8.self) { return text }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw CorpusError("\(source): UTF-16 text (Excel's \"Unicode text\"); save the file as UTF-8")
        }
        var line = 1
        var index = body.startIndex
        while index < body.endIndex {
            let length = validSequenceLength(body, at: index)
            guard length > 0 else {
                let byte = String(body[index], radix: 16, uppercase: true)
                throw CorpusError(
                    "\(source): not UTF-8 text: line \(line) holds the byte 0x\(byte) (save the file as UTF-8)")
            }
            if body[index] == 0x0A { line += 1 }
            index += length
        }
        throw CorpusError("\(source): not UTF-8 text (save the file as UTF-8)")
    }

    /// The length of the UTF-8 sequence starting at `index`, or 0 when it is not valid.
    private static func validSequenceLength(_ bytes: ArraySlice<UInt8>, at index: Int) -> Int {
        let lead = bytes[index]
        let length =
            switch lead {
            case 0x00...0x7F: 1
            case 0xC2...0xDF: 2
            case 0xE0...0xEF: 3
            case 0xF0...0xF4: 4
            default: 0
            }
        guard length > 1 else { return length }
        guard index + length <= bytes.endIndex,
            String(validating: bytes[index..<(index + length)], as: UTF8.self) != nil
        else { return 0 }
        return length
    }

    /// The file's bytes, after checking that it is a regular file of at most `limit` bytes.
    private static func contents(_ path: String, noun: String, limit: Int) throws(CorpusError) -> [UInt8] {
        var status = stat()
        guard stat(path, &status) == 0 else { throw CorpusError("\(path): \(reason(errno))") }
        // `--config /dev/null` is the usual way to say "no settings file": it reads as empty.
        var null = stat()
        if status.st_mode & S_IFMT == S_IFCHR, stat("/dev/null", &null) == 0, null.st_rdev == status.st_rdev {
            return []
        }
        if let kind = irregularKind(status.st_mode) { throw CorpusError("\(path): \(kind), not \(noun)") }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard descriptor >= 0 else { throw CorpusError("\(path): \(reason(errno))") }
        defer { close(descriptor) }
        guard fstat(descriptor, &status) == 0 else { throw CorpusError("\(path): \(reason(errno))") }
        if let kind = irregularKind(status.st_mode) { throw CorpusError("\(path): \(kind), not \(noun)") }
        guard status.st_size <= limit else {
            throw CorpusError(
                "\(path): \(status.st_size) bytes, more than the \(limit >> 20) MiB serreport reads as \(noun)")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(status.st_size))
        var block = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = block.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw CorpusError("\(path): \(reason(errno))")
            }
            if count == 0 { break }
            bytes += block[0..<count]
            // A file that grows while it is read (a log, a generator) stops here, at the limit.
            guard bytes.count <= limit else {
                throw CorpusError("\(path): more than the \(limit >> 20) MiB serreport reads as \(noun)")
            }
        }
        return bytes
    }

    /// "a named pipe (FIFO)" for anything but a regular file, nil for a regular file.
    static func irregularKind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "a folder"
        case S_IFIFO: "a named pipe (FIFO)"
        case S_IFSOCK: "a socket"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        default: "not a regular file"
        }
    }

    /// Why a path cannot be opened or read, in a few words.
    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such file"
        case EACCES, EPERM: "permission denied"
        case ELOOP: "a symbolic link loop"
        case ENOTDIR: "a part of the path is a file, not a folder"
        case ENAMETOOLONG: "the path is too long"
        case EISDIR: "a folder"
        default: "cannot be read: \(String(cString: strerror(code)))"
        }
    }
}
