import Foundation

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
        enum CodingKeys: String, CodingKey {
            case title, accuracy, uar, confusion, labels, folds
            case macroF1 = "macro_f1"
            case perClass = "per_class"
            case foldMean = "fold_mean"
            case foldStd = "fold_std"
            case perSpeaker = "per_speaker"
        }
    }

    package struct ProtocolInfo: Codable {
        package var requested: String
        package var used: String
        package var folds: Int
        package var seed: Int
        package var speakerNormalization: Bool
        package var notes: [String]
        enum CodingKeys: String, CodingKey {
            case requested, used, folds, seed, notes
            case speakerNormalization = "speaker_normalization"
        }
    }

    package var models: [String: Model]
    package var best: String
    package var `protocol`: ProtocolInfo
    package var clips: Int
    package var excluded: [String: String]
}
