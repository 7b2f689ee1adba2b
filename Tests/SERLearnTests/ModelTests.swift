import Foundation
import SERLearn
import Testing

/// `Fixtures/models.json` (made by `Fixtures/make_model_fixtures.py`): scikit-learn's folds, scores
/// and SVM predictions for the same inputs.
struct ModelFixture: Decodable {
    let foldLabels: [Int]
    let foldGroups: [String]
    let folds: [[Int]]
    let truth: [Int]
    let predicted: [Int]
    let accuracy: Double
    let uar: Double
    let macroF1: Double
    let precision: [Double]
    let recall: [Double]
    let f1: [Double]
    let support: [Int]
    let confusion: [[Int]]
    let svmTrainX: [[Double]]
    let svmTrainY: [Int]
    let svmTestX: [[Double]]
    let svmPredicted: [Int]

    static func load() throws -> ModelFixture {
        guard let url = Bundle.module.url(forResource: "models", withExtension: "json", subdirectory: "Fixtures") else {
            throw FixtureMissing(name: "models.json")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(ModelFixture.self, from: Data(contentsOf: url))
    }
}

@Suite struct FoldTests {
    @Test func speakerIndependentFoldsAreScikitLearns() throws {
        let fixture = try ModelFixture.load()
        let plan = try FoldPlan(.speakerIndependent, labels: fixture.foldLabels, speakers: fixture.foldGroups, seed: 1)
        #expect(plan.used == .speakerIndependent)
        #expect(plan.folds.map(\.test) == fixture.folds)
        for fold in plan.folds {
            let trainSpeakers = Set(fold.train.map { fixture.foldGroups[$0] })
            #expect(fold.test.allSatisfy { !trainSpeakers.contains(fixture.foldGroups[$0]) })
            #expect(Set(fold.train).union(fold.test).count == fixture.foldLabels.count)
        }
    }

    @Test func leaveOneSpeakerOutHasAFoldPerSpeaker() throws {
        let fixture = try ModelFixture.load()
        let plan = try FoldPlan(.leaveOneSpeakerOut, labels: fixture.foldLabels, speakers: fixture.foldGroups, seed: 1)
        #expect(plan.folds.count == Set(fixture.foldGroups).count)
        for fold in plan.folds { #expect(Set(fold.test.map { fixture.foldGroups[$0] }).count == 1) }
    }

    @Test func stratifiedFoldsKeepClassSharesAndWarn() throws {
        let labels = (0..<100).map { $0 % 4 }
        let speakers = (0..<100).map { "s\($0 % 5)" }
        let plan = try FoldPlan(.stratified, labels: labels, speakers: speakers, folds: 5, seed: 7)
        #expect(plan.folds.count == 5)
        for fold in plan.folds {
            #expect(fold.test.count == 20)
            for label in 0..<4 { #expect(fold.test.filter { labels[$0] == label }.count == 5) }
        }
        #expect(plan.notes.contains { $0.contains("over-states accuracy") })
        #expect(try FoldPlan(.stratified, labels: labels, speakers: speakers, folds: 5, seed: 7) == plan)
    }

    @Test("a holdout split warns as a random k-fold split does: the same speakers are in training and test")
    func holdoutWarns() throws {
        let labels = (0..<100).map { $0 % 4 }
        let speakers = (0..<100).map { "s\($0 % 5)" }
        let plan = try FoldPlan(.holdout, labels: labels, speakers: speakers, seed: 7)
        #expect(plan.folds.count == 1)
        #expect(plan.notes.contains { $0.contains("one 80/20 split") && $0.contains("over-states accuracy") })
        #expect(throws: LearnError.self) { try FoldPlan(.holdout, labels: [1], speakers: ["a"], seed: 7) }
    }

    @Test(
        "an MLP with validation_fraction 0.999 still trains on one clip per class (never an empty training set, NaN loss)"
    )
    func mlpValidationFractionNearOne() throws {
        let labels = (0..<30).map { $0 % 3 }
        let features = Matrix(rows: labels.map { label in [Double(label), Double(label) * 0.5 + 0.1] })
        var settings = MLPSettings()
        settings.validationFraction = 0.999
        settings.maxIter = 20
        let network = try MultilayerPerceptron(
            features: features, labels: labels, classCount: 3, settings: settings, seed: 1)
        #expect(!network.lossCurve.isEmpty && network.lossCurve.allSatisfy { $0.isFinite })
    }

    @Test("folds whose test emotions training never saw are counted in a note")
    func unseenEmotionsNoted() throws {
        // Speaker s4 alone shows emotion 3.
        let labels = (0..<40).map { $0 < 30 ? $0 % 3 : 3 }
        let speakers = (0..<40).map { $0 < 30 ? "s\($0 / 10)" : "s4" }
        let plan = try FoldPlan(.leaveOneSpeakerOut, labels: labels, speakers: speakers, seed: 1)
        #expect(
            plan.notes.contains {
                $0.hasPrefix("In 1 of 4 folds the test clips include emotions no training clip")
                    && $0.contains("(10 clips in all")
            },
            "\(plan.notes)")
        let balanced = try FoldPlan(
            .leaveOneSpeakerOut, labels: (0..<40).map { $0 % 4 }, speakers: (0..<40).map { "s\($0 / 10)" }, seed: 1)
        #expect(!balanced.notes.contains { $0.hasPrefix("In ") })
    }

    @Test func unknownSpeakersFallBackToStratifiedWithANote() throws {
        let labels = (0..<40).map { $0 % 2 }
        let plan = try FoldPlan(.speakerIndependent, labels: labels, speakers: Array(repeating: "", count: 40), seed: 1)
        #expect(plan.used == .stratified)
        #expect(plan.notes.first?.contains("Fewer than two speakers") == true)
        let one = try FoldPlan(.speakerIndependent, labels: labels, speakers: Array(repeating: "a", count: 40), seed: 1)
        #expect(one.used == .stratified)
    }

    @Test func fewSpeakersGiveOneFoldEach() throws {
        let labels = (0..<30).map { $0 % 3 }
        let speakers = (0..<30).map { "s\($0 % 3)" }
        let plan = try FoldPlan(.speakerIndependent, labels: labels, speakers: speakers, folds: 5, seed: 1)
        #expect(plan.folds.count == 3)
        #expect(plan.notes.contains { $0.contains("Only 3 speakers") })
    }

    @Test func badLabelsAreClearErrors() {
        #expect(throws: LearnError.self) {
            try FoldPlan(.stratified, labels: [0, 0, 0], speakers: ["a", "b", "c"], seed: 1)
        }
        let single = #expect(throws: LearnError.self) {
            try FoldPlan(.stratified, labels: [0, 0, 1, 1, 2], speakers: ["", "", "", "", ""], seed: 1)
        }
        #expect(single?.code == .unusableProtocol)
        #expect(single?.message.contains("at least 2 per class") == true)
        #expect(throws: LearnError.self) { try FoldPlan(.stratified, labels: [], speakers: [], seed: 1) }
        let small = try? FoldPlan(
            .stratified, labels: [0, 0, 1, 1, 1, 1], speakers: Array(repeating: "", count: 6), folds: 5, seed: 1)
        #expect(small?.folds.count == 2)
    }
}

@Suite struct ScoreTests {
    @Test func scoresAreScikitLearns() throws {
        let fixture = try ModelFixture.load()
        let scores = ClassificationScores(truth: fixture.truth, predicted: fixture.predicted, classCount: 5)
        #expect(abs(scores.accuracy - fixture.accuracy) < 1e-12)
        #expect(abs(scores.uar - fixture.uar) < 1e-12)
        #expect(abs(scores.macroF1 - fixture.macroF1) < 1e-12)
        #expect(scores.confusion == fixture.confusion)
        for c in 0..<5 {
            #expect(abs(scores.perClass[c].precision - fixture.precision[c]) < 1e-12)
            #expect(abs(scores.perClass[c].recall - fixture.recall[c]) < 1e-12)
            #expect(abs(scores.perClass[c].f1 - fixture.f1[c]) < 1e-12)
            #expect(scores.perClass[c].support == fixture.support[c])
        }
    }
}

@Suite struct ClassifierTests {
    /// Three well-separated blobs in four dimensions, standardised.
    static func blobs(rows: Int, seed: UInt64) -> (Matrix, [Int]) {
        var random = SeededGenerator(seed: seed)
        let centres: [[Double]] = [[0, 0, 0, 0], [3, 1, 0, -2], [-2, 3, 2, 1]]
        let labels = (0..<rows).map { $0 % 3 }
        let values = labels.flatMap { label in centres[label].map { $0 + 0.6 * random.nextGaussian() } }
        return (Matrix(rows: rows, columns: 4, values: values), labels)
    }

    @Test func svmPredictsWhatScikitLearnsSVCPredicts() throws {
        let fixture = try ModelFixture.load()
        var settings = ModelParameters()
        settings.svm.classWeight = .balanced
        let model = try ModelKind.svm.fit(
            features: Matrix(rows: fixture.svmTrainX), labels: fixture.svmTrainY, classCount: 3, settings: settings,
            seed: 1)
        let predicted = try model.predict(Matrix(rows: fixture.svmTestX))
        #expect(predicted.labels == fixture.svmPredicted)
        for row in 0..<predicted.probabilities.rows {
            #expect(abs(predicted.probabilities.row(row).reduce(0, +) - 1) < 1e-9)
        }
    }

    @Test(arguments: ModelKind.clipModels)
    func everyModelLearnsSeparableClassesAndIsSeeded(kind: ModelKind) throws {
        let (train, labels) = Self.blobs(rows: 600, seed: 3)
        let (test, truth) = Self.blobs(rows: 60, seed: 4)
        let model = try kind.fit(features: train, labels: labels, classCount: 3, settings: ModelParameters(), seed: 9)
        let predicted = try model.predict(test)
        let scores = ClassificationScores(truth: truth, predicted: predicted.labels, classCount: 3)
        #expect(scores.uar > 0.9, "\(kind.title) UAR \(scores.uar)")
        let again = try kind.fit(features: train, labels: labels, classCount: 3, settings: ModelParameters(), seed: 9)
        #expect(try again.predict(test).probabilities == predicted.probabilities)
    }

    @Test func crossValidationIsTheSameWhateverTheWorkers() throws {
        let (features, labels) = Self.blobs(rows: 90, seed: 5)
        let speakers = (0..<90).map { "s\($0 % 6)" }
        let plan = try FoldPlan(.speakerIndependent, labels: labels, speakers: speakers, folds: 3, seed: 1)
        let one = try CrossValidation.evaluate(
            ModelKind.clipModels, features: features, labels: labels, classCount: 3, plan: plan,
            settings: ModelParameters(), seed: 2, workers: 1)
        let four = try CrossValidation.evaluate(
            ModelKind.clipModels, features: features, labels: labels, classCount: 3, plan: plan,
            settings: ModelParameters(), seed: 2, workers: 4)
        for (a, b) in zip(one, four) {
            #expect(a.scores == b.scores)
            #expect(a.predictions.map(\.probabilities) == b.predictions.map(\.probabilities))
        }
        #expect(one.allSatisfy { $0.predictions.allSatisfy { $0.fold >= 0 } })
    }

    @Test func nonFiniteFeaturesAreAnError() throws {
        var (features, labels) = Self.blobs(rows: 30, seed: 1)
        features[3, 2] = .nan
        let error = #expect(throws: LearnError.self) {
            try ModelKind.svm.fit(
                features: features, labels: labels, classCount: 3, settings: ModelParameters(), seed: 1)
        }
        #expect(error?.code == .nonFiniteValue)
    }

    @Test func speakerNormalisationUsesOnlyEachSpeakersRows() {
        let features = Matrix(rows: [[1, 10], [3, 10], [100, 0], [300, 4]])
        let normalized = SpeakerNormalization.normalized(features, speakers: ["a", "a", "b", "b"])
        #expect(normalized.row(0) == [-1, 0])
        #expect(normalized.row(1) == [1, 0])
        #expect(normalized.row(2) == [-1, -1])
        #expect(normalized.row(3) == [1, 1])
        let typical = SpeakerNormalization.typicalSpeaker(features, speakers: ["a", "a", "b", "b"])
        #expect(typical?.mean == [101, 6])
    }
}
