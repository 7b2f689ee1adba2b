import Foundation
import Testing

@testable import SERLearn

/// Permutation importance per feature group: a group that carries the classes costs UAR when shuffled, a
/// group of noise costs none, and the measurement is seeded.
@Suite struct PermutationImportanceTests {
    /// Columns 0–1 separate three classes; columns 2–4 are noise.
    static func data(rows: Int, seed: UInt64) -> (Matrix, [Int]) {
        var random = SeededGenerator(seed: seed)
        let centres: [[Double]] = [[0, 0], [4, 1], [-2, 4]]
        let labels = (0..<rows).map { $0 % 3 }
        let values = labels.flatMap { label in
            centres[label].map { $0 + 0.5 * random.nextGaussian() } + (0..<3).map { _ in random.nextGaussian() }
        }
        return (Matrix(rows: rows, columns: 5, values: values), labels)
    }

    static let plan = ImportancePlan(
        groups: [ColumnGroup(name: "signal", columns: [0, 1]), ColumnGroup(name: "noise", columns: [2, 3, 4])],
        repeats: 4)

    @Test(
        "shuffling the group that carries the classes costs UAR; shuffling noise costs about none",
        arguments: [ModelKind.logreg, .rf, .svm])
    func signalAndNoise(kind: ModelKind) throws {
        let (train, labels) = Self.data(rows: 150, seed: 1)
        let (test, truth) = Self.data(rows: 90, seed: 2)
        let model = try kind.fit(features: train, labels: labels, classCount: 3, settings: ModelParameters(), seed: 3)
        let drops = try PermutationImportance.drops(
            model, test: test, truth: truth, classCount: 3, plan: Self.plan, seed: 4)
        #expect(drops.count == 2 && drops.allSatisfy { $0.count == 4 })
        let signal = drops[0].reduce(0, +) / 4
        let noise = drops[1].reduce(0, +) / 4
        #expect(signal > 0.4, "\(kind): signal \(signal)")
        #expect(abs(noise) < 0.05, "\(kind): noise \(noise)")
        let again = try PermutationImportance.drops(
            model, test: test, truth: truth, classCount: 3, plan: Self.plan, seed: 4)
        #expect(again == drops)
    }

    /// Hides the SVM's type, so that importance takes the general path (libsvm's prediction per shuffle).
    final class Opaque: TrainedClassifier {
        let inner: any TrainedClassifier
        init(_ inner: any TrainedClassifier) { self.inner = inner }
        var kind: ModelKind { inner.kind }
        func predict(_ features: Matrix) throws -> (labels: [Int], probabilities: Matrix) {
            try inner.predict(features)
        }
        func save(to path: String) throws {}
    }

    @Test("the SVM's kernel shortcut votes as libsvm predicts and measures the importance the general path does")
    func svmShortcut() throws {
        let (train, labels) = Self.data(rows: 150, seed: 11)
        let (test, truth) = Self.data(rows: 90, seed: 12)
        let model = try ModelKind.svm.fit(
            features: train, labels: labels, classCount: 3, settings: ModelParameters(), seed: 3)
        let votes = try #require((model as? SupportVectorMachine)?.votes(featureCount: 5))
        let distances = votes.squaredDistances(test, columns: Array(0..<5))
        let l = votes.supportVectors.rows
        var kernel = [Double](repeating: 0, count: l)
        let voted = (0..<test.rows).map { row in
            distances.withUnsafeBufferPointer { d in
                kernel.withUnsafeMutableBufferPointer {
                    votes.label(squaredDistances: d.baseAddress! + row * l, kernel: $0.baseAddress!)
                }
            }
        }
        #expect(voted == (try model.predict(test).labels))
        let fast = try PermutationImportance.drops(
            model, test: test, truth: truth, classCount: 3, plan: Self.plan, seed: 4)
        let general = try PermutationImportance.drops(
            Opaque(model), test: test, truth: truth, classCount: 3, plan: Self.plan, seed: 4)
        #expect(fast == general, "same shuffles, same votes: \(fast) vs \(general)")
    }

    @Test("cross-validation records each group's drop per fold, the same whatever the worker count")
    func crossValidation() throws {
        let (features, labels) = Self.data(rows: 120, seed: 5)
        // Each speaker has clips of every class (rows come in triples of labels 0, 1, 2).
        let speakers = (0..<120).map { "s\(($0 / 3) % 6)" }
        let plan = try FoldPlan(.speakerIndependent, labels: labels, speakers: speakers, folds: 3, seed: 1)
        func run(_ workers: Int) throws -> [ModelEvaluationResult] {
            try CrossValidation.evaluate(
                [.logreg, .rf], features: features, labels: labels, classCount: 3, plan: plan,
                settings: ModelParameters(), seed: 9, workers: workers, importance: Self.plan)
        }
        let one = try run(1)
        let two = try run(2)
        for (a, b) in zip(one, two) {
            #expect(a.importance.count == 2 && a.importance.allSatisfy { $0.count == plan.folds.count })
            #expect(a.importance == b.importance)
            #expect(a.importance[0].allSatisfy { $0 > 0.2 }, "\(a.kind): \(a.importance[0])")
        }
        #expect(one[0].featureImportance.count == 5 && one[0].featureImportance.allSatisfy { $0.count == 3 })
        #expect(one[0].featureImportance == two[0].featureImportance)
        #expect(one[1].featureImportance.isEmpty, "per feature: logistic regression only")
        let none = try CrossValidation.evaluate(
            [.logreg], features: features, labels: labels, classCount: 3, plan: plan, settings: ModelParameters(),
            seed: 9, workers: 1)
        #expect(none[0].importance.isEmpty)
        #expect(none[0].featureImportance.isEmpty)
    }

    /// The cross-entropy of `model`'s predictions for `truth`, clipped as `sklearn.metrics.log_loss` clips.
    static func crossEntropy(_ model: any TrainedClassifier, _ features: Matrix, _ truth: [Int]) throws -> Double {
        let probabilities = try model.predict(features).probabilities
        let eps = Double.ulpOfOne
        return truth.enumerated().map { row, label in -log(min(max(probabilities[row, label], eps), 1 - eps)) }
            .reduce(0, +) / Double(truth.count)
    }

    @Test(
        "per feature, logistic regression's shortcut rises as re-predicting the shuffled rows does; signal above noise",
        arguments: [2, 3])
    func featureRises(classes: Int) throws {
        let (train, trainClasses) = Self.data(rows: 150, seed: 21)
        let (test, testClasses) = Self.data(rows: 90, seed: 22)
        // Two classes: classes 1 and 2 merged.
        let labels = trainClasses.map { min($0, classes - 1) }
        let truth = testClasses.map { min($0, classes - 1) }
        let model = try #require(
            try ModelKind.logreg.fit(
                features: train, labels: labels, classCount: classes, settings: ModelParameters(), seed: 3)
                as? LogisticRegression)
        let rises = PermutationImportance.featureRises(model, test: test, truth: truth, repeats: 3, seed: 7)
        #expect(rises.count == 5)
        // The same shuffles, drawn as the shortcut draws them, through the model's own prediction.
        var random = SeededGenerator(seed: 7)
        let baseline = try Self.crossEntropy(model, test, truth)
        for column in 0..<5 {
            var total = 0.0
            for _ in 0..<3 {
                var order = Array(0..<test.rows)
                order.shuffle(using: &random)
                var shuffled = test
                for (row, source) in order.enumerated() { shuffled[row, column] = test[source, column] }
                total += try Self.crossEntropy(model, shuffled, truth) - baseline
            }
            #expect(abs(rises[column] - total / 3) < 1e-9, "column \(column): \(rises[column]) vs \(total / 3)")
        }
        #expect(min(rises[0], rises[1]) > 0.1 || classes == 2 && max(rises[0], rises[1]) > 0.1, "\(rises)")
        #expect(rises[2...].allSatisfy { abs($0) < 0.05 }, "noise columns: \(rises)")
    }
}
