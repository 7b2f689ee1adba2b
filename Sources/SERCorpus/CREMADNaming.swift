import CSV
import Foundation

/// CREMA-D file names: `AudioWAV/1001_DFA_ANG_XX.wav` (Cao et al., "CREMA-D: Crowd-sourced
/// Emotional Multimodal Actors Dataset", IEEE Trans. Affective Computing 5(4), 2014; the corpus's
/// README, "Filename labeling conventions", https://github.com/CheyneyComputerScience/CREMA-D).
///
/// `ActorID_Sentence_Emotion_Level`: a four-digit actor id (1001–1091), one of twelve three-letter
/// sentence codes, the emotion — ANG anger, DIS disgust, FEA fear, HAP happy/joy, NEU neutral,
/// SAD sad — and the emotion level LO, MD, HI or XX (unspecified). Labels use EmoDB's nouns:
/// anger, disgust, fear, happiness, neutral, sadness. The speaker is the actor id.
///
/// Names do not carry gender: it comes from the corpus's `VideoDemographics.csv` (ActorID, Age,
/// Sex, Race, Ethnicity) in the corpus folder or beside it (the repository keeps it next to
/// `AudioWAV/`); without it gender is left empty and a note says so. The repository also holds
/// `AudioMP3/`, MP3 copies of the same clips made for the raters: an MP3 whose WAV is present is
/// left out ("wav is used for files used for computational audio processing").
struct CREMADNaming: CorpusNaming {
    static let pattern = "ActorID_Sentence_Emotion_Level.wav, e.g. 1001_DFA_ANG_XX.wav (CREMA-D)"

    static let emotions = [
        "ANG": "anger", "DIS": "disgust", "FEA": "fear", "HAP": "happiness", "NEU": "neutral", "SAD": "sadness",
    ]
    static let levels: Set<String> = ["LO", "MD", "HI", "XX"]
    static let demographicsName = "VideoDemographics.csv"

    /// Gender by actor id, from `VideoDemographics.csv`; nil when there is none.
    let genders: [String: String]?
    /// Where the demographics came from, or why they could not be used.
    let demographicsNote: String
    /// The stems of the corpus's `.wav` files, to recognise MP3 copies.
    let wavStems: Set<String>

    init(root: URL, files: [AudioPath]) {
        wavStems = Set(files.filter { $0.relative.lowercased().hasSuffix(".wav") }.map(\.stem))
        let candidates = [root, root.deletingLastPathComponent()].map {
            $0.appendingPathComponent(Self.demographicsName)
        }
        guard let file = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
            genders = nil
            demographicsNote =
                "cremad: no \(Self.demographicsName) in the corpus folder or beside it, so gender is left empty "
                + "(CREMA-D file names do not carry it)"
            return
        }
        switch Self.readDemographics(file) {
        case .success(let table):
            genders = table
            demographicsNote = "cremad: gender from \(file.lastPathComponent) (\(table.count) actors)"
        case .failure(let error):
            genders = nil
            demographicsNote = "cremad: \(file.path) could not be used (\(error.reason)), so gender is left empty"
        }
    }

    func read(_ file: AudioPath) -> NameReading {
        let fields = file.stem.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 4, fields[0].isDigits(count: 4), fields[1].count == 3, fields[1].isLetters,
            fields[2].count == 3, fields[2].isLetters, fields[3].count == 2, fields[3].isLetters
        else { return .foreign }
        guard let emotion = Self.emotions[fields[2]] else {
            return .unlabelled("emotion \(fields[2]) is not one of CREMA-D's ANG, DIS, FEA, HAP, NEU, SAD")
        }
        guard Self.levels.contains(fields[3]) else {
            return .unlabelled("emotion level \(fields[3]) is not one of CREMA-D's LO, MD, HI, XX")
        }
        if file.relative.lowercased().hasSuffix(".mp3"), wavStems.contains(file.stem) {
            return .excluded("MP3 copies of clips present as WAV (the WAV is kept)")
        }
        return .labelled(emotion: emotion, speaker: fields[0], gender: genders?[fields[0]] ?? "")
    }

    func notes(clips: [Clip]) -> [String] {
        guard let genders else { return [demographicsNote] }
        let unlisted = Set(clips.map(\.speaker)).subtracting(genders.keys).sorted()
        guard !unlisted.isEmpty else { return [demographicsNote] }
        return [
            demographicsNote,
            "cremad: \(unlisted.count) actors are not in \(Self.demographicsName), so their gender is left empty: "
                + unlisted.joined(separator: ", "),
        ]
    }

    /// `ActorID` → `male` / `female` from the `Sex` column.
    static func readDemographics(_ file: URL) -> Result<[String: String], DemographicsError> {
        do {
            let text = try InputText.read(file.path, noun: "a CSV table", limit: 1 << 20)
            let reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: true)
            let header = reader.headerRow ?? []
            guard let actorColumn = header.firstIndex(of: "ActorID"), let sexColumn = header.firstIndex(of: "Sex")
            else { return .failure(DemographicsError(reason: "no ActorID and Sex columns")) }
            var genders: [String: String] = [:]
            while let row = reader.next() {
                guard actorColumn < row.count, sexColumn < row.count else { continue }
                let sex = row[sexColumn].lowercased()
                if sex == "male" || sex == "female" { genders[row[actorColumn]] = sex }
            }
            return .success(genders)
        } catch {
            return .failure(DemographicsError(reason: "\(error)"))
        }
    }

    struct DemographicsError: Error {
        let reason: String
    }
}
