import Foundation

/// A CSV file: a header and rows of text cells that pandas reads as is, written atomically. A cell is
/// quoted, its quotes doubled, where it holds a quote, a comma, CR or LF (RFC 4180), as yaslab/CSV.swift's
/// `CSVWriter` does; rows end in LF, the last one too. A text cell a spreadsheet would take for a
/// formula is written with a leading `'` (``defused(_:)``).
///
/// Written here rather than through `CSVWriter` (which still reads manifests): it writes one Unicode
/// scalar at a time into an `OutputStream` and searches each cell five times through Foundation, which
/// took 2.3 s of a 36 s cold RAVDESS build for `features.csv` (470,000 cells); this takes 0.05 s for the
/// same bytes.
package struct CSVTable: Sendable {
    package var header: [String]
    package private(set) var rows: [[String]] = []

    package init(header: [String]) {
        self.header = header
    }

    package mutating func append(_ row: [String]) {
        precondition(row.count == header.count, "\(row.count) cells for \(header.count) columns")
        rows.append(row)
    }

    /// The file's text; `name` only names it in errors (none are possible in memory).
    package func text(name: String) throws(ReportError) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity((rows.count + 1) * header.count * 12)
        for row in [header] + rows {
            for (index, cell) in row.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                Self.append(cell, to: &bytes)
            }
            bytes.append(UInt8(ascii: "\n"))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A text cell a spreadsheet would run as a formula (`=HYPERLINK(…)`, `@SUM(…)`, `+cmd|…`, `-cmd|…`,
    /// or one starting with a tab or CR) gets a leading `'`, as OWASP's CSV-injection guidance says, so
    /// Excel and LibreOffice show it as text; a cell that is a number as a whole (`-0.25`, `+3`, `-inf`)
    /// is left as it is.
    static func defused(_ cell: String) -> String {
        guard let first = cell.utf8.first else { return cell }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "@"), 0x09, 0x0D:
            return "'" + cell
        case UInt8(ascii: "-"), UInt8(ascii: "+"):
            // Only a number as a whole is left as it is (`-2+3` is a formula).
            return cell.utf8.count == 1 || Double(cell) != nil ? cell : "'" + cell
        default:
            return cell
        }
    }

    private static func append(_ cell: String, to bytes: inout [UInt8]) {
        let quote = UInt8(ascii: "\"")
        let cell = defused(cell)
        let utf8 = cell.utf8
        let quoted = utf8.contains { $0 == quote || $0 == UInt8(ascii: ",") || $0 == 0x0A || $0 == 0x0D }
        guard quoted else {
            bytes.append(contentsOf: utf8)
            return
        }
        bytes.append(quote)
        for byte in utf8 {
            if byte == quote { bytes.append(quote) }
            bytes.append(byte)
        }
        bytes.append(quote)
    }

    package func write(to path: String) throws(ReportError) {
        try OutputText.write(try text(name: path), to: path)
    }
}

/// Writes text files atomically, with one-line errors naming the file.
package enum OutputText {
    package static func write(_ text: String, to path: String) throws(ReportError) {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ReportError(path: path, reason: "cannot write (\(error.localizedDescription))")
        }
    }
}
