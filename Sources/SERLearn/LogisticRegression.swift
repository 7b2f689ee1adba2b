package import Foundation

/// L2-regularised logistic regression through liblinear (``LibLinear``), as scikit-learn 1.9's
/// `OneVsRestClassifier(LogisticRegression(solver='liblinear'))` (for two classes, the plain
/// `LogisticRegression`, which is the same model).
///
/// scikit-learn's liblinear estimator fits two classes only, so with more each class gets its own
/// binary problem against the rest, `class_weight='balanced'` weighing that binary problem's two
/// sides by `n / (2 · n_side)`. `predict_proba` is each problem's sigmoid, divided by their sum
/// over the classes (one-vs-rest), or `[1 − p, p]` for two classes; the predicted class has the
/// largest decision value. A class no training clip has gets probability 0, as scikit-learn's
/// constant predictor gives it.
package final class LogisticRegression: TrainedClassifier {
    package let kind = ModelKind.logreg
    package let weights: LogRegWeights

    /// A model read back from its saved weights (already checked).
    package init(weights: LogRegWeights) { self.weights = weights }

    init(features: Matrix, labels: [Int], classCount: Int, settings: LogRegParameters) throws(LearnError) {
        let problems = try Problems(features: features, labels: labels, classCount: classCount, settings: settings)
        var fits: [Problems.Fit?] = []
        for problem in problems.positiveClasses.indices { fits.append(try problems.fit(problem)) }
        self.weights = problems.weights(fits)
    }

    /// The binary problems of one fit, each of which can be fitted on its own thread (``FinalFit`` fits them
    /// side by side): for two classes one, class 1 against class 0; for more one per class against the rest.
    struct Problems: Sendable {
        /// Weights and intercept of one problem, oriented towards its positive class.
        typealias Fit = (weights: [Double], intercept: Double)

        let features: Matrix
        let labels: [Int]
        let classCount: Int
        let settings: LogRegParameters
        /// Training clips per class.
        let counts: [Int]
        /// The positive class of each problem.
        let positiveClasses: [Int]

        /// Throws unless the clips hold at least two classes.
        init(features: Matrix, labels: [Int], classCount: Int, settings: LogRegParameters) throws(LearnError) {
            let counts = (0..<classCount).map { label in labels.count(where: { $0 == label }) }
            guard counts.count(where: { $0 > 0 }) >= 2 else {
                throw LearnError(.unusableLabels, "logistic regression needs training clips of at least 2 classes")
            }
            self.features = features
            self.labels = labels
            self.classCount = classCount
            self.settings = settings
            self.counts = counts
            self.positiveClasses = classCount == 2 ? [1] : Array(0..<classCount)
        }

        /// Fits problem `index`; nil when its class has no training clip (its row stays zero).
        func fit(_ index: Int) throws(LearnError) -> Fit? {
            let positiveClass = positiveClasses[index]
            let positives = counts[positiveClass]
            guard positives > 0 else { return nil }
            let negatives = labels.count - positives
            var positiveWeight = 1.0
            var negativeWeight = 1.0
            if settings.classWeight == .balanced {
                positiveWeight = Double(labels.count) / Double(2 * positives)
                negativeWeight = Double(labels.count) / Double(2 * negatives)
            }
            return try LibLinear.fitBinary(
                features, positive: labels.map { $0 == positiveClass }, c: settings.c,
                positiveWeight: positiveWeight, negativeWeight: negativeWeight, tolerance: settings.tol)
        }

        /// The model's weights from every problem's ``fit(_:)``, in problem order.
        func weights(_ fits: [Fit?]) -> LogRegWeights {
            precondition(fits.count == positiveClasses.count, "one fit per problem")
            var coef: [[Double]] = []
            var intercept: [Double] = []
            var absent: [Int] = []
            for (positiveClass, fit) in zip(positiveClasses, fits) {
                if let fit {
                    coef.append(fit.weights)
                    intercept.append(fit.intercept)
                } else {
                    absent.append(positiveClass)
                    coef.append(Array(repeating: 0, count: features.columns))
                    intercept.append(0)
                }
            }
            return LogRegWeights(classes: classCount, coef: coef, intercept: intercept, absent: absent)
        }
    }

    package func predict(_ features: Matrix) throws -> (labels: [Int], probabilities: Matrix) {
        guard features.columns == weights.featureCount else {
            throw LearnError(
                .malformedModel, "the model takes \(weights.featureCount) features, the rows have \(features.columns)")
        }
        let classCount = weights.classes
        var labels: [Int] = []
        var probabilities = [Double](repeating: 0, count: features.rows * classCount)
        var decisions = [Double](repeating: 0, count: weights.coef.count)
        for row in 0..<features.rows {
            let x = features.row(row)
            for (index, (w, b)) in zip(weights.coef, weights.intercept).enumerated() {
                decisions[index] = zip(w, x).reduce(0) { $0 + $1.0 * $1.1 } + b
            }
            let (label, rowProbabilities) = weights.outcome(decisions)
            labels.append(label)
            for label in 0..<classCount { probabilities[row * classCount + label] = rowProbabilities[label] }
        }
        return (labels, Matrix(rows: features.rows, columns: classCount, values: probabilities))
    }

    /// Writes ``weights`` as JSON (`models/logreg.json`).
    package func save(to path: String) throws {
        try (JSONEncoder.sortedKeys.encode(weights) + Data("\n".utf8)).write(to: URL(fileURLWithPath: path))
    }

    /// scipy's `expit`: `1 / (1 + e^−x)`.
    static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
}

extension JSONEncoder {
    /// Keys sorted, so a saved model's bytes depend on its values only.
    fileprivate static var sortedKeys: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}

/// The fitted weights of ``LogisticRegression``, as saved to `models/logreg.json`: for two classes
/// one row (class 1 against class 0), for more one row per class (that class against the rest);
/// the decision value of a row of standardised features `x` is `coef[r] · x + intercept[r]`
/// (scikit-learn's `coef_` and `intercept_`). `absent` lists the classes no training clip had
/// (their rows are zero and their probability 0). Decoding checks every shape and number (see
/// ``check()``).
package struct LogRegWeights: Sendable, Codable, Equatable {
    package var classes: Int
    package var coef: [[Double]]
    package var intercept: [Double]
    package var absent: [Int]

    enum CodingKeys: String, CodingKey {
        case classes, coef, intercept, absent
    }

    package init(classes: Int, coef: [[Double]], intercept: [Double], absent: [Int]) {
        self.classes = classes
        self.coef = coef
        self.intercept = intercept
        self.absent = absent
    }

    /// Decodes the four fields and checks them (``check()``).
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        classes = try container.decode(Int.self, forKey: .classes)
        coef = try container.decode([[Double]].self, forKey: .coef)
        intercept = try container.decode([Double].self, forKey: .intercept)
        absent = try container.decode([Int].self, forKey: .absent)
        try check()
    }

    /// The weights `json` holds, checked; any fault is one ``LearnError`` line.
    package static func load(json: Data) throws(LearnError) -> LogRegWeights {
        try SavedModelFile.decode(LogRegWeights.self, from: json)
    }

    /// The number of features each row weighs.
    package var featureCount: Int { coef.first?.count ?? 0 }

    /// The predicted class and every class's probability from one clip's decision values (one per row of
    /// ``coef``): for two classes `[1 − p, p]` with `p` the sigmoid, class 1 when the value is positive; for
    /// more each present class's sigmoid over their sum (uniform when every sigmoid underflows), the class
    /// with the largest value. A NaN decision (weights that overflow) stays NaN for the caller to refuse.
    func outcome(_ decisions: [Double]) -> (label: Int, probabilities: [Double]) {
        if classes == 2 {
            let p = LogisticRegression.sigmoid(decisions[0])
            return (decisions[0] > 0 ? 1 : 0, [1 - p, p])
        }
        var sigmoids = decisions.enumerated().map {
            absent.contains($0.offset) ? 0 : LogisticRegression.sigmoid($0.element)
        }
        let sum = sigmoids.reduce(0, +)
        if sum == 0 {
            let present = Double(classes - absent.count)
            sigmoids = (0..<classes).map { absent.contains($0) ? 0 : 1 / present }
        } else {
            sigmoids = sigmoids.map { $0 / sum }
        }
        var best = -1
        for label in 0..<classes where !absent.contains(label) {
            if best < 0 || decisions[label] > decisions[best] { best = label }
        }
        return (best, sigmoids)
    }

    /// Throws unless `classes` is 2 to ``SavedModelLimits/classes``, `coef` has one row (two
    /// classes) or one per class, each of 1 to ``SavedModelLimits/features`` weights, `intercept`
    /// one value per row, every number finite, and `absent` lists distinct classes in ascending
    /// order, whose rows are zero, leaving at least two classes (none for two classes).
    package func check() throws(LearnError) {
        guard (2...SavedModelLimits.classes).contains(classes) else {
            throw LearnError(.malformedModel, "classes is \(classes); allowed: 2 to \(SavedModelLimits.classes)")
        }
        let rows = classes == 2 ? 1 : classes
        guard coef.count == rows else {
            throw LearnError(.malformedModel, "coef has \(coef.count) rows; \(classes) classes need \(rows)")
        }
        let features = featureCount
        guard (1...SavedModelLimits.features).contains(features) else {
            throw LearnError(
                .malformedModel,
                "coef[0] has \(features) weights (features); allowed: 1 to \(SavedModelLimits.features)")
        }
        if let row = coef.firstIndex(where: { $0.count != features }) {
            throw LearnError(.malformedModel, "coef[\(row)] has \(coef[row].count) weights, coef[0] has \(features)")
        }
        guard intercept.count == rows else {
            throw LearnError(.malformedModel, "intercept has \(intercept.count) values, coef has \(rows) rows")
        }
        guard coef.allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
            throw LearnError(.malformedModel, "coef holds a weight that is not a finite number")
        }
        guard intercept.allSatisfy(\.isFinite) else {
            throw LearnError(.malformedModel, "intercept holds a value that is not a finite number")
        }
        guard classes > 2 || absent.isEmpty else {
            throw LearnError(.malformedModel, "absent lists classes, but a two-class model has both")
        }
        for (index, label) in absent.enumerated() {
            guard (0..<classes).contains(label), index == 0 || absent[index - 1] < label else {
                throw LearnError(
                    .malformedModel, "absent must list distinct classes 0 to \(classes - 1) in ascending order")
            }
            guard intercept[label] == 0, coef[label].allSatisfy({ $0 == 0 }) else {
                throw LearnError(.malformedModel, "class \(label) is absent, but its row is not zero")
            }
        }
        guard classes - absent.count >= 2 else {
            throw LearnError(.malformedModel, "absent leaves \(classes - absent.count) classes; a model needs 2")
        }
    }
}
