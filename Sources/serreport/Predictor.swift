import Foundation
import SERAudio
import SERCells
import SERDSP
import SERLearn
import SERParallel

/// One file's predicted emotion with every class's probability.
struct Prediction: Sendable {
    var file: String
    var emotion: String
    var model: String
    /// Class names and probabilities, in the model's class order.
    var probabilities: [(emotion: String, probability: Double)]
}

/// `serreport predict`: a built report's saved model, scaler and settings applied to new files —
/// the same load → process → extract as the build, the same speaker normalisation and scaling, then
/// the model.
struct Predictor: Sendable {
    let folder: String
    let settings: Settings
    let labels: [String]
    let scaler: ScalerFile
    let model: ModelKind
    /// The short name of the model used (rf, xgb, svm, mlp).
    var modelName: String { model.rawValue }

    /// Reads `report/models/`; `model` picks one by short name, otherwise the report's best.
    init(report: String, model: String?) throws(CellError) {
        folder = report + "/models"
        do {
            let decoder = JSONDecoder()
            let file = folder + "/settings.json"
            settings = try Settings.saved(json: String(decoding: try Self.read(file), as: UTF8.self), file: file)
            labels = try decoder.decode([String].self, from: try Self.read(folder + "/labels.json"))
            scaler = try decoder.decode(ScalerFile.self, from: try Self.read(folder + "/scaler.json"))
            let name: String
            if let model {
                name = model
            } else {
                struct Best: Decodable { let best: String }
                name = try decoder.decode(Best.self, from: try Self.read(report + "/metrics.json")).best
            }
            guard let kind = ModelKind(rawValue: name) else {
                throw CellError(cell: "predict", message: "\(name): no such model (rf, xgb, svm, mlp)")
            }
            self.model = kind
        } catch let error as CellError {
            throw error
        } catch {
            throw CellError(cell: "predict", message: "\(report): not a report with trained models (\(error))")
        }
    }

    /// Predicts every file; with `sameSpeaker`, the files are speaker-normalised together as one
    /// speaker's clips, otherwise each with the training corpus's typical speaker statistics.
    func predict(paths: [String], sameSpeaker: Bool, jobs: Int) throws(CellError) -> [Result<
        Prediction, ClipError
    >] {
        let settings = self.settings
        let analyses = ParallelJobs.map(
            count: paths.count, workers: jobs, makeState: { settings.clipAnalyzer() },
            body: { analyzer, index in Result { () throws(ClipError) in try analyzer.analyze(path: paths[index]) } })
        var good: [Int] = []
        var rows: [[Double]] = []
        for (index, analysis) in analyses.enumerated() {
            guard case .success(let clip) = analysis else { continue }
            guard clip.features.summary.allSatisfy(\.isFinite) else { continue }
            good.append(index)
            rows.append(clip.features.summary)
        }
        var predicted: [Int: Prediction] = [:]
        if !rows.isEmpty {
            var features = Matrix(rows: rows)
            if scaler.speakerNormalization {
                if sameSpeaker && rows.count >= 2 {
                    features = SpeakerNormalization.normalized(
                        features, speakers: Array(repeating: "s", count: rows.count))
                } else if let mean = scaler.typicalSpeakerMean, let scale = scaler.typicalSpeakerScale {
                    features = SpeakerNormalization.normalized(features, mean: mean, scale: scale)
                }
            }
            features = SpeakerNormalization.normalized(features, mean: scaler.mean, scale: scaler.scale)
            let classifier = try loadModel()
            let output: (labels: [Int], probabilities: Matrix)
            do {
                output = try classifier.predict(features)
            } catch {
                throw CellError(cell: "predict", message: "\(model.title): \(error)")
            }
            for (position, index) in good.enumerated() {
                predicted[index] = Prediction(
                    file: paths[index], emotion: labels[output.labels[position]], model: model.rawValue,
                    probabilities: labels.indices.map { (labels[$0], output.probabilities[position, $0]) })
            }
        }
        return analyses.indices.map { index in
            if let prediction = predicted[index] { return .success(prediction) }
            if case .failure(let error) = analyses[index] { return .failure(error) }
            return .failure(ClipError(path: paths[index], reason: "a feature is NaN or infinite"))
        }
    }

    private func loadModel() throws(CellError) -> any TrainedClassifier {
        do {
            let decoder = JSONDecoder()
            switch model {
            case .rf:
                return RandomForest(
                    forest: try decoder.decode(DecisionForest.self, from: try Self.read(folder + "/rf.json")))
            case .mlp:
                return NeuralNetwork(
                    weights: try decoder.decode(MLPWeights.self, from: try Self.read(folder + "/mlp.json")))
            case .xgb: return try model.load(from: folder + "/xgb.json", classCount: labels.count)
            case .svm: return try model.load(from: folder + "/svm.model", classCount: labels.count)
            }
        } catch {
            throw CellError(cell: "predict", message: "\(folder): cannot load the \(model.title) model (\(error))")
        }
    }

    private static func read(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }
}
