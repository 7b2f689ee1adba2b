/// The plainest layout: one folder per emotion, audio files directly inside (`angry/clip01.wav`), as
/// many ad-hoc corpora and Keras/torchvision-style "one folder per class" datasets are kept.
///
/// The label is the folder's name as written; folder names say nothing of speakers, so speaker and
/// gender are empty (training then falls back to stratified folds, and the report says so).
struct EmotionFolderNaming: CorpusNaming {
    static let pattern = "EMOTION/file.wav, one folder per emotion (folders)"

    func read(_ file: AudioPath) -> NameReading {
        guard file.components.count == 2 else { return .foreign }
        return .labelled(emotion: file.components[0], speaker: "", gender: "")
    }
}
