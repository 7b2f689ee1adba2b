import Foundation
import SERLearn
import SERReport

/// What `metrics.json` holds: every model's scores keyed by short name, the best model and the protocol.
struct MetricsFile: Encodable {
    struct ClassScore: Encodable {
        var precision: Double
        var recall: Double
        var f1: Double
        var support: Int
    }

    struct FoldScore: Encodable {
        var accuracy: Double
        var uar: Double
        var macroF1: Double
        enum CodingKeys: String, CodingKey {
            case accuracy, uar
            case macroF1 = "macro_f1"
        }
    }

    struct Spread: Encodable {
        var mean: Double
        var std: Double
    }

    struct Model: Encodable {
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

    struct ProtocolInfo: Encodable {
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

extension Training {
    /// Per-speaker accuracy of one model's cross-validated predictions, speakers in name order.
    func speakerAccuracy(_ evaluation: ModelEvaluationResult, results: [(clip: Clip, run: ClipAnalysis)])
        -> [(speaker: String, accuracy: Double)]
    {
        var tally: [String: (correct: Int, total: Int)] = [:]
        for (position, row) in rows.enumerated() where evaluation.predictions[position].fold >= 0 {
            let clip = results[row].clip
            guard !clip.speaker.isEmpty else { continue }
            let correct = evaluation.predictions[position].label == classNames.firstIndex(of: clip.emotion)
            tally[clip.speaker, default: (0, 0)].total += 1
            if correct { tally[clip.speaker, default: (0, 0)].correct += 1 }
        }
        return tally.keys.sorted().map { ($0, Double(tally[$0]!.correct) / Double(tally[$0]!.total)) }
    }

    func metrics(results: [(clip: Clip, run: ClipAnalysis)], settings: Settings) -> MetricsFile {
        func rounded(_ value: Double) -> Double { (value * 1e6).rounded() / 1e6 }
        func fold(_ scores: ClassificationScores) -> MetricsFile.FoldScore {
            .init(accuracy: rounded(scores.accuracy), uar: rounded(scores.uar), macroF1: rounded(scores.macroF1))
        }
        func spread(_ values: [Double]) -> (Double, Double) {
            let mean = values.reduce(0, +) / Double(max(values.count, 1))
            let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(max(values.count, 1))
            return (rounded(mean), rounded(variance.squareRoot()))
        }
        var models: [String: MetricsFile.Model] = [:]
        for evaluation in evaluations {
            let scores = evaluation.scores
            let accuracy = spread(evaluation.foldScores.map(\.accuracy))
            let uar = spread(evaluation.foldScores.map(\.uar))
            let f1 = spread(evaluation.foldScores.map(\.macroF1))
            models[evaluation.kind.rawValue] = MetricsFile.Model(
                title: evaluation.kind.title, accuracy: rounded(scores.accuracy), uar: rounded(scores.uar),
                macroF1: rounded(scores.macroF1),
                perClass: Dictionary(
                    uniqueKeysWithValues: zip(classNames, scores.perClass).map {
                        (
                            $0,
                            MetricsFile.ClassScore(
                                precision: rounded($1.precision), recall: rounded($1.recall), f1: rounded($1.f1),
                                support: $1.support)
                        )
                    }),
                confusion: scores.confusion, labels: classNames, folds: evaluation.foldScores.map(fold),
                foldMean: .init(accuracy: accuracy.0, uar: uar.0, macroF1: f1.0),
                foldStd: .init(accuracy: accuracy.1, uar: uar.1, macroF1: f1.1),
                perSpeaker: Dictionary(
                    uniqueKeysWithValues: speakerAccuracy(evaluation, results: results).map {
                        ($0.speaker, rounded($0.accuracy))
                    }))
        }
        return MetricsFile(
            models: models, best: best?.kind.rawValue ?? "",
            protocol: .init(
                requested: plan.requested.rawValue, used: plan.used.rawValue, folds: plan.folds.count,
                seed: settings.train.seed, speakerNormalization: settings.train.speakerNormalization, notes: plan.notes),
            clips: rows.count,
            excluded: Dictionary(uniqueKeysWithValues: excluded.map { ($0.path, $0.reason) }))
    }

    /// `predictions.csv`: per clip and model, the fold it was tested in, the true and predicted emotion
    /// and every class's probability.
    func predictionsTable(results: [(clip: Clip, run: ClipAnalysis)]) -> CSVTable {
        var table = CSVTable(
            header: ["path", "speaker", "model", "fold", "true", "predicted"] + classNames.map { "p_\($0)" })
        for evaluation in evaluations {
            for (position, row) in rows.enumerated() {
                let prediction = evaluation.predictions[position]
                guard prediction.fold >= 0 else { continue }
                let clip = results[row].clip
                table.append(
                    [
                        clip.path, clip.speaker, evaluation.kind.rawValue, "\(prediction.fold)", clip.emotion,
                        classNames[prediction.label],
                    ]
                        + prediction.probabilities.map { "\((($0 * 1e6).rounded() / 1e6))" })
            }
        }
        return table
    }

    /// Writes `metrics.json`, `predictions.csv` and `models/` (each model in its library's format, the
    /// scaler and the label list) into `folder`.
    func write(to folder: String, results: [(clip: Clip, run: ClipAnalysis)], settings: Settings) throws(CellError) {
        let models = folder + "/models"
        do {
            try FileManager.default.createDirectory(atPath: models, withIntermediateDirectories: true)
            try OutputText.write(try json(metrics(results: results, settings: settings)), to: folder + "/metrics.json")
            try predictionsTable(results: results).write(to: folder + "/predictions.csv")
            try OutputText.write(try json(ScalerFile(self, settings: settings)), to: models + "/scaler.json")
            try OutputText.write(try json(classNames), to: models + "/labels.json")
            // The corpus location is not part of how a clip is turned into features: leave it out.
            var saved = settings
            saved.data = ""
            try OutputText.write(try json(saved), to: models + "/settings.json")
            try OutputText.write(try json(RunFile(self)), to: folder + "/run.json")
            for model in finalModels {
                switch model.kind {
                case .rf:
                    if let forest = (model as? RandomForest)?.forest {
                        try OutputText.write(try json(forest), to: models + "/rf.json")
                    }
                case .xgb: try model.save(to: "\(models)/xgb.json")
                case .svm: try model.save(to: "\(models)/svm.model")
                case .mlp:
                    if let network = (model as? NeuralNetwork)?.network {
                        try OutputText.write(try json(network.weights), to: models + "/mlp.json")
                    }
                }
            }
        } catch let error as ReportError {
            throw CellError(cell: "evaluate", message: error.description)
        } catch {
            throw CellError(cell: "evaluate", message: "\(folder): \(error)")
        }
    }

    private func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}

/// `models/scaler.json`: how to turn a clip's 82 summary values into what the models take.
///
/// With speaker normalisation, a clip's features are first z-scored by its speaker's own statistics
/// (or, for a speaker with one clip, by `typical_speaker_mean` / `typical_speaker_scale`), then by
/// `mean` / `scale`.
struct ScalerFile: Codable {
    var featureNames: [String]
    var mean: [Double]
    var scale: [Double]
    var speakerNormalization: Bool
    var typicalSpeakerMean: [Double]?
    var typicalSpeakerScale: [Double]?

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

/// `run.json`: what differs from run to run (times), kept out of the files that must be byte-identical.
struct RunFile: Encodable {
    /// Seconds spent fitting each model, summed over the folds of cross-validation.
    var fitSeconds: [String: Double]
    var crossValidationSeconds: Double
    var finalFitSeconds: Double

    enum CodingKeys: String, CodingKey {
        case fitSeconds = "fit_seconds"
        case crossValidationSeconds = "cross_validation_seconds"
        case finalFitSeconds = "final_fit_seconds"
    }

    init(_ training: Training) {
        func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        }
        fitSeconds = Dictionary(uniqueKeysWithValues: training.evaluations.map { ($0.kind.rawValue, $0.fitSeconds) })
        crossValidationSeconds = seconds(training.evaluateTime)
        finalFitSeconds = seconds(training.finalFitTime)
    }
}
