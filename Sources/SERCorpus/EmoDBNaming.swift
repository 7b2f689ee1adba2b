/// Berlin EmoDB file names: `wav/03a01Fa.wav` (Burkhardt et al., "A Database of German Emotional
/// Speech", Interspeech 2005; its documentation at http://emodb.bilderbar.info/docu/;
/// `../shared/data/emodb-2s/README.md`).
///
/// `SSTTTEV`: SS speaker (two digits), TTT text code (a01…b10), E emotion as its German initial —
/// W anger (Ärger/Wut), L boredom (Langeweile), E disgust (Ekel), A fear (Angst), F happiness
/// (Freude), T sadness (Trauer), N neutral — and V a version letter. The ten speakers and their
/// gender: 03 m, 08 f, 09 f, 10 m, 11 m, 12 m, 13 f, 14 f, 15 m, 16 f. The speaker is the two digits.
struct EmoDBNaming: CorpusNaming {
    static let pattern = "SSTTTEV.wav, e.g. 03a01Fa.wav (EmoDB)"

    static let emotions: [Character: String] = [
        "W": "anger", "L": "boredom", "E": "disgust", "A": "fear", "F": "happiness", "T": "sadness", "N": "neutral",
    ]
    static let genders = [
        "03": "male", "08": "female", "09": "female", "10": "male", "11": "male", "12": "male", "13": "female",
        "14": "female", "15": "male", "16": "female",
    ]

    func read(_ file: AudioPath) -> NameReading {
        let name = Array(file.stem)
        guard name.count == 7, name.allSatisfy(\.isASCII), String(name[0..<2]).isDigits(count: 2),
            name[2].isLowercase, String(name[3..<5]).isDigits(count: 2), name[5].isUppercase, name[6].isLowercase
        else { return .foreign }
        let speaker = String(name[0..<2])
        guard let gender = Self.genders[speaker] else {
            return .unlabelled("speaker \(speaker) is not one of EmoDB's 03, 08, 09, 10, 11, 12, 13, 14, 15, 16")
        }
        guard let emotion = Self.emotions[name[5]] else {
            return .unlabelled("emotion letter \(name[5]) is not one of EmoDB's W, L, E, A, F, T, N")
        }
        return .labelled(emotion: emotion, speaker: speaker, gender: gender)
    }
}
