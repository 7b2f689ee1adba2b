import Foundation
import SERLearn

/// Small models of every kind, fitted once on separable blobs (4 features, 3 classes), with the
/// bytes each saves: what `models/` would hold, for the hostile-file tests to damage.
struct SavedModels: Sendable {
    static let featureCount = 4
    static let classCount = 3

    /// The saved file of each kind.
    let files: [ModelKind: Data]
    /// Rows to predict, and what each freshly fitted model predicts for them.
    let test: Matrix
    let probabilities: [ModelKind: Matrix]

    static let shared: Result<SavedModels, any Error> = Result { try SavedModels() }

    private init() throws {
        let (train, labels) = ClassifierTests.blobs(rows: 90, seed: 3)
        (test, _) = ClassifierTests.blobs(rows: 12, seed: 4)
        var settings = ModelParameters()
        settings.rf.nEstimators = 8
        settings.xgb.nEstimators = 4
        settings.mlp.hiddenLayerSize = 6
        settings.mlp.maxIter = 20
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("serlearn-saved-\(UUID())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        var files: [ModelKind: Data] = [:]
        var probabilities: [ModelKind: Matrix] = [:]
        for kind in ModelKind.clipModels {
            let model = try kind.fit(
                features: train, labels: labels, classCount: Self.classCount, settings: settings, seed: 5)
            probabilities[kind] = try model.predict(test).probabilities
            switch model {
            case let forest as RandomForest: files[kind] = try JSONEncoder().encode(forest.forest)
            case let network as NeuralNetwork: files[kind] = try JSONEncoder().encode(network.network.weights)
            default:
                let path = scratch.appendingPathComponent(kind.fileName)
                try model.save(to: path.path)
                files[kind] = try Data(contentsOf: path)
            }
        }
        self.files = files
        self.probabilities = probabilities
    }

    /// The saved text of `kind` (libsvm text or JSON).
    func text(_ kind: ModelKind) -> String { String(decoding: files[kind]!, as: UTF8.self) }

    /// The saved JSON of `kind` as a mutable tree.
    func json(_ kind: ModelKind) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: files[kind]!) as! [String: Any]
    }

    /// Loads `data` as `kind`, by default with this fixture's feature and class counts.
    static func load(
        _ kind: ModelKind, _ data: Data, featureCount: Int = featureCount, classCount: Int = classCount
    ) throws(LearnError) -> any TrainedClassifier {
        try kind.load(data, featureCount: featureCount, classCount: classCount)
    }

    static func load(_ kind: ModelKind, _ text: String) throws(LearnError) -> any TrainedClassifier {
        try load(kind, Data(text.utf8))
    }

    static func load(_ kind: ModelKind, json: [String: Any]) throws -> any TrainedClassifier {
        try load(kind, try JSONSerialization.data(withJSONObject: json))
    }
}
