import Foundation
import Testing

@testable import SERLearn

/// The SVM's predictions are computed in Swift, each kernel value once; they must be libsvm's own, equal
/// and not merely close, so that every report stays what libsvm (and scikit-learn's `SVC`) gives.
@Suite("SVM prediction equals libsvm's")
struct SupportVectorPredictionTests {
    /// Overlapping classes in `columns` dimensions (so most rows become support vectors), with some
    /// columns all zero (libsvm's sparse nodes then skip nothing: the rows are dense) and a few wider columns.
    static func data(rows: Int, columns: Int, classes: Int, seed: UInt64) -> (Matrix, [Int]) {
        var random = SeededGenerator(seed: seed)
        var values: [Double] = []
        var labels: [Int] = []
        for row in 0..<rows {
            let label = row % classes
            labels.append(label)
            for column in 0..<columns {
                let centre = column % classes == label ? 0.8 : 0
                let value = column % 7 == 3 ? 0 : centre + Double.random(in: -1.5...1.5, using: &random)
                values.append(column % 11 == 5 ? value * 3 : value)
            }
        }
        return (Matrix(rows: rows, columns: columns, values: values), labels)
    }

    @Test(
        "labels and probabilities are libsvm's exactly, for 2 to 8 classes, trained and loaded from text",
        arguments: [(2, 30), (3, 5), (5, 64), (8, 653)])
    func equalToLibsvm(classes: Int, columns: Int) throws {
        let (train, labels) = Self.data(rows: 24 * classes, columns: columns, classes: classes, seed: 7)
        let (test, _) = Self.data(rows: 40, columns: columns, classes: classes, seed: 8)
        let gamma = 1 / Double(columns) * 0.5
        let model = try LibSVMModel(
            features: train, labels: labels, classCount: classes, c: 10, gamma: gamma, classWeights: nil, seed: 3)
        let fast = model.predict(test)
        let library = model.libraryPrediction(test)
        #expect(fast.labels == library.labels)
        #expect(fast.probabilities.values == library.probabilities.values)
        #expect(Set(fast.labels).count > 1, "a model that predicts one class tests little")

        let path = FileManager.default.temporaryDirectory.appendingPathComponent("svm-\(UUID().uuidString).model").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path)
        let loaded = try LibSVMModel(
            text: try String(contentsOfFile: path, encoding: .utf8), featureCount: columns, classCount: classes)
        let fromText = loaded.predict(test)
        let fromTextLibrary = loaded.libraryPrediction(test)
        #expect(fromText.labels == fromTextLibrary.labels)
        #expect(fromText.probabilities.values == fromTextLibrary.probabilities.values)
    }
}
