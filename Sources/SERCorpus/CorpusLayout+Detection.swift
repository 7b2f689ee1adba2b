import Foundation

/// How many of a folder's audio files one layout's naming recognises.
private struct LayoutFit {
    let layout: CorpusLayout
    let naming: any CorpusNaming
    let count: Int
}

/// The naming a folder's audio files are read with, and the sentence saying why.
struct LayoutChoice {
    let layout: CorpusLayout
    let naming: any CorpusNaming
    /// "ravdess: 720 of 722 audio files are named like MM-VV-EE-II-SS-RR-AA.wav (RAVDESS)".
    let reason: String
}

extension CorpusLayout {
    /// Picks the standard corpus whose naming fits the most audio files (ties go to the earlier one in
    /// `detectionOrder`), as long as it fits at least half of them; failing that, `folders` when at
    /// least half the files sit in emotion folders (folder names say less than a corpus's names, so
    /// that layout is the fallback); failing that, the error lists the supported layouts.
    static func detect(files: [AudioPath], root: URL, data: String) throws(CorpusError) -> LayoutChoice {
        guard !files.isEmpty else {
            throw CorpusError(
                "\(data): no \(Corpus.manifestName) and no audio files (wav, flac, ogg, mp3) in this folder. "
                    + "Supported layouts: \(supportedLayouts)")
        }
        let named = detectionOrder.filter { $0 != .folders }.compactMap { layout in
            layout.naming(root: root, files: files).map {
                LayoutFit(layout: layout, naming: $0, count: fitCount($0, files))
            }
        }
        // The first of the largest: ties go to the earlier layout.
        let best = named.dropFirst().reduce(named[0]) { best, fit in fit.count > best.count ? fit : best }
        if best.count > 0, best.count * 2 >= files.count {
            var reason = "\(best.layout.rawValue): " + best.layout.fitSentence(best.count, of: files)
            let tied = named.filter { $0.count == best.count && $0.layout != best.layout }.map(\.layout.rawValue)
            if !tied.isEmpty {
                reason +=
                    "; \(tied.joined(separator: ", ")) fits as many, and \(best.layout.rawValue) comes first in the "
                    + "fixed order \(detectionOrder.map(\.rawValue).joined(separator: ", "))"
            }
            return LayoutChoice(layout: best.layout, naming: best.naming, reason: reason)
        }
        let inFolders = emotionFolderCount(files)
        if inFolders > 0, inFolders * 2 >= files.count {
            return LayoutChoice(
                layout: .folders, naming: EmotionFolderNaming(),
                reason: "folders: " + CorpusLayout.folders.fitSentence(inFolders, of: files))
        }
        let leader = inFolders > best.count ? "folders" : best.layout.rawValue
        let most = max(inFolders, best.count)
        let closest = most > 0 ? " (the most, \(most), fit \(leader))" : ""
        throw CorpusError(
            "\(data): not a corpus layout serreport recognises: of its \(files.count) audio files, "
                + "too few are named like one corpus\(closest). Supported layouts: \(supportedLayouts). "
                + "Choose one with corpus: in serreport.yml or --set corpus=NAME, or write a \(Corpus.manifestName)")
    }

    /// The layout the `corpus:` setting names, with how many files fit it; an error when none does.
    func chosen(files: [AudioPath], root: URL, data: String) throws(CorpusError) -> LayoutChoice {
        guard let naming = naming(root: root, files: files), case let count = Self.fitCount(naming, files),
            count > 0
        else {
            throw CorpusError(
                "\(data): corpus: \(rawValue), but none of its \(files.count) audio files is named like "
                    + "\(pattern). Supported layouts: \(Self.supportedLayouts)")
        }
        return LayoutChoice(
            layout: self, naming: naming,
            reason: "\(rawValue): set by corpus: \(rawValue); " + fitSentence(count, of: files))
    }

    /// How many files a layout's naming recognises as its own (named like it, labelled or not).
    static func fitCount(_ naming: any CorpusNaming, _ files: [AudioPath]) -> Int {
        files.filter { naming.read($0) != .foreign }.count
    }

    /// How many files sit directly in emotion folders, when there are at least two such folders:
    /// detection does not take one folder of clips for one folder per emotion.
    static func emotionFolderCount(_ files: [AudioPath]) -> Int {
        let inFolders = files.filter { $0.components.count == 2 }
        return Set(inFolders.map { $0.components[0] }).count < 2 ? 0 : inFolders.count
    }

    /// "720 of 722 audio files are named like MM-VV-EE-II-SS-RR-AA.wav (RAVDESS)".
    func fitSentence(_ count: Int, of files: [AudioPath]) -> String {
        guard self == .folders else {
            return "\(count) of \(files.count) audio files are named like \(pattern)"
        }
        let folders = Set(files.filter { $0.components.count == 2 }.map { $0.components[0] }).sorted()
        return "\(count) of \(files.count) audio files sit directly in one of \(folders.count) folders, "
            + "read as emotions: \(folders.joined(separator: ", "))"
    }
}
