package import Foundation

extension Corpus {
    /// Reads a folder of audio files with the naming of `layout` (detected when `auto`): every audio
    /// file under it becomes a clip, is left out on purpose (counted in a note), or is rejected with
    /// its reason.
    static func read(folder root: URL, data: String, layout: CorpusLayout) throws(CorpusError) -> Corpus {
        let scan = AudioFileScan(root: root.path)
        var corpus = try read(files: scan.files, problems: scan.problems, root: root, data: data, layout: layout)
        if scan.passedOver.count > 0 {
            let files = scan.passedOver.count == 1 ? "1 file" : "\(scan.passedOver.count) files"
            corpus.notes.append(
                "passed over \(files) not named like audio (\(scan.passedOver.examples.joined(separator: ", "))"
                    + (scan.passedOver.count > scan.passedOver.examples.count ? ", …" : "")
                    + "); audio is read from "
                    + AudioFileScan.audioExtensions.sorted().map { "." + $0 }.joined(separator: " "))
        }
        return corpus
    }

    /// Reads file names as a folder holding them is read, without touching a file (CREMA-D's
    /// demographics table aside): `names` are paths relative to `root`. What the fuzz target
    /// `fuzz-corpus-names` feeds every layout's naming with.
    package static func read(names: [String], root: URL, layout: CorpusLayout) throws(CorpusError) -> Corpus {
        try read(files: names.map(AudioPath.init), problems: [], root: root, data: root.path, layout: layout)
    }

    private static func read(
        files: [AudioPath], problems: [SkippedFile], root: URL, data: String, layout: CorpusLayout
    ) throws(CorpusError) -> Corpus {
        let choice =
            layout == .auto
            ? try CorpusLayout.detect(files: files, root: root, data: data)
            : try layout.chosen(files: files, root: root, data: data)
        var clips: [Clip] = []
        var rejected = problems
        var excluded: [String: Int] = [:]
        for file in files {
            switch choice.naming.read(file) {
            case .labelled(let emotion, let speaker, let gender):
                clips.append(
                    Clip(
                        path: file.relative, location: root.appendingPathComponent(file.relative).path,
                        emotion: emotion, speaker: speaker, gender: gender))
            case .excluded(let group):
                excluded[group, default: 0] += 1
            case .unlabelled(let reason):
                rejected.append(SkippedFile(path: file.relative, reason: "unlabelled: \(reason)"))
            case .foreign:
                rejected.append(
                    SkippedFile(
                        path: file.relative, reason: "unlabelled: name does not follow \(choice.layout.pattern)"))
            }
        }
        var notes = [choice.reason]
        if !excluded.isEmpty {
            let total = excluded.values.reduce(0, +)
            let groups = excluded.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
            notes.append(
                "\(choice.layout.rawValue): \(total) of \(files.count) audio files left out on purpose: "
                    + groups.joined(separator: "; "))
        }
        notes += choice.naming.notes(clips: clips)
        return Corpus(
            name: root.lastPathComponent.lowercased(), root: root, clips: clips,
            rejected: rejected.sorted { $0.path < $1.path }, adapter: choice.layout.rawValue, notes: notes)
    }
}
