/// SAVEE file names: `AudioData/DC/a01.wav` as distributed, or `DC_a01.wav` in the flattened copies
/// (Haq & Jackson, Surrey Audio-Visual Expressed Emotion database, 2009; its `AudioData/Info.txt`).
///
/// Four male speakers, DC, JE, JK and KL. "The initial letter(s) of the file name represents the
/// emotion class, and the following digits represent the sentence number": a anger, d disgust,
/// f fear, h happiness, n neutral, sa sadness, su surprise. Labels are those words.
struct SAVEENaming: CorpusNaming {
    static let pattern = "DC_a01.wav or DC/a01.wav, speakers DC, JE, JK, KL (SAVEE)"

    static let speakers: Set<String> = ["DC", "JE", "JK", "KL"]
    static let emotions = [
        "a": "anger", "d": "disgust", "f": "fear", "h": "happiness", "n": "neutral", "sa": "sadness", "su": "surprise",
    ]

    func read(_ file: AudioPath) -> NameReading {
        let stem = file.stem
        let speaker: String
        let code: String
        if let underscore = stem.firstIndex(of: "_"), Self.speakers.contains(String(stem[..<underscore]).uppercased()) {
            speaker = String(stem[..<underscore]).uppercased()
            code = String(stem[stem.index(after: underscore)...])
        } else if let folder = file.folder, Self.speakers.contains(folder.uppercased()) {
            speaker = folder.uppercased()
            code = stem
        } else {
            return .foreign
        }
        let letters = String(code.prefix { $0.isLetter })
        let digits = String(code.dropFirst(letters.count))
        guard (1...2).contains(letters.count), letters.isLetters, digits.isDigits(count: 2) else { return .foreign }
        guard let emotion = Self.emotions[letters.lowercased()] else {
            return .unlabelled("emotion code '\(letters)' is not one of SAVEE's a, d, f, h, n, sa, su")
        }
        return .labelled(emotion: emotion, speaker: speaker, gender: "male")
    }
}
