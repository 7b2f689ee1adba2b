import SERFiles

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The audio files under a corpus folder, found recursively, by path relative to the folder, sorted.
///
/// Symbolic links are followed, as a corpus assembled from links is laid out by the links. Folders
/// reached by their own names are scanned before any reached through a link, so a folder is always
/// read under its real name: a link that leads to a folder already scanned (a loop, an alias such as
/// `anger -> angry`, a second way into the same folder) is not entered, and is recorded naming the
/// folder it leads to; an unreadable folder or a link that cannot be resolved is recorded with its
/// reason instead of stopping the scan. Regular files not named like audio are counted
/// (``passedOver``), for the corpus's notes. Hidden entries (`.DS_Store`, macOS `._name.wav` resource
/// forks) are not corpus files and are passed over.
///
/// Names are read as the bytes the file system holds (`readdir`): a name that is not UTF-8 (a
/// Latin-1 `café.wav` copied from an old disk) cannot be carried through a report, so it is recorded
/// with that reason, its bytes shown as `\xE9`, rather than mangled into a name that opens nothing.
/// An entry named like audio that is not a regular file (a named pipe, a socket, a device) is
/// recorded too, never opened. Two names that are the same text in different Unicode forms (a
/// composed é and e + combining accent) are one name to every table keyed by path, so the second
/// is recorded, not read. Folders are walked with a stack, not recursion, so no depth of nesting
/// exhausts the thread's stack.
struct AudioFileScan {
    /// The extensions of the containers libsndfile (with libmpg123 and libopus) decodes.
    static let audioExtensions: Set<String> = [
        "wav", "wave", "flac", "ogg", "oga", "opus", "mp3", "aiff", "aif", "aifc", "au", "snd", "caf", "w64", "rf64",
    ]

    private(set) var files: [AudioPath] = []
    /// Folders, links and entries the scan could not use, with why.
    private(set) var problems: [SkippedFile] = []
    /// Regular files whose names are not audio (`notes.txt`), with up to three of their paths.
    private(set) var passedOver: (count: Int, examples: [String]) = (0, [])
    /// Every folder entered, by device and inode, with the path it was scanned under.
    private var visited: [FolderIdentity: String] = [:]

    init(root: String) {
        var pending = [(folder: root, relative: "")]
        var linked: [(folder: String, relative: String)] = []
        while true {
            if let next = pending.popLast() {
                let found = scan(next.folder, relative: next.relative)
                pending += found.folders.reversed()
                linked += found.links
            } else if !linked.isEmpty {
                // Every folder reachable by its own name is scanned: now the links, in name order.
                linked.sort { $0.relative < $1.relative }
                pending.append(linked.removeFirst())
            } else {
                break
            }
        }
        files.sort { $0.relative < $1.relative }
        var kept: [AudioPath] = []
        kept.reserveCapacity(files.count)
        for file in files {
            if let last = kept.last, last.relative == file.relative {
                problems.append(
                    SkippedFile(
                        path: file.relative,
                        reason: "its name is the same text as \(last.relative)'s in another Unicode form "
                            + "(composed or decomposed accents); rename one of them"))
            } else {
                kept.append(file)
            }
        }
        files = kept
    }

    private struct FolderIdentity: Hashable {
        let device: UInt64
        let inode: UInt64
    }

    /// Records the audio files directly in `folder`; gives its subfolders to scan, in name order, those
    /// reached through a symbolic link apart.
    private mutating func scan(_ folder: String, relative: String) -> (
        folders: [(folder: String, relative: String)], links: [(folder: String, relative: String)]
    ) {
        let shown = (relative.isEmpty ? "." : relative) + "/"
        var status = stat()
        guard stat(folder, &status) == 0 else {
            problems.append(SkippedFile(path: shown, reason: "unreadable folder: \(String(cString: strerror(errno)))"))
            return ([], [])
        }
        let identity = FolderIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
        if let first = visited[identity] {
            let reason =
                first.isEmpty || relative.hasPrefix(first + "/")
                ? "symbolic link loop: leads back to \(first.isEmpty ? "the corpus folder" : first + "/") (not scanned again)"
                : "symbolic link to \(first)/, already scanned under that name (not scanned again)"
            problems.append(SkippedFile(path: relative + "/", reason: reason))
            return ([], [])
        }
        visited[identity] = relative
        let names: [[UInt8]]
        do {
            names = try Self.entries(of: folder)
        } catch {
            problems.append(
                SkippedFile(path: shown, reason: "unreadable folder: \(String(cString: strerror(error.code)))"))
            return ([], [])
        }
        var subfolders: [(folder: String, relative: String)] = []
        var links: [(folder: String, relative: String)] = []
        for bytes in names where bytes.first != UInt8(ascii: ".") {
            guard let name = String(validating: bytes, as: UTF8.self) else {
                recordUndecodable(bytes, in: folder, relative: relative)
                continue
            }
            let path = folder + "/" + name
            let entry = relative.isEmpty ? name : relative + "/" + name
            guard stat(path, &status) == 0 else {
                let reason =
                    errno == ELOOP
                    ? "symbolic link loop (the link resolves to itself)"
                    : "cannot be read: \(String(cString: strerror(errno)))"
                problems.append(SkippedFile(path: entry, reason: reason))
                continue
            }
            let isAudio = Self.isAudioName(Array(name.utf8))
            if status.st_mode & S_IFMT == S_IFDIR {
                var own = stat()
                let isLink = lstat(path, &own) == 0 && own.st_mode & S_IFMT == S_IFLNK
                if isLink { links.append((path, entry)) } else { subfolders.append((path, entry)) }
            } else if status.st_mode & S_IFMT == S_IFREG {
                if isAudio {
                    files.append(AudioPath(entry))
                } else {
                    passedOver.count += 1
                    if passedOver.examples.count < 3 { passedOver.examples.append(entry) }
                }
            } else if isAudio, let kind = FileKind(mode: status.st_mode) {
                problems.append(SkippedFile(path: entry, reason: "is \(kind.phrase), not an audio file (not opened)"))
            }
        }
        return (subfolders, links)
    }

    /// A name that is not UTF-8: recorded when it is a folder or named like audio, with its bytes shown.
    private mutating func recordUndecodable(_ bytes: [UInt8], in folder: String, relative: String) {
        var status = stat()
        let path = Array(folder.utf8) + [UInt8(ascii: "/")] + bytes + [0]
        let found = path.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { stat($0.baseAddress!, &status) == 0 }
        }
        let isFolder = found && status.st_mode & S_IFMT == S_IFDIR
        guard isFolder || Self.isAudioName(bytes) else { return }
        let shown = (relative.isEmpty ? "" : relative + "/") + Self.escaped(bytes) + (isFolder ? "/" : "")
        problems.append(
            SkippedFile(
                path: shown,
                reason: "its name is not UTF-8 (the bytes shown as \\x..), so serreport cannot carry it into "
                    + "a report; rename it in UTF-8" + (isFolder ? " (folder not scanned)" : "")))
    }

    /// Whether a name ends in one of ``audioExtensions`` (any case).
    static func isAudioName(_ name: [UInt8]) -> Bool {
        guard let dot = name.lastIndex(of: UInt8(ascii: ".")) else { return false }
        let suffix = String(decoding: name[(dot + 1)...], as: UTF8.self).lowercased()
        return audioExtensions.contains(suffix)
    }

    /// ASCII as itself, every other byte as `\xNN`.
    static func escaped(_ bytes: [UInt8]) -> String {
        bytes.map { $0 < 0x80 ? String(UnicodeScalar($0)) : "\\x" + String($0, radix: 16, uppercase: true) }
            .joined()
    }

    /// The `errno` of a folder listing that failed.
    private struct ListingFailure: Error {
        let code: Int32
    }

    /// The names in a folder as raw bytes, sorted bytewise.
    private static func entries(of folder: String) throws(ListingFailure) -> [[UInt8]] {
        guard let directory = opendir(folder) else { throw ListingFailure(code: errno) }
        defer { closedir(directory) }
        var names: [[UInt8]] = []
        while true {
            errno = 0
            guard let entry = readdir(directory) else {
                if errno != 0 { throw ListingFailure(code: errno) }
                break
            }
            let name = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            if name == [UInt8(ascii: ".")] || name == [UInt8(ascii: "."), UInt8(ascii: ".")] { continue }
            names.append(name)
        }
        return names.sorted { $0.lexicographicallyPrecedes($1) }
    }
}
