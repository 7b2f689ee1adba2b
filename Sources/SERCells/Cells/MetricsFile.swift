import Foundation

/// What `metrics.json` holds: every model's scores keyed by short name, the best model and the protocol
/// (written by the evaluate cell, read back by `serreport diff`).
struct MetricsFile: Codable {
    struct ClassScore: Codable {
        var precision: Double
        var recall: Double
        var f1: Double
        var support: Int
    }

    struct FoldScore: Codable {
        var accuracy: Double
        var uar: Double
        var macroF1: Double
        enum CodingKeys: String, CodingKey {
            case accuracy, uar
            case macroF1 = "macro_f1"
        }
    }

    struct Model: Codable {
        var title: String
        /// Pooled over every test fold.
        var accuracy: Double
        var uar: Double
        var macroF1: Double
        var perClass: [String: ClassScore]
        var confusion: [[Int]]
        var labels: [String]
        var folds: [FoldScore]
        /// Mean and population standard deviation of the fold scores.
        var foldMean: FoldScore
        var foldStd: FoldScore
        var perSpeaker: [String: Double]
        enum CodingKeys: String, CodingKey {
            case title, accuracy, uar, confusion, labels, folds
            case macroF1 = "macro_f1"
            case perClass = "per_class"
            case foldMean = "fold_mean"
            case foldStd = "fold_std"
            case perSpeaker = "per_speaker"
        }
    }

    struct ProtocolInfo: Codable {
        var requested: String
        var used: String
        var folds: Int
        var seed: Int
        var speakerNormalization: Bool
        var notes: [String]
        enum CodingKeys: String, CodingKey {
            case requested, used, folds, seed, notes
            case speakerNormalization = "speaker_normalization"
        }
    }

    var models: [String: Model]
    var best: String
    var `protocol`: ProtocolInfo
    var clips: Int
    var excluded: [String: String]
}
