package import Foundation

/// Reading the files a report's `models/` folder holds (`rf.json`, `mlp.json`, `xgb.json`,
/// `svm.model`, the scaler and the labels) from bytes nobody checked: every way they can be wrong
/// becomes one ``LearnError`` line that says where (`trees[3].left[7]: expected an integer, found a
/// string`), never a trap, and nothing is allocated beyond what the bytes themselves hold.
package enum SavedModelFile {
    /// `data` as a `Value`, or a one-line reason: empty, not UTF-8, not JSON, or not this shape.
    /// Types whose `init(from:)` checks more (``DecisionForest``, ``MLPWeights``) throw their own
    /// ``LearnError``, which passes through unchanged.
    package static func decode<Value: Decodable>(_ type: Value.Type, from data: Data) throws(LearnError) -> Value {
        try checkText(data)
        try checkDecodingCost(data)
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as LearnError {
            throw error
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
                // JSONDecoder says only "not valid JSON"; JSONSerialization says what and where.
                try checkObject(data, allowingAnyValue: true)
            }
            throw LearnError(.malformedModel, describe(error))
        } catch {
            throw LearnError(.malformedModel, "not valid JSON (\(oneLine("\(error)")))")
        }
    }

    /// Throws unless `data` is non-empty UTF-8 text with no NUL byte (what JSON and libsvm's model
    /// text both are), naming the first offending byte's offset.
    package static func checkText(_ data: Data) throws(LearnError) {
        guard !data.isEmpty else { throw LearnError(.malformedModel, "empty file (0 bytes)") }
        if let nul = data.firstIndex(of: 0) {
            throw LearnError(.malformedModel, "not text (a NUL byte at offset \(nul - data.startIndex))")
        }
        guard String(validating: data, as: UTF8.self) == nil else { return }
        // Find the first byte that breaks UTF-8, for the message.
        var decoder = UTF8()
        var iterator = data.makeIterator()
        var offset = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: break loop
            case .error: break loop
            }
        }
        let byte = String(format: "0x%02X", data[data.startIndex + min(offset, data.count - 1)])
        throw LearnError(.malformedModel, "not UTF-8 text (byte \(byte) at offset \(offset))")
    }

    /// Throws unless `data` is one JSON object (`{…}`, or any JSON value with `allowingAnyValue`),
    /// within JSON's nesting limit.
    package static func checkObject(_ data: Data, allowingAnyValue: Bool = false) throws(LearnError) {
        try checkText(data)
        try checkDecodingCost(data)
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)
        } catch {
            throw LearnError(.malformedModel, "not valid JSON (\(oneLine(reason(error))))")
        }
        guard allowingAnyValue || value is [String: Any] else {
            throw LearnError(.malformedModel, "is JSON, but not an object ({…})")
        }
    }

    /// Throws if reading `data` as JSON would take more than `limit` bytes of memory. Foundation's decoders take about 100 bytes per list or object and 24 per value
    /// (measured: 12.5 million one-number lists, 50 MB of `[0],`, took 1.4 GB), so a small file of
    /// tiny lists costs far more than its size; serreport's own files, one number per line, about
    /// their size.
    package static func checkDecodingCost(_ data: Data, limit: Int = SavedModelLimits.decodingBytes) throws(LearnError)
    {
        var containers = 0
        var separators = 0
        data.withUnsafeBytes { bytes in
            for byte in bytes {
                if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") {
                    containers += 1
                } else if byte == UInt8(ascii: ",") {
                    separators += 1
                }
            }
        }
        let cost = 100 * containers + 24 * (separators + containers)
        guard cost <= limit else {
            throw LearnError(
                .malformedModel,
                "its \(containers) lists would take about \(mebibytes(cost)) of memory to read; serreport reads "
                    + "at most \(mebibytes(limit))")
        }
    }

    /// `5.9 GiB`, `16 MiB`.
    private static func mebibytes(_ bytes: Int) -> String {
        bytes >= 1 << 30
            ? String(format: "%.1f GiB", Double(bytes) / Double(1 << 30)) : "\((bytes + (1 << 20) - 1) >> 20) MiB"
    }

    /// A decoding error as one line: where in the document, and what was wrong there.
    static func describe(_ error: DecodingError) -> String {
        func at(_ context: DecodingError.Context) -> String {
            context.codingPath.isEmpty ? "" : "\(path(context.codingPath)): "
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = context.codingPath.isEmpty ? "" : " in \(path(context.codingPath))"
            return "missing key '\(key.stringValue)'\(parent)"
        case .typeMismatch(let type, let context):
            return "\(at(context))expected \(noun(type)), found \(found(context))"
        case .valueNotFound(let type, let context):
            return "\(at(context))expected \(noun(type)), found null"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty, let underlying = context.underlyingError {
                return "not valid JSON (\(oneLine(reason(underlying))))"
            }
            return "\(at(context))\(oneLine(context.debugDescription))"
        @unknown default:
            return oneLine("\(error)")
        }
    }

    /// `trees[3].left[7]` for a coding path.
    static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue, key.stringValue == "Index \(index)" || key.stringValue == "\(index)" {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }

    private static func noun(_ type: Any.Type) -> String {
        switch type {
        case is Double.Type, is Float.Type: "a number"
        case is Int.Type, is Int32.Type, is UInt.Type: "an integer"
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        default:
            "\(type)".hasPrefix("Array") ? "a list" : "an object"
        }
    }

    /// What the decoder met instead, from its description ("…but found a string instead.").
    private static func found(_ context: DecodingError.Context) -> String {
        let text = context.debugDescription
        let markers = [
            ("string", "a string"), ("number", "a number"), ("array", "a list"), ("dictionary", "an object"),
            ("bool", "true or false"), ("null", "null"),
        ]
        for (marker, noun) in markers
        where ["found ", "found a ", "found an "].contains(where: { text.contains($0 + marker) }) {
            return noun
        }
        if text.contains("does not fit") || text.contains("not representable") { return "a number out of range" }
        return "something else (\(oneLine(text)))"
    }

    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let detail = nsError.userInfo[NSDebugDescriptionErrorKey] as? String { return detail }
        return nsError.localizedDescription
    }

    /// Text from a file, safe to put in a one-line message: control characters escaped, at most 60
    /// characters.
    package static func quoted(_ text: String) -> String {
        let escaped = text.unicodeScalars.map { scalar in
            scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}"
                ? scalar.escaped(asASCII: true) : String(scalar)
        }.joined()
        return escaped.count > 60 ? String(escaped.prefix(60)) + "…" : escaped
    }

    /// `text` with its line breaks turned into spaces, so that an error stays one line.
    package static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
