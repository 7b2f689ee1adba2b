import SERSettings

/// How a corpus folder is laid out, so its clips' emotion, speaker and gender can be read: one of the
/// standard corpora's own naming conventions, one folder per emotion, or a CSV manifest; `auto`
/// detects which (`corpus:` in `serreport.yml`).
///
/// Emotion names are each corpus's own. RAVDESS and EmoDB use the names their documentation and
/// `../shared/data/*/LABELS.csv` use (RAVDESS: neutral, calm, happy, sad, angry, fearful, disgust,
/// surprised; EmoDB: anger, boredom, disgust, fear, happiness, neutral, sadness). TESS, SAVEE and
/// CREMA-D use EmoDB's nouns for the same emotions (anger, disgust, fear, happiness, neutral,
/// sadness, plus SAVEE's surprise and TESS's pleasant_surprise), so one `labels.map` serves them all.
/// `folders` uses the folder names as written; `csv` the manifest's emotion column.
package enum CorpusLayout: String, CaseIterable, Codable, Sendable, SettingEnum {
    case auto, ravdess, tess, savee, emodb, cremad, folders, csv

    /// The layouts detection tries on a folder without a manifest, in the order that breaks ties: the
    /// standard corpora's names (they carry speaker and gender), then the bare folder layout.
    static let detectionOrder: [CorpusLayout] = [.ravdess, .tess, .savee, .emodb, .cremad, .folders]

    /// One line per layout a folder can be read as, for the error an unrecognised folder gets.
    static var supportedLayouts: String {
        (detectionOrder + [.csv]).map { "\($0.rawValue) (\($0.pattern))" }.joined(separator: "; ")
    }
}
