import Foundation
import Testing

@testable import SERLearn

/// The inner grid search of nested cross-validation (``GridSearch``, ``HyperparameterGrid``).
@Suite struct GridSearchTests {
    /// Clips, their speakers (every speaker says every class) and speaker-independent outer folds.
    struct Problem {
        var features: Matrix
        var labels: [Int]
        var speakers: [String]
        var plan: FoldPlan

        init(_ data: (Matrix, [Int]), folds: Int) throws {
            (features, labels) = data
            speakers = labels.indices.map { "s\(($0 / 3) % 6)" }
            plan = try FoldPlan(.speakerIndependent, labels: labels, speakers: speakers, folds: folds, seed: 1)
        }

        func evaluate(
            _ kinds: [ModelKind], features: Matrix? = nil, settings: ModelParameters = ModelParameters(),
            grid: HyperparameterGrid = HyperparameterGrid(), workers: Int = 2
        ) throws -> [ModelEvaluationResult] {
            try CrossValidation.evaluate(
                kinds, features: features ?? self.features, labels: labels, classCount: 3, plan: plan,
                settings: settings, seed: 5, workers: workers, grid: grid, speakers: speakers)
        }

        func tune(
            _ kinds: [ModelKind], features: Matrix? = nil, grid: HyperparameterGrid, workers: Int = 2
        ) throws -> GridSearch.TunedSettings {
            try GridSearch.tune(
                kinds, features: features ?? self.features, labels: labels, classCount: 3, speakers: speakers,
                plan: plan, settings: ModelParameters(), grid: grid, seed: 5, workers: workers)
        }
    }

    /// Three noisy concentric rings in the first two of six dimensions: separable only by radius,
    /// which an RBF SVM with a tiny C cannot learn.
    static func rings(rows: Int, seed: UInt64) -> (Matrix, [Int]) {
        var random = SeededGenerator(seed: seed)
        let labels = (0..<rows).map { $0 % 3 }
        let values = labels.flatMap { label -> [Double] in
            let angle = 2 * Double.pi * random.nextUnit()
            let radius = 1 + Double(label) + 0.2 * random.nextGaussian()
            return [radius * cos(angle), radius * sin(angle)] + (0..<4).map { _ in random.nextGaussian() }
        }
        return (Matrix(rows: rows, columns: 6, values: values), labels)
    }

    @Test func candidatesFollowScikitLearnsParameterGridOrder() {
        let grid = HyperparameterGrid(svmC: [0.1, 10], svmGamma: [.scale, .value(0.01)], forestTrees: [50])
        #expect(
            grid.candidates(for: .svm, base: ModelParameters()).map(\.parameters) == [
                ["C": "0.1", "gamma": "scale"], ["C": "0.1", "gamma": "0.01"],
                ["C": "10.0", "gamma": "scale"], ["C": "10.0", "gamma": "0.01"],
            ])
        #expect(grid.candidates(for: .rf, base: ModelParameters()).map(\.settings.rf.nEstimators) == [50])
        #expect(grid.candidates(for: .xgb, base: ModelParameters()).isEmpty)
        let gammaOnly = HyperparameterGrid(svmGamma: [.value(0.5)]).candidates(for: .svm, base: ModelParameters())
        #expect(gammaOnly.map(\.settings.svm.c) == [ModelParameters().svm.c])
    }

    @Test func innerFoldsLieInsideTheTrainingRowsAndKeepSpeakersApart() throws {
        let problem = try Problem(ClassifierTests.blobs(rows: 120, seed: 11), folds: 3)
        for fold in problem.plan.folds {
            let inner = try GridSearch.folds(
                of: fold.train, labels: problem.labels, speakers: problem.speakers, outer: problem.plan.used,
                grid: HyperparameterGrid(forestTrees: [10]), seed: 1, context: "test")
            #expect(inner.count == 3)
            #expect(inner.flatMap(\.test).sorted() == fold.train)
            for innerFold in inner {
                #expect(Set(innerFold.train + innerFold.test).isSubset(of: fold.train))
                let trainSpeakers = Set(innerFold.train.map { problem.speakers[$0] })
                #expect(innerFold.test.allSatisfy { !trainSpeakers.contains(problem.speakers[$0]) })
            }
        }
    }

    /// Scaling a fold's test rows by 100 flips the choice of any selection that sees them (through
    /// the standardiser or the scores), yet must leave that fold's own choice alone.
    @Test func poisonedTestRowsDoNotChangeTheirFoldsChoice() throws {
        let problem = try Problem(ClassifierTests.blobs(rows: 120, seed: 11), folds: 3)
        let grid = HyperparameterGrid(svmGamma: [.value(0.1), .value(1000)])
        let clean = try problem.evaluate([.svm], grid: grid)[0].chosen
        #expect(clean.allSatisfy { $0["gamma"] == "0.1" })
        #expect(try problem.tune([.svm], grid: grid).chosen[.svm]?["gamma"] == "0.1")
        for (index, fold) in problem.plan.folds.enumerated() {
            var poisoned = problem.features
            for row in fold.test {
                for column in 0..<poisoned.columns { poisoned[row, column] *= 100 }
            }
            #expect(try problem.tune([.svm], features: poisoned, grid: grid).chosen[.svm]?["gamma"] == "1000.0")
            let chosen = try problem.evaluate([.svm], features: poisoned, grid: grid)[0].chosen
            #expect(chosen[index] == clean[index], "fold \(index + 1) chose from its test rows")
        }
    }

    @Test func resultsAreTheSameWhateverTheWorkers() throws {
        let problem = try Problem(ClassifierTests.blobs(rows: 90, seed: 5), folds: 3)
        let grid = HyperparameterGrid(svmC: [0.1, 10], svmGamma: [.scale, .value(0.01)], forestTrees: [5, 40])
        let one = try problem.evaluate([.rf, .svm, .xgb], grid: grid, workers: 1)
        let four = try problem.evaluate([.rf, .svm, .xgb], grid: grid, workers: 4)
        for (a, b) in zip(one, four) {
            #expect(a.chosen == b.chosen)
            #expect(a.scores == b.scores)
            #expect(a.predictions.map(\.probabilities) == b.predictions.map(\.probabilities))
        }
        #expect(one.map(\.chosen.count) == [3, 3, 0])
        #expect(
            try problem.tune([.rf, .svm], grid: grid, workers: 1) == problem.tune([.rf, .svm], grid: grid, workers: 4))
    }

    @Test func theCThatFitsWinsAndIsRefittedOnTheTrainingFold() throws {
        let problem = try Problem(Self.rings(rows: 150, seed: 3), folds: 5)
        var underfit = ModelParameters()
        underfit.svm.c = 0.001
        var fitting = ModelParameters()
        fitting.svm.c = 10
        let searched = try problem.evaluate([.svm], grid: HyperparameterGrid(svmC: [0.001, 10]))[0]
        #expect(searched.chosen == Array(repeating: ["C": "10.0", "gamma": "scale"], count: 5))
        #expect(searched.searchSeconds > 0)
        let fixed = try problem.evaluate([.svm], settings: fitting)[0]
        #expect(searched.predictions.map(\.probabilities) == fixed.predictions.map(\.probabilities))
        #expect(searched.scores.uar > (try problem.evaluate([.svm], settings: underfit)[0].scores.uar) + 0.1)
        let tuned = try problem.tune([.svm, .mlp], grid: HyperparameterGrid(svmC: [0.001, 10]))
        #expect(tuned.settings.svm.c == 10)
        #expect(tuned.chosen == [.svm: ["C": "10.0", "gamma": "scale"]])
    }

    /// Two C values so small that both give the same predictions: the first in grid order wins.
    @Test func aTieGoesToTheFirstCandidate() throws {
        let problem = try Problem(Self.rings(rows: 150, seed: 3), folds: 5)
        for order in [[0.001, 0.0001], [0.0001, 0.001]] {
            let chosen = try problem.evaluate([.svm], grid: HyperparameterGrid(svmC: order))[0].chosen
            #expect(chosen.allSatisfy { $0["C"] == "\(order[0])" }, "\(chosen)")
        }
    }

    @Test func aGridThatSearchesNothingChangesNothing() throws {
        let problem = try Problem(ClassifierTests.blobs(rows: 90, seed: 5), folds: 3)
        let plain = try problem.evaluate(ModelKind.clipModels)
        let empty = try problem.evaluate(ModelKind.clipModels, grid: HyperparameterGrid(innerFolds: 4))
        let otherModel = try problem.evaluate([.svm], grid: HyperparameterGrid(forestTrees: [3]))[0]
        let base = try problem.evaluate([.svm], grid: HyperparameterGrid(svmC: [ModelParameters().svm.c]))[0]
        for (a, b) in zip(plain, empty) {
            #expect(a.scores == b.scores)
            #expect(a.predictions.map(\.probabilities) == b.predictions.map(\.probabilities))
            #expect(b.chosen.isEmpty && b.searchSeconds == 0)
        }
        let svm = plain[ModelKind.clipModels.firstIndex(of: .svm)!]
        #expect(otherModel.predictions.map(\.probabilities) == svm.predictions.map(\.probabilities))
        #expect(otherModel.chosen.isEmpty)
        #expect(base.predictions.map(\.probabilities) == svm.predictions.map(\.probabilities))
        #expect(base.chosen == Array(repeating: ["C": "1.0", "gamma": "scale"], count: 3))
        #expect(try problem.tune(ModelKind.clipModels, grid: HyperparameterGrid()).settings == ModelParameters())
    }

    @Test func fewerThanTwoInnerFoldsIsAnError() throws {
        let problem = try Problem(ClassifierTests.blobs(rows: 60, seed: 5), folds: 3)
        let error = #expect(throws: LearnError.self) {
            try problem.evaluate([.rf], grid: HyperparameterGrid(forestTrees: [5], innerFolds: 1))
        }
        #expect(error?.code == .unusableProtocol)
    }
}
