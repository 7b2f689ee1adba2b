import Crypto
package import Foundation

/// A SHA-256 digest in lower-case hex: the identity of a cache entry or of a file's content.
package struct Digest: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    package let hex: String

    package init(hex: String) { self.hex = hex }

    init(_ digest: SHA256.Digest) {
        // Two hex digits per byte from a table: `String(format:)` per byte cost 30 µs a digest, which
        // is seconds once per clip of a 100 000-clip corpus.
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        hex = String(decoding: text, as: UTF8.self)
    }

    package var description: String { hex }
    /// The first 12 hex digits, enough to tell entries apart in messages.
    package var short: String { String(hex.prefix(12)) }

    package static func < (a: Digest, b: Digest) -> Bool { a.hex < b.hex }

    /// The digest of some bytes.
    package static func of(_ data: Data) -> Digest { Digest(SHA256.hash(data: data)) }

    /// The digest of a file's bytes, read in 1 MiB blocks.
    package static func of(file url: URL) throws -> Digest {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256()
        while let block = try handle.read(upToCount: 1 << 20), !block.isEmpty {
            hasher.update(data: block)
        }
        return Digest(hasher.finalize())
    }
}

/// SHA-256 over bytes given a block at a time (a file read in blocks).
struct DigestHasher {
    private var hasher = SHA256()

    mutating func update(_ bytes: UnsafeRawBufferPointer) { hasher.update(bufferPointer: bytes) }

    func finish() -> Digest { Digest(hasher.finalize()) }
}

/// Builds a cache key from named parts: a key's encoding is its identity, so every part is written
/// with its name and length, and two different lists of parts can never give the same bytes.
package struct KeyBuilder {
    private var hasher = SHA256()

    package init(_ kind: String) { add("kind", kind) }

    package mutating func add(_ name: String, _ value: String) {
        let bytes = Array(name.utf8) + [0x3D] + Array(value.utf8)
        hasher.update(data: Array("\(bytes.count):".utf8) + bytes + [0x0A])
    }

    package mutating func add(_ name: String, _ digest: Digest) { add(name, digest.hex) }

    package func finish() -> Digest { Digest(hasher.finalize()) }
}
