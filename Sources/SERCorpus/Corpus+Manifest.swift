import CSV
import Foundation

extension Corpus {
    /// Reads a CSV manifest (`path,emotion[,speaker,gender,…]`, paths relative to the manifest's folder
    /// or absolute): the `csv` layout.
    static func read(manifest: URL, name: String, chosenBy layout: CorpusLayout) throws(CorpusError) -> Corpus {
        let text: String
        do {
            text = try String(contentsOf: manifest, encoding: .utf8)
        } catch {
            throw CorpusError("\(manifest.path): cannot read the manifest (\(error.localizedDescription))")
        }
        let reason =
            layout == .csv
            ? "csv: set by corpus: csv; the clips are the rows of \(manifest.lastPathComponent)"
            : "csv: the clips are the rows of \(manifest.lastPathComponent), a CSV manifest"
        return try parse(
            manifest: text, named: manifest.path, root: manifest.deletingLastPathComponent(), corpusName: name,
            note: reason)
    }

    /// Reads manifest text: a header naming at least `path` and `emotion`, then one row per clip.
    static func parse(
        manifest text: String, named source: String, root: URL, corpusName: String, note: String
    ) throws(CorpusError) -> Corpus {
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: true)
        } catch {
            throw CorpusError("\(source): not a CSV file (\(error))")
        }
        let header = (reader.headerRow ?? []).map { $0.lowercased() }
        guard let pathColumn = header.firstIndex(of: "path"), let emotionColumn = header.firstIndex(of: "emotion")
        else {
            throw CorpusError("\(source): the header must name at least the columns path and emotion")
        }
        // Skipped rows are named by the manifest's file name: the report holds no absolute paths.
        let manifestName = URL(fileURLWithPath: source).lastPathComponent
        let speakerColumn = header.firstIndex(of: "speaker")
        let genderColumn = header.firstIndex(of: "gender")
        var clips: [Clip] = []
        var rejected: [SkippedFile] = []
        var line = 1
        while let row = reader.next() {
            line += 1
            func field(_ column: Int?) -> String { column.flatMap { $0 < row.count ? row[$0] : nil } ?? "" }
            let path = field(pathColumn)
            if row.allSatisfy(\.isEmpty) { continue }
            guard !path.isEmpty else {
                rejected.append(SkippedFile(path: "\(manifestName) line \(line)", reason: "no path"))
                continue
            }
            let emotion = field(emotionColumn)
            guard !emotion.isEmpty else {
                rejected.append(
                    SkippedFile(path: path, reason: "unlabelled (no emotion in \(manifestName) line \(line))"))
                continue
            }
            let location = path.hasPrefix("/") ? path : root.appendingPathComponent(path).path
            clips.append(
                Clip(
                    path: path, location: location, emotion: emotion, speaker: field(speakerColumn),
                    gender: field(genderColumn)))
        }
        clips.sort { $0.path < $1.path }
        return Corpus(
            name: corpusName, root: root, clips: clips, rejected: rejected, adapter: CorpusLayout.csv.rawValue,
            notes: [note])
    }
}
