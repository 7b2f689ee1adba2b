package import Foundation
import ONNXProto
package import SERLearn

/// The `cnn` model as an ONNX graph (opset 17): one clip's log-mel spectrogram in (`log_mel`, `[N, T, n_mels]`
/// float32, frame-major as `serreport features --report` prints it transposed), class probabilities out
/// (`probabilities`, `[N, classes]`). As ``RecurrentONNX``, the graph holds the typical-speaker normalisation
/// (when trained speaker-normalised) and the per-band scaling, then
///
///     Transpose, Unsqueeze → [Conv 3×3 → BatchNormalization → Relu → MaxPool 2×2] × blocks
///     → ReduceMean over time → Flatten → Gemm → Softmax
///
/// A clip needs at least 2^blocks frames (serreport pads shorter ones with the scaled mean; the graph does not).
package enum ConvolutionalONNX {
    package static func model(_ weights: ConvolutionalWeights, labels: [String], producerVersion: String) throws
        -> Data
    {
        try RecurrentONNX.serialized(
            graph(weights), doc: "serreport cnn: log_mel [N, T, n_mels] → probabilities [N, classes]", labels: labels,
            producerVersion: producerVersion)
    }

    static func graph(_ weights: ConvolutionalWeights) -> Onnx_GraphProto {
        typealias Graph = RecurrentONNX
        let (m, c) = (weights.bands, weights.classCount)
        var graph = Onnx_GraphProto()
        graph.name = "serreport_cnn"
        graph.input = [Graph.valueInfo("log_mel", dims: [.symbol("N"), .symbol("T"), .size(m)])]
        graph.output = [Graph.valueInfo("probabilities", dims: [.symbol("N"), .size(c)])]
        var nodes: [Onnx_NodeProto] = []
        var initializers: [Onnx_TensorProto] = []
        var current = "log_mel"
        if let typical = weights.typicalSpeaker {
            initializers += [
                Graph.tensor("typical_mean", typical.mean.map(Float.init), dims: [m]),
                Graph.tensor("typical_scale", typical.scale.map(Float.init), dims: [m]),
            ]
            nodes += [
                Graph.node("Sub", [current, "typical_mean"], ["typical_centred"]),
                Graph.node("Div", ["typical_centred", "typical_scale"], ["typical_scaled"]),
            ]
            current = "typical_scaled"
        }
        initializers += [
            Graph.tensor("band_mean", weights.bandMean.map(Float.init), dims: [m]),
            Graph.tensor("band_scale", weights.bandScale.map(Float.init), dims: [m]),
            Graph.tensor("zero", [0], dims: []),
            Onnx_TensorProto.int64("channel_axis", [1]),
        ]
        nodes += [
            Graph.node("Sub", [current, "band_mean"], ["centred"]),
            Graph.node("Div", ["centred", "band_scale"], ["scaled"]),
            Graph.node("IsNaN", ["scaled"], ["missing"]),
            Graph.node("IsInf", ["scaled"], ["infinite"]),
            Graph.node("Or", ["missing", "infinite"], ["undefined"]),
            Graph.node("Where", ["undefined", "zero", "scaled"], ["inputs"]),
            // [N, T, M] → [N, M, T] → [N, 1, M, T]: one channel, bands as height, frames as width.
            Graph.node("Transpose", ["inputs"], ["band_major"], attributes: [Graph.ints("perm", [0, 2, 1])]),
            Graph.node("Unsqueeze", ["band_major", "channel_axis"], ["block0"]),
        ]
        let p = weights.parameters
        var previous = 1
        for (block, count) in weights.channels.enumerated() {
            let prefix = "block\(block)"
            initializers += [
                Graph.tensor("\(prefix)_conv_weight", p[4 * block], dims: [count, previous, 3, 3]),
                Graph.tensor("\(prefix)_conv_bias", p[4 * block + 1], dims: [count]),
                Graph.tensor("\(prefix)_bn_scale", p[4 * block + 2], dims: [count]),
                Graph.tensor("\(prefix)_bn_shift", p[4 * block + 3], dims: [count]),
                Graph.tensor("\(prefix)_bn_mean", weights.runningMean[block], dims: [count]),
                Graph.tensor("\(prefix)_bn_var", weights.runningVariance[block], dims: [count]),
            ]
            nodes += [
                Graph.node(
                    "Conv", [prefix, "\(prefix)_conv_weight", "\(prefix)_conv_bias"], ["\(prefix)_conv"],
                    attributes: [Graph.ints("kernel_shape", [3, 3]), Graph.ints("pads", [1, 1, 1, 1])]),
                Graph.node(
                    "BatchNormalization",
                    [
                        "\(prefix)_conv", "\(prefix)_bn_scale", "\(prefix)_bn_shift", "\(prefix)_bn_mean",
                        "\(prefix)_bn_var",
                    ], ["\(prefix)_bn"], attributes: [float("epsilon", 1e-5)]),
                Graph.node("Relu", ["\(prefix)_bn"], ["\(prefix)_relu"]),
                Graph.node(
                    "MaxPool", ["\(prefix)_relu"], ["block\(block + 1)"],
                    attributes: [Graph.ints("kernel_shape", [2, 2]), Graph.ints("strides", [2, 2])]),
            ]
            previous = count
        }
        let features = previous * (weights.bands >> weights.channels.count)
        initializers += [
            Graph.tensor("dense_weight", p[4 * weights.channels.count], dims: [c, features]),
            Graph.tensor("dense_bias", p[4 * weights.channels.count + 1], dims: [c]),
        ]
        nodes += [
            Graph.node(
                "ReduceMean", ["block\(weights.channels.count)"], ["time_mean"],
                attributes: [Graph.ints("axes", [3]), Graph.int("keepdims", 0)]),
            Graph.node("Flatten", ["time_mean"], ["pooled"], attributes: [Graph.int("axis", 1)]),
            Graph.node(
                "Gemm", ["pooled", "dense_weight", "dense_bias"], ["logits"], attributes: [Graph.int("transB", 1)]),
            Graph.node("Softmax", ["logits"], ["probabilities"], attributes: [Graph.int("axis", 1)]),
        ]
        graph.node = nodes
        graph.initializer = initializers
        return graph
    }

    static func float(_ name: String, _ value: Float) -> Onnx_AttributeProto {
        var attribute = Onnx_AttributeProto()
        attribute.name = name
        attribute.type = .float
        attribute.f = value
        return attribute
    }
}
