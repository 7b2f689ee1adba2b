import Crypto
package import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The content-addressed cache in `.serreport/cache/`: one file per entry, named by its key.
///
/// An entry is written to a temporary file beside its final place and renamed into place, so a
/// reader sees the whole entry or none, and two builds writing the same entry at once cannot
/// collide (both write the same bytes; the last rename wins). Each entry starts with the SHA-256 of
/// its key and payload, checked on every read: a damaged or truncated entry (a crash, a full disk, a
/// stray edit), or a whole entry copied or moved to another key's place, reads as missing, is removed,
/// and the work is done again — never trusted.
///
/// The cache only saves work, so a write that fails (a full disk, a read-only folder) does not stop
/// the work: the entry is simply not stored, and the store remembers why (``writeFailure``) for the
/// build to say once.
package final class ArtifactStore: Sendable {
    package let folder: URL
    /// Version 2 seals the key with the payload (version 1 entries, sealing the payload alone, read as
    /// missing once and are replaced).
    private static let magic = Data("serreport-entry-2\n".utf8)
    private let firstFailure = Mutex<String?>(nil)

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
        guard let entry = StoredFile.read(url) else { return nil }
        guard let payload = Self.unsealed(entry, key: Data(key.hex.utf8)) else {
            try? FileManager.default.removeItem(at: url)
            return nil
        }
        return payload
    }

    /// Stores a payload under a key, atomically; `false` when it cannot be written, which leaves no
    /// entry (the next build computes it again) and is remembered in ``writeFailure``.
    @discardableResult
    package func write(_ payload: Data, for key: Digest) -> Bool {
        guard let reason = Self.atomicWrite(Self.sealed(payload, key: Data(key.hex.utf8)), to: location(of: key))
        else { return true }
        firstFailure.withLock { first in if first == nil { first = reason } }
        return false
    }

    /// A payload as an entry is stored: a magic line, the SHA-256 of `key` (what the entry stands for:
    /// its cache key) and the payload, the payload. Any file serreport must not trust blindly (the
    /// cache's entries, the remembered file digests) is kept so; an entry under another key than its
    /// own fails the check like a damaged one.
    package static func sealed(_ payload: Data, key: Data = Data()) -> Data {
        var entry = magic
        entry.append(contentsOf: seal(payload, key: key))
        entry.append(payload)
        return entry
    }

    /// The payload of a sealed entry, or `nil` when it is not one or its digest does not match `key`
    /// and the payload.
    package static func unsealed(_ entry: Data, key: Data = Data()) -> Data? {
        let headerLength = magic.count + 32
        guard entry.count >= headerLength, entry.prefix(magic.count) == magic else { return nil }
        let payload = entry.dropFirst(headerLength)
        let recorded = entry.dropFirst(magic.count).prefix(32)
        guard seal(payload, key: key) == recorded else { return nil }
        return Data(payload)
    }

    /// SHA-256 over the key's length (8 bytes, little-endian), the key and the payload.
    private static func seal(_ payload: Data, key: Data) -> Data {
        var hasher = SHA256()
        withUnsafeBytes(of: UInt64(key.count).littleEndian) { hasher.update(bufferPointer: $0) }
        hasher.update(data: key)
        hasher.update(data: payload)
        return Data(hasher.finalize())
    }

    /// Why the first write that failed in this store's life failed, in the system's words ("No space
    /// left on device"); `nil` while every write has succeeded.
    package var writeFailure: String? { firstFailure.withLock { $0 } }

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
}
