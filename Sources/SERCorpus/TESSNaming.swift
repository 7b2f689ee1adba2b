import Foundation

/// TESS file names: `OAF_angry/OAF_back_angry.wav` (Dupuis & Pichora-Fuller, Toronto Emotional
/// Speech Set, University of Toronto TSpace, https://tspace.library.utoronto.ca/handle/1807/24487).
///
/// Two actresses, both female: OAF (the older, aged 64) and YAF (the younger, aged 26), each saying
/// "Say the word ___" with 200 target words in seven emotions. A file is `SPEAKER_word_emotion.wav`
/// in a `SPEAKER_Emotion` folder. The name decides the label; the folders are spelt inconsistently in
/// the distributed copies (`OAF_Fear`, `YAF_fear`, `OAF_Pleasant_surprise`, `YAF_pleasant_surprised`,
/// `OAF_Sad`) and some copies nest them in `TESS Toronto emotional speech set data/`. Known variants:
/// - emotion words in names: angry, disgust, fear, happy, neutral, sad, and `ps` for pleasant
///   surprise (any case; the folder spellings are accepted in a name too);
/// - one file of OAF's is named with the speaker prefix `OA_` (`OAF_neutral/OA_bite_neutral.wav`).
///
/// Labels are the corpus documentation's nouns: anger, disgust, fear, happiness, neutral,
/// pleasant_surprise, sadness.
struct TESSNaming: CorpusNaming {
    static let pattern = "OAF_word_emotion.wav or YAF_word_emotion.wav (TESS)"

    static let emotions = [
        "angry": "anger", "anger": "anger", "disgust": "disgust", "fear": "fear", "happy": "happiness",
        "happiness": "happiness", "neutral": "neutral", "sad": "sadness", "sadness": "sadness",
        "ps": "pleasant_surprise", "pleasant_surprise": "pleasant_surprise",
        "pleasant_surprised": "pleasant_surprise",
    ]

    /// Speaker prefixes as written in names; `OA` is the one misspelt OAF file.
    static let speakers = ["OAF": "OAF", "YAF": "YAF", "OA": "OAF"]

    func read(_ file: AudioPath) -> NameReading {
        let parts = file.stem.split(separator: "_", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let speaker = Self.speakers[parts[0].uppercased()], parts[1].isLetters,
            !parts[2].isEmpty
        else { return .foreign }
        let word = parts[2].lowercased().replacingOccurrences(of: "-", with: "_")
        guard let emotion = Self.emotions[word] else {
            return .unlabelled(
                "emotion '\(parts[2])' is not one of TESS's angry, disgust, fear, happy, neutral, ps, sad")
        }
        return .labelled(emotion: emotion, speaker: speaker, gender: "female")
    }
}
