package import Foundation
import SERSettings

/// The model families serreport trains, by the short names files, `metrics.json` and `train.models` use.
package enum ModelKind: String, Sendable, CaseIterable, Codable, SettingEnum {
    case rf, xgb, svm, mlp, logreg, gru, fusion, cnn

    /// Whether this kind learns from each clip's sequence of frames (the deep models) rather than from one
    /// row of clip statistics.
    package var learnsFromFrames: Bool { self == .gru || self == .cnn }

    /// Whether this kind's frames are the clip's log-mel spectrogram (`cnn`) rather than its descriptors' frame
    /// vectors (`gru`).
    package var learnsFromLogMel: Bool { self == .cnn }

    /// Whether this kind combines the other models' probabilities (``LateFusion``) rather than learning itself.
    package var combinesModels: Bool { self == .fusion }

    /// The kinds that learn from a row of clip statistics (every kind but the deep ones and fusion).
    package static var clipModels: [ModelKind] { allCases.filter { !$0.learnsFromFrames && !$0.combinesModels } }

    /// The name people read.
    package var title: String {
        switch self {
        case .rf: "Random forest"
        case .xgb: "Boosted trees"
        case .svm: "SVM"
        case .mlp: "MLP"
        case .logreg: "Logistic regression"
        case .gru: "GRU"
        case .fusion: "Fusion"
        case .cnn: "CNN"
        }
    }

    /// When a fit of this kind starts among parallel fits: the usually longest first (measured on clip
    /// summaries of a few hundred clips: logistic regression's Newton steps over every feature, boosted
    /// trees, the forest, then the MLP and the SVM), so no long fit is left to run alone at the end. A
    /// scheduling hint only: no result depends on it.
    package var startRank: Int {
        switch self {
        case .logreg: 0
        case .xgb: 1
        case .rf: 2
        case .mlp: 3
        case .svm: 4
        case .gru: 5
        case .fusion: 6
        case .cnn: 7
        }
    }
}

/// A fitted model: predicted classes and class probabilities for standardised features.
package protocol TrainedClassifier: AnyObject {
    var kind: ModelKind { get }
    /// The predicted class of each row and the probability of every class.
    func predict(_ features: Matrix) throws -> (labels: [Int], probabilities: Matrix)
    /// Writes the model in its library's own format at `path` (the extension is the caller's).
    func save(to path: String) throws
}

extension ModelKind {
    /// Fits this kind of model on standardised `features` with labels in `0..<classCount`.
    package func fit(
        features: Matrix, labels: [Int], classCount: Int, settings: ModelParameters, seed: UInt64
    ) throws -> any TrainedClassifier {
        guard features.rows >= 2 else { throw LearnError(.tooFewRows, "\(title) needs at least 2 training clips") }
        guard features.isFinite else { throw LearnError(.nonFiniteValue, "the features hold NaN or infinite values") }
        switch self {
        case .rf:
            return try RandomForest(
                features: features, labels: labels, classCount: classCount, settings: settings, seed: seed)
        case .xgb:
            return try BoostedTrees(
                features: features, labels: labels, classCount: classCount, settings: settings, seed: seed)
        case .svm:
            return try SupportVectorMachine(
                features: features, labels: labels, classCount: classCount, settings: settings, seed: seed)
        case .mlp:
            return try NeuralNetwork(
                features: features, labels: labels, classCount: classCount, settings: settings.mlp, seed: seed)
        case .logreg:
            return try LogisticRegression(
                features: features, labels: labels, classCount: classCount, settings: settings.logreg)
        case .gru, .cnn:
            throw LearnError(.needsFrames, "the \(title) learns from frame sequences, not from clip statistics")
        case .fusion:
            throw LearnError(.needsFrames, "fusion combines the other models' probabilities; it has nothing to fit")
        }
    }
}

/// Breiman's random forest (``DecisionForest``), as scikit-learn's `RandomForestClassifier()`.
package final class RandomForest: TrainedClassifier {
    package let kind = ModelKind.rf
    package let forest: DecisionForest

    /// A forest read back from its JSON.
    package init(forest: DecisionForest) { self.forest = forest }

    init(features: Matrix, labels: [Int], classCount: Int, settings: ModelParameters, seed: UInt64) throws {
        forest = DecisionForest(
            features: features, labels: labels, classCount: classCount, trees: settings.rf.nEstimators, seed: seed)
    }

    package func predict(_ features: Matrix) throws -> (labels: [Int], probabilities: Matrix) {
        let probabilities = forest.probabilities(features)
        return ((0..<features.rows).map { probabilities.argmax(row: $0) }, probabilities)
    }

    /// The forest has no library format; the caller writes ``forest`` as JSON (scikit-learn's
    /// `tree_` arrays per tree).
    package func save(to path: String) throws {}
}

/// Gradient-boosted trees through XGBoost (`XGBClassifier` defaults: 100 rounds, η 0.3, depth 6, `hist`).
final class BoostedTrees: TrainedClassifier {
    let kind = ModelKind.xgb
    private let booster: XGBoostBooster

    init(features: Matrix, labels: [Int], classCount: Int, settings: ModelParameters, seed: UInt64) throws {
        booster = try XGBoostBooster(
            features: features, labels: labels, weights: nil, classCount: classCount,
            rounds: settings.xgb.nEstimators,
            parameters: [
                ("booster", "gbtree"), ("eta", "\(settings.xgb.learningRate)"),
                ("max_depth", "\(settings.xgb.maxDepth)"), ("max_bin", "64"),
            ], seed: seed)
    }

    /// Boosted trees saved as XGBoost JSON, checked first (``XGBoostModelJSON``).
    init(json: Data, featureCount: Int, classCount: Int) throws(LearnError) {
        booster = try XGBoostBooster(json: json, featureCount: featureCount, classCount: classCount)
    }

    func predict(_ features: Matrix) throws -> (labels: [Int], probabilities: Matrix) {
        let probabilities = try booster.probabilities(features)
        return ((0..<features.rows).map { probabilities.argmax(row: $0) }, probabilities)
    }

    func save(to path: String) throws { try booster.save(to: path) }
}

/// scikit-learn's `SVC(kernel="rbf", C=…, gamma="scale", class_weight="balanced", probability=True)`
/// through libsvm, the library `SVC` wraps.
final class SupportVectorMachine: TrainedClassifier {
    let kind = ModelKind.svm
    private let model: LibSVMModel

    init(features: Matrix, labels: [Int], classCount: Int, settings: ModelParameters, seed: UInt64) throws {
        let gamma = settings.svm.gamma.width(for: features)
        var weights: [Double]?
        if settings.svm.classWeight == .balanced {
            let counts = (0..<classCount).map { label in labels.filter { $0 == label }.count }
            weights = counts.map { $0 > 0 ? Double(labels.count) / (Double(classCount) * Double($0)) : 1 }
        }
        model = try LibSVMModel(
            features: features, labels: labels, classCount: classCount, c: settings.svm.c, gamma: gamma,
            classWeights: weights, seed: seed)
    }

    /// An SVM saved as libsvm model text, checked first (``LibSVMModel/validate(text:)``).
    init(text: String, featureCount: Int, classCount: Int) throws(LearnError) {
        model = try LibSVMModel(text: text, featureCount: featureCount, classCount: classCount)
    }

    func predict(_ features: Matrix) throws -> (labels: [Int], probabilities: Matrix) { model.predict(features) }

    /// The decision functions, for permutation importance's kernel shortcut.
    func votes(featureCount: Int) -> SupportVectorVotes? { model.votes(featureCount: featureCount) }

    func save(to path: String) throws { try model.save(to: path) }
}

/// The MLP as a ``TrainedClassifier``; its weights are saved as JSON by the caller (see ``MLPWeights``).
package final class NeuralNetwork: TrainedClassifier {
    package let kind = ModelKind.mlp
    package let network: MultilayerPerceptron

    /// An MLP read back from its saved weights; throws if their shapes disagree.
    package init(weights: MLPWeights) throws(LearnError) { network = try MultilayerPerceptron(weights: weights) }

    init(features: Matrix, labels: [Int], classCount: Int, settings: MLPSettings, seed: UInt64) throws {
        network = try MultilayerPerceptron(
            features: features, labels: labels, classCount: classCount, settings: settings, seed: seed)
    }

    package func predict(_ features: Matrix) throws -> (labels: [Int], probabilities: Matrix) {
        let probabilities = network.probabilities(features)
        return ((0..<features.rows).map { probabilities.argmax(row: $0) }, probabilities)
    }

    /// The MLP has no library format; the caller writes ``MultilayerPerceptron/weights`` as JSON.
    package func save(to path: String) throws {}
}

extension ModelKind {
    /// The model's file in a report's `models/` folder.
    package var fileName: String {
        switch self {
        case .rf: "rf.json"
        case .xgb: "xgb.json"
        case .svm: "svm.model"
        case .mlp: "mlp.json"
        case .logreg: "logreg.json"
        case .gru: "gru.json"
        case .fusion: "fusion.json"
        case .cnn: "cnn.json"
        }
    }

    /// A saved model read back from its file's bytes — the forest's, the MLP's or the logistic
    /// regression's JSON, XGBoost JSON or libsvm model text — checked in full, and against the `featureCount` features and `classCount`
    /// classes the scaler and labels saved beside it give. Whatever the bytes, the result is a model
    /// that predicts without trapping or looping, or a one-line ``LearnError``.
    package func load(_ data: Data, featureCount: Int, classCount: Int) throws(LearnError) -> any TrainedClassifier {
        switch self {
        case .rf:
            let forest = try DecisionForest.load(json: data)
            try forest.check(featureCount: featureCount, classCount: classCount)
            return RandomForest(forest: forest)
        case .mlp:
            let weights = try MLPWeights.load(json: data)
            guard weights.shape.inputs == featureCount else {
                throw LearnError(
                    .malformedModel, "the MLP takes \(weights.shape.inputs) features, the scaler gives \(featureCount)")
            }
            guard weights.shape.classes == classCount else {
                throw LearnError(
                    .malformedModel, "the MLP predicts \(weights.shape.classes) classes, the labels name \(classCount)")
            }
            return try NeuralNetwork(weights: weights)
        case .xgb:
            return try BoostedTrees(json: data, featureCount: featureCount, classCount: classCount)
        case .svm:
            try SavedModelFile.checkText(data)
            return try SupportVectorMachine(
                text: String(decoding: data, as: UTF8.self), featureCount: featureCount, classCount: classCount)
        case .logreg:
            let weights = try LogRegWeights.load(json: data)
            guard weights.featureCount == featureCount else {
                throw LearnError(
                    .malformedModel,
                    "the logistic regression takes \(weights.featureCount) features, the scaler gives \(featureCount)")
            }
            guard weights.classes == classCount else {
                throw LearnError(
                    .malformedModel,
                    "the logistic regression predicts \(weights.classes) classes, the labels name \(classCount)")
            }
            return LogisticRegression(weights: weights)
        case .gru:
            let weights = try RecurrentWeights.load(json: data)
            guard weights.classCount == classCount else {
                throw LearnError(
                    .malformedModel, "the GRU predicts \(weights.classCount) classes, the labels name \(classCount)")
            }
            return RecurrentClassifier(model: weights.model, typicalSpeaker: weights.typicalSpeaker)
        case .fusion:
            return FusionClassifier(try FusionWeights.load(json: data))
        case .cnn:
            let weights = try ConvolutionalWeights.load(json: data)
            guard weights.classCount == classCount else {
                throw LearnError(
                    .malformedModel, "the CNN predicts \(weights.classCount) classes, the labels name \(classCount)")
            }
            return ConvolutionalClassifier(model: weights.model, typicalSpeaker: weights.typicalSpeaker)
        }
    }
}
