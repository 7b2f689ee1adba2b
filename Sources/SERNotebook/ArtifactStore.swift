import Crypto
package import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The content-addressed cache in `.serreport/cache/`: one file per entry, named by its key.
///
/// An entry is written to a temporary file beside its final place and renamed into place, so a
/// reader sees the whole entry or none, and two builds writing the same entry at once cannot
/// collide (both write the same bytes; the last rename wins). Each entry starts with the SHA-256 of
/// its payload, checked on every read: a damaged or truncated entry (a crash, a full disk, a stray
/// edit) reads as missing, is removed, and the work is done again — never trusted.
package final class ArtifactStore: Sendable {
    package let folder: URL
    private static let magic = Data("serreport-entry-1\n".utf8)

    package init(folder: URL) {
        self.folder = folder
    }

    private func location(of key: Digest) -> URL {
        folder.appendingPathComponent(String(key.hex.prefix(2)), isDirectory: true)
            .appendingPathComponent(String(key.hex.dropFirst(2)))
    }

    /// Whether an entry exists (without reading or checking it).
    package func contains(_ key: Digest) -> Bool {
        FileManager.default.fileExists(atPath: location(of: key).path)
    }

    /// The entry's payload, or `nil` when it is missing or damaged (a damaged entry is removed).
    package func read(_ key: Digest) -> Data? {
        let url = location(of: key)
        guard let entry = try? Data(contentsOf: url) else { return nil }
        let headerLength = Self.magic.count + 32
        guard entry.count >= headerLength, entry.prefix(Self.magic.count) == Self.magic else {
            try? FileManager.default.removeItem(at: url)
            return nil
        }
        let payload = entry.dropFirst(headerLength)
        let recorded = entry.dropFirst(Self.magic.count).prefix(32)
        guard Data(SHA256.hash(data: payload)) == recorded else {
            try? FileManager.default.removeItem(at: url)
            return nil
        }
        return Data(payload)
    }

    /// Stores a payload under a key, atomically.
    package func write(_ payload: Data, for key: Digest) throws(NotebookError) {
        let url = location(of: key)
        var entry = Self.magic
        entry.append(contentsOf: SHA256.hash(data: payload))
        entry.append(payload)
        try Self.writeAtomically(entry, to: url)
    }

    /// Removes an entry (a missing one is not an error).
    package func remove(_ key: Digest) {
        try? FileManager.default.removeItem(at: location(of: key))
    }

    /// Flushes every entry written so far to the disk (one `sync` rather than an `fsync` per entry):
    /// called at the end of each cell, so a power cut loses at most the cell in progress, and the
    /// digests catch any entry it left half written. (A killed process loses nothing either way: its
    /// renamed entries are already in the kernel's hands.)
    package func flush() {
        sync()
    }

    /// Writes `data` to a uniquely named temporary file in the target's folder, then renames it over
    /// the target: readers never see a partial file, and concurrent writers never share a temporary.
    package static func writeAtomically(_ data: Data, to url: URL) throws(NotebookError) {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(
            ".\(url.lastPathComponent).\(getpid()).\(UInt64.random(in: 0...UInt64.max)).tmp")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try data.write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw NotebookError("\(url.path): cannot write (\(error.localizedDescription))")
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw NotebookError("\(url.path): cannot write (\(reason))")
        }
    }
}
