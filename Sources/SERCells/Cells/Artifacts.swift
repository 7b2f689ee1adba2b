import SERNotebook

/// The values the notebook's cells hand each other, each typed: a cell lists the ones it makes in
/// ``SERNotebook/Cell/outputs`` and the ones it reads in ``SERNotebook/Cell/inputs``, and the plan
/// checks every reader against its producer before anything runs.
enum Artifacts {
    /// Every clip the load cell could use, with what decoding found.
    static let clips = ArtifactKey<[LoadedClip]>("clips.json", of: LoadCell.name)
    /// Where each processed clip's samples are stored, and what processing did.
    static let processed = ArtifactKey<[ProcessedRecord]>("processed.json", of: ProcessCell.name)
    /// The feature table: names and one row per clip.
    static let features = ArtifactKey<FeatureTableRecord>("features.json", of: ExtractCell.name)
    /// Each clip's frame vectors, for the models that learn from frames (empty without one).
    static let sequences = ArtifactKey<FrameSequencesRecord>("sequences.json", of: ExtractCell.name)
    /// Each clip's log-mel spectrogram, for the `cnn` model (empty without it).
    static let logMels = ArtifactKey<FrameSequencesRecord>("log-mels.json", of: ExtractCell.name)
    /// Every model's cross-validated predictions and the folds.
    static let training = ArtifactKey<TrainingRecord>("training.json", of: TrainCell.name)
    /// Fit times, for run.json.
    static let times = ArtifactKey<RunTimes>("times.json", of: TrainCell.name)
    /// The best model's scores, for the report's header and `--fail-under`.
    static let headline = ArtifactKey<Headline>("headline.json", of: EvaluateCell.name)
}
