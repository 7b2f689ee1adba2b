import SERLearn

/// `models/scaler.json`: how to turn a clip's 82 summary values into what the models take.
///
/// With speaker normalisation, a clip's features are first z-scored by its speaker's own statistics
/// (or, for a speaker with one clip, by `typical_speaker_mean` / `typical_speaker_scale`), then by
/// `mean` / `scale`.
package struct ScalerFile: Codable {
    package var featureNames: [String]
    package var mean: [Double]
    package var scale: [Double]
    package var speakerNormalization: Bool
    package var typicalSpeakerMean: [Double]?
    package var typicalSpeakerScale: [Double]?

    enum CodingKeys: String, CodingKey {
        case mean, scale
        case featureNames = "feature_names"
        case speakerNormalization = "speaker_normalization"
        case typicalSpeakerMean = "typical_speaker_mean"
        case typicalSpeakerScale = "typical_speaker_scale"
    }

    init(_ training: Training, settings: Settings) {
        featureNames = training.featureNames
        mean = training.scaler.mean
        scale = training.scaler.scale
        speakerNormalization = settings.train.speakerNormalization
        typicalSpeakerMean = training.typicalSpeaker?.mean
        typicalSpeakerScale = training.typicalSpeaker?.scale
    }
}
