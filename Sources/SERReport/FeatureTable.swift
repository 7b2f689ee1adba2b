/// `features.csv`: one row per clip — path, label, speaker, gender, then the feature columns —
/// in a form pandas reads as is (`pd.read_csv`).
///
/// Numbers are written in Swift's shortest round-trip form, so the file is byte-identical for the
/// same values whatever the machine.
package struct FeatureTable: Sendable {
    package var featureNames: [String]
    package private(set) var rows: [[String]] = []

    package init(featureNames: [String]) {
        self.featureNames = featureNames
    }

    package mutating func append(path: String, label: String, speaker: String, gender: String, values: [Double]) {
        rows.append([path, label, speaker, gender] + values.map { "\($0)" })
    }

    package var header: [String] { ["path", "label", "speaker", "gender"] + featureNames }

    package func csv() throws(ReportError) -> String {
        var table = CSVTable(header: header)
        for row in rows { table.append(row) }
        return try table.text(name: "features.csv")
    }

    package func write(to path: String) throws(ReportError) {
        try OutputText.write(try csv(), to: path)
    }
}
