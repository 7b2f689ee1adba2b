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
        var table = CSVTable(header: header)
        for row in rows { table.append(row) }
        return try table.text(name: "features.csv")
    }

    public func write(to path: String) throws(ReportError) {
        try OutputText.write(try csv(), to: path)
    }
}
