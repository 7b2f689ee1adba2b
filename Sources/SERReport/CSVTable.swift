import CSV
import Foundation

/// A CSV file: a header and rows of text cells, quoted where needed (yaslab/CSV.swift), that pandas
/// reads as is. Written atomically.
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

    /// The file's text; `name` only names it in errors.
    package func text(name: String) throws(ReportError) -> String {
        do {
            let stream = OutputStream(toMemory: ())
            let writer = try CSVWriter(stream: stream)
            try writer.write(row: header)
            for row in rows { try writer.write(row: row) }
            writer.stream.close()
            guard let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else {
                throw ReportError(path: name, reason: "CSV writer produced no data")
            }
            return String(decoding: data, as: UTF8.self) + "\n"
        } catch let error as ReportError {
            throw error
        } catch {
            throw ReportError(path: name, reason: "\(error)")
        }
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
