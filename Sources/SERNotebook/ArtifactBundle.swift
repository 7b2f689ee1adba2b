package import Foundation

/// What one cell made, as named files: `files` are published into the report folder under their
/// names (`figures/load-durations.png`, `metrics.json`); `data` are for later cells and the report
/// only (a feature matrix, a section's text) and are never published.
///
/// Stored as one cache entry: a header line of JSON giving each name and length, then the bytes.
package struct ArtifactBundle: Sendable, Equatable {
    package var files: [String: Data]
    package var data: [String: Data]

    package init(files: [String: Data] = [:], data: [String: Data] = [:]) {
        self.files = files
        self.data = data
    }

    /// A value stored with `JSONEncoder` under `name` in ``data``.
    package func decode<T: Decodable>(_ type: T.Type, _ name: String) throws(NotebookError) -> T {
        guard let bytes = data[name] else { throw NotebookError("cached result has no \(name)") }
        do {
            return try JSONDecoder.stable.decode(type, from: bytes)
        } catch {
            throw NotebookError("cached \(name) does not decode (\(error))")
        }
    }

    /// Stores a value as JSON (sorted keys, so the same value gives the same bytes).
    package mutating func encode(_ value: some Encodable, as name: String) throws(NotebookError) {
        do {
            data[name] = try JSONEncoder.stable.encode(value)
        } catch {
            throw NotebookError("\(name) does not encode (\(error))")
        }
    }

    private struct Header: Codable {
        var files: [[String]]
        var data: [[String]]
    }

    /// The bundle as one byte string: entries in name order, so equal bundles give equal bytes.
    package func encoded() -> Data {
        let fileNames = files.keys.sorted()
        let dataNames = data.keys.sorted()
        let header = Header(
            files: fileNames.map { [$0, "\(files[$0]!.count)"] }, data: dataNames.map { [$0, "\(data[$0]!.count)"] })
        var out = (try? JSONEncoder.stable.encode(header)) ?? Data()
        out.append(0x0A)
        for name in fileNames { out.append(files[name]!) }
        for name in dataNames { out.append(data[name]!) }
        return out
    }

    /// Reads back what ``encoded()`` wrote; `nil` when the bytes do not hold a bundle.
    package init?(encoded bytes: Data) {
        guard let newline = bytes.firstIndex(of: 0x0A),
            let header = try? JSONDecoder().decode(Header.self, from: bytes[bytes.startIndex..<newline])
        else { return nil }
        var offset = newline + 1
        func take(_ entries: [[String]]) -> [String: Data]? {
            var taken: [String: Data] = [:]
            for entry in entries {
                guard entry.count == 2, let length = Int(entry[1]), length >= 0, offset + length <= bytes.endIndex
                else { return nil }
                taken[entry[0]] = bytes[offset..<(offset + length)]
                offset += length
            }
            return taken
        }
        guard let files = take(header.files), let data = take(header.data), offset == bytes.endIndex else {
            return nil
        }
        self.files = files
        self.data = data
    }
}

extension JSONEncoder {
    /// Sorted keys and no escaped slashes: the same value always gives the same bytes. NaN and
    /// infinities are written as the strings "nan", "inf" and "-inf" (``JSONDecoder/stable`` reads them).
    package static var stable: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }
}

extension JSONEncoder {
    /// ``stable``, indented: for the JSON files people open (metrics.json, run.json, models/).
    package static var readable: JSONEncoder {
        let encoder = stable
        encoder.outputFormatting.insert(.prettyPrinted)
        return encoder
    }
}

extension JSONDecoder {
    /// Reads what ``JSONEncoder/stable`` writes.
    package static var stable: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }
}
