import Foundation
import SERCells
import SERCorpus
import Testing

/// The adapters against ground truth: `../shared/data` (beside the repository, as CI clones it) holds
/// two real corpora in their original naming, each with a LABELS.csv. Auto-detection must pick the
/// corpus's adapter and read every file exactly as LABELS.csv labels it.
@Suite("Real corpora: the adapters agree with LABELS.csv on every file")
struct RealCorporaAgreementTests {
    static let sharedData = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data")

    @Test(
        "auto-detected, and (path, emotion, speaker, gender) equal to LABELS.csv for every file",
        arguments: [("ravdess-actors-01-12", "ravdess", 720), ("emodb-2s", "emodb", 535)])
    func agreesWithLabels(folder: String, adapter: String, files: Int) throws {
        let root = Self.sharedData.appendingPathComponent(folder)
        let expected = try Self.labels(root.appendingPathComponent("LABELS.csv"))
        #expect(expected.count == files)
        let corpus = try Corpus.open(root.path)
        #expect(corpus.adapter == adapter)
        #expect(
            corpus.notes.first
                == "\(adapter): \(files) of \(files) audio files are named like \(Self.pattern[adapter] ?? "")")
        #expect(corpus.rejected.isEmpty, "\(corpus.rejected)")
        #expect(corpus.clips.count == files)
        let byPath = Dictionary(uniqueKeysWithValues: corpus.rows.map { ($0.path, $0) })
        var disagreements: [String] = []
        for row in expected where byPath[row.path] != row {
            disagreements.append("LABELS.csv \(row) ≠ adapter \(byPath[row.path].map(\.description) ?? "missing")")
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) files disagree: \(disagreements.prefix(5))")
    }

    static let pattern = [
        "ravdess": "MM-VV-EE-II-SS-RR-AA.wav (RAVDESS)", "emodb": "SSTTTEV.wav, e.g. 03a01Fa.wav (EmoDB)",
    ]

    /// LABELS.csv's first four columns (it has no quoted fields; lines end in CRLF).
    static func labels(_ file: URL) throws -> [ClipRow] {
        let lines = try String(contentsOf: file, encoding: .utf8).split(whereSeparator: \.isNewline)
        try #require(lines.first?.hasPrefix("path,emotion,speaker,gender") == true)
        return lines.dropFirst().map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return ClipRow(fields[0], fields[1], fields[2], fields[3])
        }
    }
}
