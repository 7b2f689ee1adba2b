import CSV

/// A manifest's text cut into its physical lines, each with its number, so that every line is
/// accounted for: a clip, a skipped entry with its reason, the header, or blank.
///
/// A manifest holds one clip per line. CSV allows a quoted field to run over several lines, but a
/// path or a label never does; read that way, one stray `"` swallows every line up to the next quote
/// and the rows in between vanish without a word. So lines are cut first (at LF, CRLF or a lone CR),
/// each is checked for a quote left open or text after a closing quote, and only a well-formed line
/// is handed to CSV.swift.
struct ManifestLine: Sendable, Equatable {
    /// 1 for the first line (the header).
    let number: Int
    let text: Substring

    /// Every line of `text`; a final line break does not start another line.
    static func lines(of text: String) -> [ManifestLine] {
        var lines: [ManifestLine] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = start
        func cut(_ end: String.Index) {
            lines.append(ManifestLine(number: lines.count + 1, text: text[start..<end]))
        }
        while index != utf8.endIndex {
            let byte = utf8[index]
            guard byte == 0x0A || byte == 0x0D else {
                index = utf8.index(after: index)
                continue
            }
            cut(index)
            index = utf8.index(after: index)
            if byte == 0x0D, index != utf8.endIndex, utf8[index] == 0x0A { index = utf8.index(after: index) }
            start = index
        }
        if start != utf8.endIndex { cut(utf8.endIndex) }
        return lines
    }

    /// Whether the line holds nothing but commas and blanks (a spreadsheet's trailing empty rows).
    var isBlank: Bool {
        text.utf8.allSatisfy { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    /// Why the line's quoting is not CSV that can be read alone, or nil when it can: a quoted field
    /// must end on its line, a quote inside it is doubled (`""`), and only blanks may follow its
    /// closing quote before the next comma. A quote inside an unquoted field is an ordinary character.
    /// Blanks are what CSV.swift trims around fields (tab and Unicode's space separators).
    var quotingProblem: String? {
        var inQuotes = false
        var closed = false
        var atFieldStart = true
        for scalar in text.unicodeScalars {
            if inQuotes {
                if scalar == "\"" {
                    inQuotes = false
                    closed = true
                }
            } else if closed {
                if scalar == "\"" {
                    inQuotes = true
                    closed = false
                } else if scalar == "," {
                    closed = false
                    atFieldStart = true
                } else if !Self.isBlank(scalar) {
                    return "text after the closing quote of a quoted field (a quote inside one is written \"\")"
                }
            } else if scalar == "," {
                atFieldStart = true
            } else if atFieldStart && scalar == "\"" {
                inQuotes = true
                atFieldStart = false
            } else if !(atFieldStart && Self.isBlank(scalar)) {
                atFieldStart = false
            }
        }
        return inQuotes ? "unclosed quote (a quoted field must end on its line)" : nil
    }

    /// Tab and Unicode's space separators: `CharacterSet.whitespaces`, what CSV.swift trims.
    private static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\t" || (scalar.value >= 0x20 && scalar.properties.generalCategory == .spaceSeparator)
    }

    /// The fields of each line, read by CSV.swift in one pass over the lines joined (each line holds
    /// one row: none has a line break or a quote left open), or line by line should the row count
    /// ever differ. `trimFields` drops blanks around fields, as a spreadsheet's export has them.
    static func rows(of lines: [ManifestLine]) -> [[String]] {
        let joined = lines.map(\.text).joined(separator: "\n")
        if let reader = try? CSVReader(string: joined, trimFields: true) {
            var rows: [[String]] = []
            rows.reserveCapacity(lines.count)
            while let row = reader.next() { rows.append(row) }
            if rows.count == lines.count { return rows }
        }
        return lines.map { (try? CSVReader(string: String($0.text), trimFields: true))?.next() ?? [] }
    }
}
