package import Foundation
package import SERLearn

/// `models/scaler.json`: how to turn a clip's 82 summary values into what the models take.
///
/// With speaker normalisation, a clip's features are first z-scored by its speaker's own statistics
/// (or, for a speaker with one clip, by `typical_speaker_mean` / `typical_speaker_scale`), then by
/// `mean` / `scale`. Decoding checks every list against the feature names (same length, finite,
/// scales above 0), so a decoded scaler never indexes past its lists or divides by zero.
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
        speakerNormalization = training.finalNormalization.applied
        typicalSpeakerMean = training.typicalSpeaker?.mean
        typicalSpeakerScale = training.typicalSpeaker?.scale
    }

    /// Decodes the scaler and checks it (see the type's documentation).
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        featureNames = try container.decode([String].self, forKey: .featureNames)
        mean = try container.decode([Double].self, forKey: .mean)
        scale = try container.decode([Double].self, forKey: .scale)
        speakerNormalization = try container.decode(Bool.self, forKey: .speakerNormalization)
        typicalSpeakerMean = try container.decodeIfPresent([Double].self, forKey: .typicalSpeakerMean)
        typicalSpeakerScale = try container.decodeIfPresent([Double].self, forKey: .typicalSpeakerScale)
        try check()
    }

    /// The scaler `json` holds, checked; any fault is one ``LearnError`` line.
    package static func load(json: Data) throws(LearnError) -> ScalerFile {
        try SavedModelFile.decode(ScalerFile.self, from: json)
    }

    /// Throws unless there is at least one feature (within ``SavedModelLimits``), each named once,
    /// every list has one finite entry per feature and every scale is above 0, and the typical
    /// speaker's mean and scale are both given or both left out.
    package func check() throws(LearnError) {
        let count = featureNames.count
        guard (1...SavedModelLimits.features).contains(count) else {
            throw LearnError(
                .malformedModel, "feature_names has \(count) names; allowed: 1 to \(SavedModelLimits.features)")
        }
        guard Set(featureNames).count == count else {
            throw LearnError(.malformedModel, "feature_names names a feature twice")
        }
        guard (typicalSpeakerMean == nil) == (typicalSpeakerScale == nil) else {
            throw LearnError(
                .malformedModel, "typical_speaker_mean and typical_speaker_scale must be given together")
        }
        let lists: [(String, [Double]?)] = [
            ("mean", mean), ("scale", scale), ("typical_speaker_mean", typicalSpeakerMean),
            ("typical_speaker_scale", typicalSpeakerScale),
        ]
        for case (let name, let values?) in lists {
            guard values.count == count else {
                throw LearnError(.malformedModel, "\(name) has \(values.count) entries, feature_names has \(count)")
            }
            guard values.allSatisfy(\.isFinite) else {
                throw LearnError(.malformedModel, "\(name) holds a value that is not a finite number")
            }
        }
        let scales: [(String, [Double]?)] = [("scale", scale), ("typical_speaker_scale", typicalSpeakerScale)]
        for case (let name, let values?) in scales {
            if let index = values.firstIndex(where: { $0 <= 0 }) {
                throw LearnError(
                    .malformedModel, "\(name)[\(index)] is \(values[index]); a scale must be above 0")
            }
        }
    }
}
