import CSV
import Foundation

/// `features.csv`: one row per clip — path, label, speaker, gender, then the feature columns —
/// in a form pandas reads as is (`pd.read_csv`).
///
/// Numbers are written in Swift's shortest round-trip form, so the file is byte-identical for the
/// same values whatever the machine.
public struct FeatureTable: Sendable {
    public var featureNames: [String]
    public private(set) var rows: [[String]] = []

    public init(featureNames: [String]) {
        self.featureNames = featureNames
    }

    public mutating func append(path: String, label: String, speaker: String, gender: String, values: [Double]) {
        rows.append([path, label, speaker, gender] + values.map { "\($0)" })
    }

    public var header: [String] { ["path", "label", "speaker", "gender"] + featureNames }

    public func csv() throws(ReportError) -> String {
        do {
            let stream = OutputStream(toMemory: ())
            let writer = try CSVWriter(stream: stream)
            try writer.write(row: header)
            for row in rows { try writer.write(row: row) }
            writer.stream.close()
            guard let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else {
                throw ReportError(path: "features.csv", reason: "CSV writer produced no data")
            }
            return String(decoding: data, as: UTF8.self) + "\n"
        } catch let error as ReportError {
            throw error
        } catch {
            throw ReportError(path: "features.csv", reason: "\(error)")
        }
    }

    public func write(to path: String) throws(ReportError) {
        let text = try csv()
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ReportError(path: path, reason: "cannot write (\(error.localizedDescription))")
        }
    }
}
