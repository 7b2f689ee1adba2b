package import Foundation

/// A labelled corpus: its name, its root folder and its clips in a stable order.
///
/// Read from a standard corpus's own layout (RAVDESS, TESS, SAVEE, EmoDB, CREMA-D: labels, speakers
/// and gender from the file names), from one folder per emotion, or from a CSV manifest
/// (`path,emotion[,speaker,gender,…]`); `corpus: auto` tells which (`CorpusLayout`). `labels:` then
/// renames, merges and selects emotions (`LabelMapping`).
package struct Corpus: Sendable {
    /// Short name used for the output folder, e.g. `samples` for `Samples/`.
    package var name: String
    /// The folder clip paths are relative to.
    package var root: URL
    /// Sorted by path.
    package var clips: [Clip]
    /// Files and manifest rows that could not be used (unlabelled, unreadable), sorted by path.
    package var rejected: [SkippedFile]
    /// The layout the clips were read with: ravdess, tess, savee, emodb, cremad, folders or csv.
    package var adapter: String
    /// What the report says about how the corpus was read: which layout and why, files left out on
    /// purpose and how many, labels renamed or not kept.
    package var notes: [String]

    package static let manifestName = "manifest.csv"

    package init(
        name: String, root: URL, clips: [Clip] = [], rejected: [SkippedFile] = [], adapter: String = "",
        notes: [String] = []
    ) {
        self.name = name
        self.root = root
        self.clips = clips
        self.rejected = rejected
        self.adapter = adapter
        self.notes = notes
    }

    /// Opens a corpus: a folder (its layout detected, or as `layout` says) or a CSV manifest file,
    /// then applies `labels`.
    package static func open(
        _ data: String, layout: CorpusLayout = .auto, labels: LabelMapping = LabelMapping()
    ) throws(CorpusError) -> Corpus {
        let url = URL(fileURLWithPath: data).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw CorpusError("\(data): no such file or folder (give a corpus with --data)")
        }
        let corpus: Corpus
        if isDirectory.boolValue {
            let manifest = url.appendingPathComponent(manifestName)
            let hasManifest = FileManager.default.fileExists(atPath: manifest.path)
            if layout == .csv || (layout == .auto && hasManifest) {
                guard hasManifest else {
                    throw CorpusError(
                        "\(data): no \(manifestName) in this folder (write one with path,emotion,speaker,gender)")
                }
                corpus = try read(manifest: manifest, name: url.lastPathComponent.lowercased(), chosenBy: layout)
            } else {
                corpus = try read(folder: url, data: data, layout: layout)
            }
        } else {
            if AudioFileScan.isAudioName(Array(url.lastPathComponent.utf8)) {
                throw CorpusError(
                    "\(data): an audio file; --data takes a corpus folder or a CSV manifest "
                        + "(serreport features reads single files)")
            }
            guard layout == .auto || layout == .csv else {
                throw CorpusError(
                    "\(data): corpus: \(layout.rawValue) reads a folder of audio files, and this is a file")
            }
            corpus = try read(
                manifest: url, name: url.deletingLastPathComponent().lastPathComponent.lowercased(), chosenBy: layout)
        }
        return try corpus.relabelled(labels)
    }

    /// The most emotions a corpus may have once `labels:` is applied. Speech-emotion corpora have a
    /// handful, a few dozen at the finest; thousands mean the emotion column holds something else
    /// (names, ids), and every model's confusion matrix grows with the square of the count.
    package static let maximumEmotions = 100

    /// The corpus with `labels` applied: emotions renamed, only the kept ones left, notes added.
    func relabelled(_ labels: LabelMapping) throws(CorpusError) -> Corpus {
        let (mapped, labelNotes) = labels.apply(to: clips)
        let emotions = Set(mapped.map(\.emotion))
        if emotions.count > Self.maximumEmotions {
            let examples = emotions.sorted().prefix(3).joined(separator: ", ")
            throw CorpusError(
                "\(name): \(emotions.count) different emotions (\(examples), …); serreport trains at most "
                    + "\(Self.maximumEmotions). Does the emotion column hold the emotions? (labels.keep picks some)")
        }
        if mapped.isEmpty, !clips.isEmpty {
            let emotions = Set(clips.map { labels.map[$0.emotion] ?? $0.emotion }).sorted()
            throw CorpusError(
                "labels.keep: \(labels.keep.joined(separator: ", ")) leaves no clips of \(name); "
                    + "its emotions are \(emotions.joined(separator: ", "))")
        }
        var corpus = self
        corpus.clips = mapped
        corpus.notes += labelNotes
        corpus.notes += Self.lookalikeNotes(mapped)
        return corpus
    }

    /// Emotions whose names differ only in letter case (`Angry`, `angry`): separate classes that look
    /// like one in every table, so the report says so and how to merge them.
    static func lookalikeNotes(_ clips: [Clip]) -> [String] {
        let counts = Dictionary(grouping: clips, by: \.emotion).mapValues(\.count)
        let groups = Dictionary(grouping: counts.keys, by: { $0.lowercased() }).values.filter { $0.count > 1 }
        return groups.map { $0.sorted() }.sorted { $0[0] < $1[0] }.map { names in
            let listed = names.map { name in
                let count = counts[name] ?? 0
                return "'\(name)' (\(count) clip\(count == 1 ? "" : "s"))"
            }.joined(separator: ", ")
            let merge = names.dropFirst().map { "\($0): \(names[0])" }.joined(separator: ", ")
            return "The emotions \(listed) differ only in letter case and are separate classes; if they are one, "
                + "merge them with labels.map: {\(merge)}."
        }
    }
}
