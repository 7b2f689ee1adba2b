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
}
