/// A manifest's path, spelled the one way that names its clip: `./clips/a.wav`, `clips//a.wav`,
/// `clips/x/../a.wav` and `/corpus/clips/a.wav` (with the manifest in `/corpus`) are all `clips/a.wav`,
/// so one file listed twice is found to be one clip, not two with the same path.
///
/// The spelling is lexical, as Python's `os.path.normpath`: `.` and empty components are dropped and
/// `..` removes the component before it (a `..` through a symbolic link to a folder elsewhere is
/// read as written, not as the link leads). The file is opened by this spelling too, so the path the
/// report shows is the file that was read.
enum ManifestPath {
    /// The clip path of `path`, relative to `root` when it lies under it; empty when the path names
    /// no file (`.`, `/`, `clips/..`).
    static func normalized(_ path: String, root: String) -> String {
        let absolute = path.hasPrefix("/")
        let parts = components(path, absolute: absolute)
        guard absolute else { return parts.joined(separator: "/") }
        let rootParts = components(root, absolute: true)
        if parts.count > rootParts.count, parts.starts(with: rootParts) {
            return parts.dropFirst(rootParts.count).joined(separator: "/")
        }
        return parts.isEmpty ? "" : "/" + parts.joined(separator: "/")
    }

    /// The components left once `.`, empty ones and `..` are resolved; a relative path keeps the
    /// `..` that lead above its start, an absolute one stops at `/`.
    private static func components(_ path: String, absolute: Bool) -> [Substring] {
        var parts: [Substring] = []
        for part in path.split(separator: "/") where part != "." {
            if part == ".." {
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !absolute {
                    parts.append(part)
                }
            } else {
                parts.append(part)
            }
        }
        return parts
    }
}
