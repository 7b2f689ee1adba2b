import Foundation
import ONNXProto
import SERONNX
import Testing

@testable import SERLearn

/// The `gru` model over a plan's folds: validation speakers held out inside each training fold, the fallbacks
/// when a fold cannot hold one out, results independent of the worker count, and the saved weights.
@Suite struct RecurrentEvaluationTests {
    static var parameters: RecurrentTrainingParameters {
        var parameters = RecurrentTrainingTests.parameters
        parameters.epochs = 4
        return parameters
    }

    @Test func validationSpeakersComeFromTheTrainingRowsAndNeverAllOfThem() {
        let speakers = (0..<40).map { "s\($0 % 8)" }
        let rows = Array(0..<40).filter { !["s0", "s1"].contains(speakers[$0]) }
        let split = RecurrentEvaluation.validationSplit(rows, speakers: speakers, share: 0.2, seed: 3)
        #expect(split.fallback == nil)
        #expect(
            Set(split.fit).union(split.validation) == Set(rows) && Set(split.fit).isDisjoint(with: split.validation))
        let held = Set(split.validation.map { speakers[$0] })
        let kept = Set(split.fit.map { speakers[$0] })
        #expect(held.count == 1 && held.isDisjoint(with: kept), "a fifth of 6 speakers, rounded: 1")
        #expect(!held.contains("s0") && !held.contains("s1"))
        // Two speakers: one is held out, one trains, whatever the share.
        let two = RecurrentEvaluation.validationSplit([0, 1, 8, 9], speakers: speakers, share: 0.9, seed: 1)
        #expect(Set(two.fit.map { speakers[$0] }).count == 1 && Set(two.validation.map { speakers[$0] }).count == 1)
    }

    @Test func oneSpeakerHoldsOutClipsAndSaysSo() {
        let speakers = Array(repeating: "only", count: 10)
        let split = RecurrentEvaluation.validationSplit(Array(0..<10), speakers: speakers, share: 0.2, seed: 5)
        #expect(split.validation.count == 2 && split.fit.count == 8)
        #expect(split.fallback?.contains("one speaker's") == true)
        #expect(split.fallback?.contains("not speaker-independent") == true)
        let unnamed = RecurrentEvaluation.validationSplit(
            Array(0..<10), speakers: Array(repeating: "", count: 10), share: 0.2, seed: 5)
        #expect(unnamed.fallback?.contains("no clip names its speaker") == true)
        let tiny = RecurrentEvaluation.validationSplit([0, 1, 2], speakers: speakers, share: 0.2, seed: 5)
        #expect(tiny.validation.isEmpty && tiny.fit == [0, 1, 2])
        #expect(tiny.fallback?.contains("no early stopping") == true)
    }

    /// Pulse clips of eight speakers, four folds: the same predictions, curves and final model with one
    /// worker and with three.
    @Test func foldsGiveTheSameResultsWhateverTheWorkers() throws {
        let data = RecurrentTrainingTests.pulses(count: 48, seed: 11)
        let speakers = (0..<48).map { "s\($0 % 8)" }
        let plan = try FoldPlan(.speakerIndependent, labels: data.labels, speakers: speakers, folds: 4, seed: 2)
        func run(_ workers: Int) -> RecurrentEvaluation.Result {
            RecurrentEvaluation.evaluate(
                sequences: data.sequences, width: 2, labels: data.labels, classCount: 2, speakers: speakers, plan: plan,
                normalized: [true, false, true, false, false], parameters: Self.parameters, seed: 4, workers: workers)
        }
        let (one, three) = (run(1), run(3))
        #expect(one.evaluation.predictions.map(\.probabilities) == three.evaluation.predictions.map(\.probabilities))
        #expect(one.evaluation.predictions.allSatisfy { $0.fold >= 0 && $0.probabilities.count == 2 })
        #expect(one.evaluation.trainingCurves.map(\.loss) == three.evaluation.trainingCurves.map(\.loss))
        #expect(one.evaluation.chosenEpochs == three.evaluation.chosenEpochs)
        #expect(one.evaluation.chosenEpochs.count == 4 && one.evaluation.trainingCurves.count == 4)
        #expect(one.finalModel.network.parameters == three.finalModel.network.parameters)
        #expect(one.notes.isEmpty)
        #expect(one.typicalSpeaker == nil, "the final fit's decision is off")
        #expect(one.evaluation.parameterCount == one.finalModel.network.parameterCount)
    }

    @Test func aFoldOfOneSpeakerFallsBackWithANote() throws {
        let data = RecurrentTrainingTests.pulses(count: 12, seed: 12)
        let speakers = (0..<12).map { $0 < 6 ? "a" : "b" }
        let plan = try FoldPlan(.leaveOneSpeakerOut, labels: data.labels, speakers: speakers, folds: 2, seed: 2)
        let result = RecurrentEvaluation.evaluate(
            sequences: data.sequences, width: 2, labels: data.labels, classCount: 2, speakers: speakers, plan: plan,
            normalized: [true, true, true], parameters: Self.parameters, seed: 4, workers: 2)
        #expect(result.notes.count == 2, "\(result.notes)")
        #expect(result.notes.allSatisfy { $0.hasPrefix("GRU, fold ") && $0.contains("one speaker's") })
        #expect(result.evaluation.predictions.allSatisfy { $0.fold >= 0 })
        #expect(result.typicalSpeaker != nil)
    }

    @Test func savedWeightsPredictAsTheModelDid() throws {
        let data = RecurrentTrainingTests.pulses(count: 20, seed: 13)
        let model = RecurrentTraining.fit(
            sequences: data.sequences, labels: data.labels, validation: [], validationLabels: [], width: 2,
            classCount: 2, parameters: Self.parameters, seed: 3)
        let typical = FrameStandardizer(mean: [0.5, -1], scale: [2, 3])
        let json = try JSONEncoder().encode(RecurrentWeights(model, typicalSpeaker: typical))
        let loaded = try ModelKind.gru.load(json, featureCount: 82, classCount: 2)
        let recurrent = try #require(loaded as? RecurrentClassifier)
        #expect(recurrent.probabilities(sequences: data.sequences) == model.probabilities(data.sequences))
        #expect(recurrent.typicalSpeaker?.mean == typical.mean && recurrent.typicalSpeaker?.scale == typical.scale)
        #expect(throws: LearnError.self) { try recurrent.predict(Matrix(rows: [[1, 2]])) }
        #expect(throws: LearnError.self) { try ModelKind.gru.load(json, featureCount: 82, classCount: 3) }
    }

    /// Why `json` is refused as a GRU model of 2 classes, or nil when it is read.
    static func refusal(_ json: Data) -> String? {
        do {
            _ = try ModelKind.gru.load(json, featureCount: 1, classCount: 2)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func damagedWeightsAreOneLineErrors() throws {
        let data = RecurrentTrainingTests.pulses(count: 8, seed: 14)
        let model = RecurrentTraining.fit(
            sequences: data.sequences, labels: data.labels, validation: [], validationLabels: [], width: 2,
            classCount: 2, parameters: Self.parameters, seed: 3)
        let good = RecurrentWeights(model)
        var cases: [(RecurrentWeights, String)] = []
        var shortArray = good
        shortArray.parameters[1].removeLast()
        cases.append((shortArray, "parameters[1] has"))
        var missingArray = good
        missingArray.parameters.removeLast()
        cases.append((missingArray, "a GRU model has 10"))
        var hugeHidden = good
        hugeHidden.hiddenSize = 1 << 40
        cases.append((hugeHidden, "hidden_size is"))
        var badScale = good
        badScale.frameScale[0] = 0
        cases.append((badScale, "frame_scale"))
        var oneClass = good
        oneClass.classCount = 1
        cases.append((oneClass, "classes is 1"))
        var halfTypical = good
        halfTypical.typicalSpeakerMean = [0, 0]
        cases.append((halfTypical, "typical_speaker_mean"))
        for (weights, message) in cases {
            let refusal = Self.refusal(try JSONEncoder().encode(weights))
            #expect(refusal?.contains(message) == true, "\(refusal ?? "accepted"): \(message)")
            #expect(refusal?.contains("\n") == false)
        }
        var infinite = String(decoding: try JSONEncoder().encode(good), as: UTF8.self)
        infinite = infinite.replacingOccurrences(of: "\"parameters\":[[", with: "\"parameters\":[[1e999,")
        #expect(Self.refusal(Data(infinite.utf8)) != nil)
    }
}

/// Late fusion's weights: chosen on validation clips by cross-entropy over a grid of the simplex.
@Suite struct LateFusionTests {
    @Test func theModelThatKnowsTheAnswerGetsTheWeight() {
        let labels = [0, 1, 0, 1, 2, 2]
        let right = labels.map { label in (0..<3).map { $0 == label ? 0.8 : 0.1 } }
        let unsure = labels.map { _ in [1.0 / 3, 1.0 / 3, 1.0 / 3] }
        let wrong = labels.map { label in (0..<3).map { $0 == (label + 1) % 3 ? 0.8 : 0.1 } }
        let weights = LateFusion.weights([unsure, right, wrong], labels: labels, classCount: 3)
        #expect(weights == [0, 1, 0])
        let fused = LateFusion.fuse([unsure, right], weights: [0.5, 0.5])
        #expect(abs(fused[0][0] - (0.8 + 1.0 / 3) / 2) < 1e-12)
        #expect(fused.allSatisfy { abs($0.reduce(0, +) - 1) < 1e-12 })
    }

    @Test func equalModelsKeepEqualWeights() {
        let labels = [0, 1, 1, 0]
        let same = labels.map { label in (0..<2).map { $0 == label ? 0.7 : 0.3 } }
        #expect(LateFusion.weights([same, same], labels: labels, classCount: 2) == [0.5, 0.5])
        var count = 0
        LateFusion.compositions(of: 10, into: 5) { parts in
            #expect(parts.reduce(0, +) == 10)
            count += 1
        }
        #expect(count == 1001)
    }

    @Test func savedWeightsAreChecked() throws {
        let good = FusionWeights(models: [.svm, .gru], weights: [0.3, 0.7])
        let loaded = try ModelKind.fusion.load(JSONEncoder().encode(good), featureCount: 3, classCount: 2)
        #expect((loaded as? FusionClassifier)?.fusion == good)
        for bad in [
            FusionWeights(models: [.svm], weights: [1]), FusionWeights(models: [.svm, .svm], weights: [0.5, 0.5]),
            FusionWeights(models: [.svm, .fusion], weights: [0.5, 0.5]),
            FusionWeights(models: [.svm, .gru], weights: [0.5, 0.6]),
            FusionWeights(models: [.svm, .gru], weights: [1.5, -0.5]),
        ] {
            #expect(throws: LearnError.self) { try FusionWeights.load(json: JSONEncoder().encode(bad)) }
        }
    }
}
