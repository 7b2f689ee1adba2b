/// How well predictions match the truth, as scikit-learn's `classification_report`,
/// `balanced_accuracy_score` and `confusion_matrix` compute it (a precision or recall with nothing to
/// divide by counts as 0, `zero_division=0`).
package struct ClassificationScores: Sendable, Equatable, Codable {
    package struct PerClass: Sendable, Equatable, Codable {
        package var precision: Double
        package var recall: Double
        package var f1: Double
        package var support: Int
    }

    package var accuracy: Double
    /// Unweighted average recall (balanced accuracy) over the classes present in the truth.
    package var uar: Double
    /// The unweighted mean of the per-class F1 over the classes present in truth or predictions.
    package var macroF1: Double
    package var perClass: [PerClass]
    /// `confusion[true][predicted]` counts.
    package var confusion: [[Int]]

    package init(truth: [Int], predicted: [Int], classCount: Int) {
        precondition(truth.count == predicted.count, "\(truth.count) true labels, \(predicted.count) predictions")
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: classCount), count: classCount)
        for (actual, guess) in zip(truth, predicted) { confusion[actual][guess] += 1 }
        let supports = confusion.map { $0.reduce(0, +) }
        let predictedCounts = (0..<classCount).map { column in confusion.reduce(0) { $0 + $1[column] } }
        let perClass = (0..<classCount).map { c in
            let hits = Double(confusion[c][c])
            let precision = predictedCounts[c] > 0 ? hits / Double(predictedCounts[c]) : 0
            let recall = supports[c] > 0 ? hits / Double(supports[c]) : 0
            let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
            return PerClass(precision: precision, recall: recall, f1: f1, support: supports[c])
        }
        self.perClass = perClass
        let total = supports.reduce(0, +)
        accuracy = total > 0 ? Double((0..<classCount).map { confusion[$0][$0] }.reduce(0, +)) / Double(total) : 0
        let present = (0..<classCount).filter { supports[$0] > 0 }
        uar = present.isEmpty ? 0 : present.map { perClass[$0].recall }.reduce(0, +) / Double(present.count)
        let seen = (0..<classCount).filter { supports[$0] > 0 || predictedCounts[$0] > 0 }
        macroF1 = seen.isEmpty ? 0 : seen.map { perClass[$0].f1 }.reduce(0, +) / Double(seen.count)
        self.confusion = confusion
    }
}
