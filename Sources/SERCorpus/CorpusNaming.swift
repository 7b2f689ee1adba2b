import Foundation

/// A corpus's file-naming convention: what a file's name (and folder) says about its clip.
///
/// One type per layout; each cites the documentation its naming follows. Reading a name never
/// touches the file: detection runs every naming over every file name.
protocol CorpusNaming: Sendable {
    /// How a file is named, for people: "MM-VV-EE-II-SS-RR-AA.wav (RAVDESS)".
    static var pattern: String { get }
    /// What the naming says about one file.
    func read(_ file: AudioPath) -> NameReading
    /// Lines for the report about the corpus as a whole, once its clips are read.
    func notes(clips: [Clip]) -> [String]
}

extension CorpusNaming {
    func notes(clips: [Clip]) -> [String] { [] }
}

extension CorpusLayout {
    /// The naming of a layout that reads file names, set up for one corpus folder and the audio files
    /// found in it (nil for auto, csv).
    func naming(root: URL, files: [AudioPath]) -> (any CorpusNaming)? {
        switch self {
        case .ravdess: RAVDESSNaming()
        case .tess: TESSNaming()
        case .savee: SAVEENaming()
        case .emodb: EmoDBNaming()
        case .cremad: CREMADNaming(root: root, files: files)
        case .folders: EmotionFolderNaming()
        case .auto, .csv: nil
        }
    }

    /// How files are named in this layout, for people.
    var pattern: String {
        switch self {
        case .ravdess: RAVDESSNaming.pattern
        case .tess: TESSNaming.pattern
        case .savee: SAVEENaming.pattern
        case .emodb: EmoDBNaming.pattern
        case .cremad: CREMADNaming.pattern
        case .folders: EmotionFolderNaming.pattern
        case .auto: "detected"
        case .csv: "manifest.csv in the folder, or a .csv file: path,emotion[,speaker,gender]"
        }
    }
}

/// What a naming convention says about one audio file.
enum NameReading: Equatable, Sendable {
    /// A clip of the corpus. `gender` is `male`, `female` or empty.
    case labelled(emotion: String, speaker: String, gender: String)
    /// Named like the corpus, and deliberately left out; the reason groups such files in one note
    /// ("song (vocal channel 02)").
    case excluded(String)
    /// Named like the corpus, but a field does not say what it should (the reason says which).
    case unlabelled(String)
    /// Not named like this corpus at all.
    case foreign
}

/// An audio file found under a corpus root, by its path relative to the root (`/`-separated).
struct AudioPath: Sendable, Hashable {
    let relative: String
    /// The folders and the file name.
    let components: [String]

    init(_ relative: String) {
        self.relative = relative
        components = relative.split(separator: "/").map(String.init)
    }

    /// The file name without its extension: `03-01-01-01-01-01-01`.
    var stem: String {
        let name = components.last ?? ""
        guard let dot = name.lastIndex(of: ".") else { return name }
        return String(name[..<dot])
    }

    /// The name of the folder holding the file, nil at the root.
    var folder: String? { components.count >= 2 ? components[components.count - 2] : nil }
}

extension String {
    /// True when every character is an ASCII digit and there are `count` of them.
    func isDigits(count: Int) -> Bool {
        utf8.count == count && utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    /// True when every character is an ASCII letter.
    var isLetters: Bool {
        !isEmpty && utf8.allSatisfy { (65...90).contains($0) || (97...122).contains($0) }
    }
}
