import SERFiles

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

    /// The file's bytes, after checking that it is a regular file of at most `limit` bytes
    /// (``RegularFile``); `/dev/null` reads as empty.
    private static func contents(_ path: String, noun: String, limit: Int) throws(CorpusError) -> [UInt8] {
        do {
            return Array(try RegularFile.read(path, limit: limit))
        } catch {
            // `--config /dev/null` is the usual way to say "no settings file": it reads as empty.
            if error.problem == .notRegular(.characterDevice), isNull(path) { return [] }
            throw CorpusError("\(path): \(error.reason(as: noun))")
        }
    }

    /// Whether `path` is the null device (`/dev/null`, or a link to it).
    private static func isNull(_ path: String) -> Bool {
        var status = stat()
        var null = stat()
        return stat(path, &status) == 0 && stat("/dev/null", &null) == 0 && status.st_mode & S_IFMT == S_IFCHR
            && null.st_rdev == status.st_rdev
    }
}
