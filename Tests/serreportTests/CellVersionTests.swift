import Foundation
import SERDSP
import SERNotebook
import Testing

@testable import SERCells

/// The extract cell caches each clip's summary under a key made of its settings and its version, not its
/// code: a change that adds or renames columns under the same settings must bump the version, or a
/// cached summary without the new columns would be reused. This pins the default columns to the version of
/// the clips' entries (``ExtractCell/itemVersion``).
@Suite("Cell versions follow what the cells compute")
struct CellVersionTests {
    /// Extract item version → SHA-256 of its default summary column names (one per line).
    static let extractColumns: [Int: String] = [
        5: "17eef9c4c77feb2ea4b63b76c09893a20d2ac7a222ab1257641af724089c2adb"
    ]

    @Test("the extract cell's item version changes whenever its default columns do")
    func extractVersionPinsColumns() throws {
        let version = ExtractCell.itemVersion
        #expect(ExtractCell(settings: Settings(), locations: [:]).version >= version)
        let names = FeatureNames.summary(FeatureParameters())
        let digest = Digest.of(Data(names.joined(separator: "\n").utf8)).hex
        let pinned = try #require(
            Self.extractColumns[version],
            "extract cell version \(version) has no pinned columns: add \(version): \"\(digest)\" (\(names.count) columns)"
        )
        #expect(
            digest == pinned,
            "the default columns changed (\(names.count) now) but the extract cell's version did not: bump it")
    }
}
