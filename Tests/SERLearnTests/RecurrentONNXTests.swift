import Foundation
import ONNXProto
import SERONNX
import SwiftProtobuf
import Testing

@testable import SERLearn

/// The GRU's ONNX graph as serreport writes it (onnxruntime checks what it computes, in `make check-onnx`).
@Suite struct RecurrentONNXTests {
    @Test func theGraphHoldsTheWeightsInONNXsGateOrder() throws {
        let data = RecurrentTrainingTests.pulses(count: 8, seed: 15)
        var parameters = RecurrentEvaluationTests.parameters
        parameters.hiddenSize = 3
        let model = RecurrentTraining.fit(
            sequences: data.sequences, labels: data.labels, validation: [], validationLabels: [], width: 2,
            classCount: 2, parameters: parameters, seed: 3)
        let weights = RecurrentWeights(model, typicalSpeaker: FrameStandardizer(mean: [1, 2], scale: [3, 4]))
        let bytes = try RecurrentONNX.model(weights, labels: ["early", "late"], producerVersion: "test")
        #expect(try RecurrentONNX.model(weights, labels: ["early", "late"], producerVersion: "test") == bytes)
        let decoded = try Onnx_ModelProto(serializedBytes: bytes)
        #expect(decoded.opsetImport.first?.version == 17)
        #expect(decoded.metadataProps.first { $0.key == "labels" }?.value == "early,late")
        let graph = decoded.graph
        #expect(graph.node.map(\.opType).contains("GRU"))
        #expect(graph.node.first?.opType == "Sub" && graph.node.first?.input == ["frames", "typical_mean"])
        let w = try #require(graph.initializer.first { $0.name == "W" })
        #expect(w.dims == [2, 9, 2])
        let h = 3
        let d = 2
        // ONNX's first block is the update gate z, PyTorch's second; its second is the reset gate r.
        #expect(Array(w.floatData[0..<(h * d)]) == Array(weights.parameters[0][(h * d)..<(2 * h * d)]))
        #expect(Array(w.floatData[(h * d)..<(2 * h * d)]) == Array(weights.parameters[0][0..<(h * d)]))
        #expect(Array(w.floatData[(2 * h * d)..<(3 * h * d)]) == Array(weights.parameters[0][(2 * h * d)...]))
        let b = try #require(graph.initializer.first { $0.name == "B" })
        #expect(b.dims == [2, 18] && b.floatData.count == 36)
        let gru = try #require(graph.node.first { $0.opType == "GRU" })
        #expect(gru.attribute.first { $0.name == "linear_before_reset" }?.i == 1)
        #expect(gru.attribute.first { $0.name == "direction" }?.s == Data("bidirectional".utf8))
    }

    @Test func theCNNGraphHoldsEveryBlock() throws {
        let data = ConvolutionalTrainingTests.ridges(count: 12, seed: 16)
        var parameters = ConvolutionalTrainingTests.parameters
        parameters.epochs = 2
        let model = ConvolutionalTraining.fit(
            sequences: data.sequences, labels: data.labels, validation: [], validationLabels: [], bands: 16,
            classCount: 2, parameters: parameters, seed: 3)
        let weights = ConvolutionalWeights(model)
        let bytes = try ConvolutionalONNX.model(weights, labels: ["low", "high"], producerVersion: "test")
        let graph = try Onnx_ModelProto(serializedBytes: bytes).graph
        #expect(graph.input.first?.name == "log_mel")
        #expect(graph.node.filter { $0.opType == "Conv" }.count == 2)
        #expect(graph.node.filter { $0.opType == "BatchNormalization" }.count == 2)
        let dense = try #require(graph.initializer.first { $0.name == "dense_weight" })
        #expect(dense.dims == [2, 8 * 4], "8 channels × 16/4 bands")
        let variance = try #require(graph.initializer.first { $0.name == "block1_bn_var" })
        #expect(variance.floatData == weights.runningVariance[1])
        #expect(graph.node.first?.input == ["log_mel", "band_mean"], "no typical speaker: the band scaling first")
    }
}
