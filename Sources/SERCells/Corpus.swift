import CSV
public import Foundation
import SERFigures

/// A labelled corpus: its name, its root folder and its clips in a stable order.
///
/// Read from a CSV manifest (`path,emotion[,speaker,gender,…]`, paths relative to the manifest's
/// folder or absolute): either `--data FILE.csv`, or a folder holding `manifest.csv`.
public struct Corpus: Sendable {
    /// Short name used for the output folder, e.g. `samples` for `Samples/`.
    public var name: String
    /// The folder clip paths are relative to.
    public var root: URL
    public var clips: [Clip]
    /// Manifest rows that could not be used (no label, unreadable line).
    public var rejected: [SkippedFile]

    public static let manifestName = "manifest.csv"

    /// Opens a corpus from a folder with a `manifest.csv` or from a manifest file.
    public static func open(_ data: String) throws(CellError) -> Corpus {
        let url = URL(fileURLWithPath: data).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw CellError(cell: "load", message: "\(data): no such file or folder (give a corpus with --data)")
        }
        let manifest = isDirectory.boolValue ? url.appendingPathComponent(manifestName) : url
        guard FileManager.default.fileExists(atPath: manifest.path) else {
            throw CellError(
                cell: "load",
                message: "\(data): no \(manifestName) in this folder (write one with path,emotion,speaker,gender)")
        }
        let root = manifest.deletingLastPathComponent()
        let name = (isDirectory.boolValue ? url : root).lastPathComponent.lowercased()
        let text: String
        do {
            text = try String(contentsOf: manifest, encoding: .utf8)
        } catch {
            throw CellError(
                cell: "load", message: "\(manifest.path): cannot read the manifest (\(error.localizedDescription))")
        }
        return try parse(manifest: text, named: manifest.path, root: root, corpusName: name)
    }

    static func parse(manifest text: String, named source: String, root: URL, corpusName: String) throws(CellError)
        -> Corpus
    {
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: true)
        } catch {
            throw CellError(cell: "load", message: "\(source): not a CSV file (\(error))")
        }
        let header = (reader.headerRow ?? []).map { $0.lowercased() }
        guard let pathColumn = header.firstIndex(of: "path"), let emotionColumn = header.firstIndex(of: "emotion")
        else {
            throw CellError(
                cell: "load", message: "\(source): the header must name at least the columns path and emotion")
        }
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
                rejected.append(SkippedFile(path: "\(source) line \(line)", reason: "no path"))
                continue
            }
            let emotion = field(emotionColumn)
            guard !emotion.isEmpty else {
                rejected.append(SkippedFile(path: path, reason: "unlabelled (no emotion in \(source) line \(line))"))
                continue
            }
            let location = path.hasPrefix("/") ? path : root.appendingPathComponent(path).path
            clips.append(
                Clip(
                    path: path, location: location, emotion: emotion, speaker: field(speakerColumn),
                    gender: field(genderColumn)))
        }
        clips.sort { $0.path < $1.path }
        return Corpus(name: corpusName, root: root, clips: clips, rejected: rejected)
    }

    /// The corpus's emotions in a stable order: the usual SER order (RAVDESS's coding, then boredom)
    /// by what each name means, so EmoDB's "anger" sits where RAVDESS's "angry" does; then any others
    /// alphabetically. Colours and table rows never move between runs.
    public var emotions: [String] {
        let present = Set(clips.map(\.emotion))
        func rank(_ emotion: String) -> Int {
            Self.usualEmotionOrder.firstIndex(of: EmotionPalette.canonicalName(emotion)) ?? Self.usualEmotionOrder.count
        }
        return present.sorted { (rank($0), $0) < (rank($1), $1) }
    }

    static let usualEmotionOrder = [
        "neutral", "calm", "happy", "sad", "angry", "fearful", "disgust", "surprised", "boredom",
    ]
}
