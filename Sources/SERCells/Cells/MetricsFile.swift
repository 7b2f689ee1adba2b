import Foundation
package import SERLearn

/// What `metrics.json` holds: every model's scores keyed by short name, the best model and the protocol
/// (written by the evaluate cell, read back by `serreport diff`).
package struct MetricsFile: Codable {
    package struct ClassScore: Codable {
        package var precision: Double
        package var recall: Double
        package var f1: Double
        package var support: Int
    }

    package struct FoldScore: Codable {
        package var accuracy: Double
        package var uar: Double
        package var macroF1: Double
        enum CodingKeys: String, CodingKey {
            case accuracy, uar
            case macroF1 = "macro_f1"
        }
    }

    package struct Model: Codable {
        package var title: String
        /// Pooled over every test fold.
        package var accuracy: Double
        package var uar: Double
        package var macroF1: Double
        package var perClass: [String: ClassScore]
        package var confusion: [[Int]]
        package var labels: [String]
        package var folds: [FoldScore]
        /// Mean and population standard deviation of the fold scores.
        package var foldMean: FoldScore
        package var foldStd: FoldScore
        package var perSpeaker: [String: Double]
        /// Permutation importance per feature group, largest first; nil when not measured (and in older files).
        package var importance: [GroupImportance]?
        /// Permutation importance of the most important single features (logistic regression only), largest
        /// first; nil for other models, when not measured, and in older files.
        package var featureImportance: [FeatureImportanceEntry]?
        /// How a deep model trained in each fold; nil for the other models and in older files.
        package var training: DeepTraining?
        enum CodingKeys: String, CodingKey {
            case title, accuracy, uar, confusion, labels, folds, importance, training
            case featureImportance = "feature_importance"
            case macroF1 = "macro_f1"
            case perClass = "per_class"
            case foldMean = "fold_mean"
            case foldStd = "fold_std"
            case perSpeaker = "per_speaker"
        }
    }

    /// A deep model's training in each fold: its size, the epoch (0-based) whose weights each fold kept, and the
    /// training loss and validation speakers' UAR after every epoch (`[fold][epoch]`).
    package struct DeepTraining: Codable {
        package var parameters: Int
        package var chosenEpochs: [Int]
        package var trainingLoss: [[Double]]
        package var validationUAR: [[Double]]
        enum CodingKeys: String, CodingKey {
            case parameters
            case chosenEpochs = "chosen_epochs"
            case trainingLoss = "training_loss"
            case validationUAR = "validation_uar"
        }
    }

    /// One feature group's permutation importance: the UAR lost when its values are shuffled among the
    /// test clips, mean and population standard deviation over folds, and each fold's value.
    package struct GroupImportance: Codable {
        package var group: String
        package var uarDrop: Double
        package var std: Double
        package var folds: [Double]
        enum CodingKeys: String, CodingKey {
            case group, std, folds
            case uarDrop = "uar_drop"
        }
    }

    /// One feature's permutation importance: how much the test clips' cross-entropy rises when its values
    /// are shuffled among them, mean and population standard deviation over folds, and each fold's value.
    package struct FeatureImportanceEntry: Codable {
        package var feature: String
        package var crossEntropyRise: Double
        package var std: Double
        package var folds: [Double]
        enum CodingKeys: String, CodingKey {
            case feature, std, folds
            case crossEntropyRise = "cross_entropy_rise"
        }
    }

    package struct ProtocolInfo: Codable {
        package var requested: String
        package var used: String
        package var folds: Int
        package var seed: Int
        /// The setting: `auto`, `on` or `off` (`true`/`false` in files before `auto`, read as on/off).
        package var speakerNormalization: String
        /// Whether each fold's features were speaker-normalised, and why; empty in older files.
        package var speakerNormalizationFolds: [SpeakerNormalizationDecision]
        /// The same for the saved models, decided on every clip; nil in older files.
        package var speakerNormalizationFinal: SpeakerNormalizationDecision?
        package var notes: [String]
        enum CodingKeys: String, CodingKey {
            case requested, used, folds, seed, notes
            case speakerNormalization = "speaker_normalization"
            case speakerNormalizationFolds = "speaker_normalization_folds"
            case speakerNormalizationFinal = "speaker_normalization_final"
        }

        init(
            requested: String, used: String, folds: Int, seed: Int, speakerNormalization: String,
            speakerNormalizationFolds: [SpeakerNormalizationDecision],
            speakerNormalizationFinal: SpeakerNormalizationDecision?, notes: [String]
        ) {
            self.requested = requested
            self.used = used
            self.folds = folds
            self.seed = seed
            self.speakerNormalization = speakerNormalization
            self.speakerNormalizationFolds = speakerNormalizationFolds
            self.speakerNormalizationFinal = speakerNormalizationFinal
            self.notes = notes
        }

        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            requested = try container.decode(String.self, forKey: .requested)
            used = try container.decode(String.self, forKey: .used)
            folds = try container.decode(Int.self, forKey: .folds)
            seed = try container.decode(Int.self, forKey: .seed)
            notes = try container.decode([String].self, forKey: .notes)
            if let flag = try? container.decode(Bool.self, forKey: .speakerNormalization) {
                speakerNormalization = flag ? "on" : "off"
            } else {
                speakerNormalization = try container.decode(String.self, forKey: .speakerNormalization)
            }
            speakerNormalizationFolds =
                try container.decodeIfPresent([SpeakerNormalizationDecision].self, forKey: .speakerNormalizationFolds)
                ?? []
            speakerNormalizationFinal = try container.decodeIfPresent(
                SpeakerNormalizationDecision.self, forKey: .speakerNormalizationFinal)
        }
    }

    package var models: [String: Model]
    /// The model with the highest pooled UAR on the test folds (the report's first tile; `predict`'s
    /// default model).
    package var best: String
    /// How ``best`` was chosen: `test-max` (the highest pooled test UAR of the models compared, an
    /// optimistic pick) or `inner-cv`; older files have none.
    package var bestSelection: String?
    /// What ``bestSelection`` means, in a sentence.
    package var bestSelectionNote: String?
    package var `protocol`: ProtocolInfo
    package var clips: Int
    package var excluded: [String: String]

    enum CodingKeys: String, CodingKey {
        case models, best, `protocol`, clips, excluded
        case bestSelection = "best_selection"
        case bestSelectionNote = "best_selection_note"
    }
}
