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
        let none = try CrossValidation.evaluate(
            [.logreg], features: features, labels: labels, classCount: 3, plan: plan, settings: ModelParameters(),
            seed: 9, workers: 1)
        #expect(none[0].importance.isEmpty)
    }
}
