/// RAVDESS file names: `MM-VV-EE-II-SS-RR-AA.wav` in `Actor_NN` folders (Livingstone & Russo 2018,
/// PLoS ONE 13(5): e0196391, "Filename identifiers"; `../shared/data/ravdess-actors-01-12/README.md`).
///
/// - MM modality: 01 full audio-video, 02 video-only, 03 audio-only. Only audio-only files are kept;
///   a `.wav` with modality 01 or 02 was extracted from a video and duplicates an audio-only take.
/// - VV vocal channel: 01 speech, 02 song. Song is left out (other emotions, sung).
/// - EE emotion: 01 neutral, 02 calm, 03 happy, 04 sad, 05 angry, 06 fearful, 07 disgust, 08 surprised.
/// - II intensity, SS statement, RR repetition: 01 or 02 each (not needed for the label).
/// - AA actor 01–24: odd male, even female. The speaker is `Actor_AA`, as the corpus's folders name it.
struct RAVDESSNaming: CorpusNaming {
    static let pattern = "MM-VV-EE-II-SS-RR-AA.wav (RAVDESS)"

    static let emotions = [
        "01": "neutral", "02": "calm", "03": "happy", "04": "sad", "05": "angry", "06": "fearful", "07": "disgust",
        "08": "surprised",
    ]

    func read(_ file: AudioPath) -> NameReading {
        let fields = file.stem.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 7, fields.allSatisfy({ $0.isDigits(count: 2) }) else { return .foreign }
        let (modality, channel, emotionCode, actorCode) = (fields[0], fields[1], fields[2], fields[6])
        switch modality {
        case "03": break
        case "01", "02": return .excluded("video-derived (modality \(modality), not 03 audio-only)")
        default: return .unlabelled("modality \(modality) is not one of RAVDESS's 01, 02, 03")
        }
        switch channel {
        case "01": break
        case "02": return .excluded("song (vocal channel 02, not 01 speech)")
        default: return .unlabelled("vocal channel \(channel) is not one of RAVDESS's 01 speech, 02 song")
        }
        guard let emotion = Self.emotions[emotionCode] else {
            return .unlabelled("emotion \(emotionCode) is not one of RAVDESS's 01–08")
        }
        guard let actor = Int(actorCode), (1...24).contains(actor) else {
            return .unlabelled("actor \(actorCode) is not one of RAVDESS's 01–24")
        }
        return .labelled(emotion: emotion, speaker: "Actor_\(actorCode)", gender: actor % 2 == 1 ? "male" : "female")
    }
}
