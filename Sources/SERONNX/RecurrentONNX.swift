package import Foundation
import ONNXProto
package import SERLearn
import SwiftProtobuf

/// The `gru` model as an ONNX graph (opset 17), for onnxruntime or any ONNX runtime: one clip's raw frame
/// vectors in (`frames`, `[N, T, D]` float32, NaN where a descriptor is undefined), class probabilities out
/// (`probabilities`, `[N, classes]`). The graph holds every step after feature extraction that `predict`
/// takes: the training corpus's typical-speaker normalisation (when the model was trained speaker-normalised),
/// the frame standardisation, missing values set to 0, then the network —
///
///     Transpose → GRU (bidirectional, linear_before_reset = 1) → ReduceMean, ReduceMax over time
///     → [mean | max] per direction → Gemm → Softmax
///
/// The GRU's gates are reordered from PyTorch's r, z, n to ONNX's z, r, h. Pooling takes every time step, so
/// clips batched together must have the same number of frames (run one clip at a time otherwise).
package enum RecurrentONNX {
    /// The model file's bytes. `labels` name the classes in output order (kept in the model's metadata).
    package static func model(_ weights: RecurrentWeights, labels: [String], producerVersion: String) throws -> Data {
        try serialized(
            graph(weights), doc: "serreport gru: frames [N, T, D] → probabilities [N, classes]", labels: labels,
            producerVersion: producerVersion)
    }

    /// A model file holding `graph`: IR 8, opset 17, serreport as producer, the class names in the metadata
    /// (`labels`, comma-separated); deterministic bytes.
    static func serialized(_ graph: Onnx_GraphProto, doc: String, labels: [String], producerVersion: String) throws
        -> Data
    {
        var model = Onnx_ModelProto()
        model.irVersion = 8
        model.producerName = "serreport"
        model.producerVersion = producerVersion
        model.docString = doc
        var opset = Onnx_OperatorSetIdProto()
        opset.domain = ""
        opset.version = 17
        model.opsetImport = [opset]
        var labelsEntry = Onnx_StringStringEntryProto()
        labelsEntry.key = "labels"
        labelsEntry.value = labels.joined(separator: ",")
        model.metadataProps = [labelsEntry]
        model.graph = graph
        var options = BinaryEncodingOptions()
        options.useDeterministicOrdering = true
        return try model.serializedData(options: options)
    }

    static func graph(_ weights: RecurrentWeights) -> Onnx_GraphProto {
        let (d, h, c) = (weights.inputSize, weights.hiddenSize, weights.classCount)
        var graph = Onnx_GraphProto()
        graph.name = "serreport_gru"
        graph.input = [valueInfo("frames", dims: [.symbol("N"), .symbol("T"), .size(d)])]
        graph.output = [valueInfo("probabilities", dims: [.symbol("N"), .size(c)])]
        var nodes: [Onnx_NodeProto] = []
        var initializers: [Onnx_TensorProto] = []
        var current = "frames"
        if let typical = weights.typicalSpeaker {
            initializers += [
                tensor("typical_mean", typical.mean.map(Float.init), dims: [d]),
                tensor("typical_scale", typical.scale.map(Float.init), dims: [d]),
            ]
            nodes += [
                node("Sub", [current, "typical_mean"], ["typical_centred"]),
                node("Div", ["typical_centred", "typical_scale"], ["typical_scaled"]),
            ]
            current = "typical_scaled"
        }
        initializers += [
            tensor("frame_mean", weights.frameMean.map(Float.init), dims: [d]),
            tensor("frame_scale", weights.frameScale.map(Float.init), dims: [d]),
            tensor("zero", [0], dims: []),
        ]
        nodes += [
            node("Sub", [current, "frame_mean"], ["centred"]),
            node("Div", ["centred", "frame_scale"], ["scaled"]),
            node("IsNaN", ["scaled"], ["missing"]),
            node("IsInf", ["scaled"], ["infinite"]),
            node("Or", ["missing", "infinite"], ["undefined"]),
            node("Where", ["undefined", "zero", "scaled"], ["inputs"]),
            node("Transpose", ["inputs"], ["time_major"], attributes: [ints("perm", [1, 0, 2])]),
        ]
        let p = weights.parameters
        let order = [1, 0, 2]  // ONNX's z, r, h from PyTorch's r, z, n
        func gates(_ array: [Float], rowLength: Int) -> [Float] {
            order.flatMap { gate in array[(gate * h * rowLength)..<((gate + 1) * h * rowLength)] }
        }
        initializers += [
            tensor("W", gates(p[0], rowLength: d) + gates(p[4], rowLength: d), dims: [2, 3 * h, d]),
            tensor("R", gates(p[1], rowLength: h) + gates(p[5], rowLength: h), dims: [2, 3 * h, h]),
            tensor(
                "B",
                gates(p[2], rowLength: 1) + gates(p[3], rowLength: 1) + gates(p[6], rowLength: 1)
                    + gates(p[7], rowLength: 1), dims: [2, 6 * h]),
            tensor("dense_weight", p[8], dims: [c, 4 * h]),
            tensor("dense_bias", p[9], dims: [c]),
            Onnx_TensorProto.int64("pooled_shape", [0, -1]),
        ]
        nodes += [
            node(
                "GRU", ["time_major", "W", "R", "B"], ["states"],
                attributes: [
                    int("hidden_size", h), string("direction", "bidirectional"), int("linear_before_reset", 1),
                ]),
            // states: [T, 2, N, H] → mean and max over T: [2, N, H] each.
            node("ReduceMean", ["states"], ["mean"], attributes: [ints("axes", [0]), int("keepdims", 0)]),
            node("ReduceMax", ["states"], ["max"], attributes: [ints("axes", [0]), int("keepdims", 0)]),
            node("Concat", ["mean", "max"], ["pooled_by_direction"], attributes: [int("axis", 2)]),
            node("Transpose", ["pooled_by_direction"], ["pooled_by_clip"], attributes: [ints("perm", [1, 0, 2])]),
            node("Reshape", ["pooled_by_clip", "pooled_shape"], ["pooled"]),
            node("Gemm", ["pooled", "dense_weight", "dense_bias"], ["logits"], attributes: [int("transB", 1)]),
            node("Softmax", ["logits"], ["probabilities"], attributes: [int("axis", 1)]),
        ]
        graph.node = nodes
        graph.initializer = initializers
        return graph
    }

    enum Dimension {
        case size(Int)
        case symbol(String)
    }

    static func valueInfo(_ name: String, dims: [Dimension]) -> Onnx_ValueInfoProto {
        var shape = Onnx_TensorShapeProto()
        shape.dim = dims.map { dimension in
            var entry = Onnx_TensorShapeProto.Dimension()
            switch dimension {
            case .size(let size): entry.dimValue = Int64(size)
            case .symbol(let symbol): entry.dimParam = symbol
            }
            return entry
        }
        var tensorType = Onnx_TypeProto.Tensor()
        tensorType.elemType = Int32(Onnx_TensorProto.DataType.float.rawValue)
        tensorType.shape = shape
        var type = Onnx_TypeProto()
        type.tensorType = tensorType
        var info = Onnx_ValueInfoProto()
        info.name = name
        info.type = type
        return info
    }

    static func tensor(_ name: String, _ values: [Float], dims: [Int]) -> Onnx_TensorProto {
        precondition(values.count == dims.reduce(1, *), "\(name): \(values.count) values for \(dims)")
        var tensor = Onnx_TensorProto()
        tensor.name = name
        tensor.dims = dims.map(Int64.init)
        tensor.dataType = Int32(Onnx_TensorProto.DataType.float.rawValue)
        tensor.floatData = values
        return tensor
    }

    static func node(
        _ type: String, _ inputs: [String], _ outputs: [String], attributes: [Onnx_AttributeProto] = []
    ) -> Onnx_NodeProto {
        var node = Onnx_NodeProto()
        node.opType = type
        node.name = outputs[0]
        node.input = inputs
        node.output = outputs
        node.attribute = attributes
        return node
    }

    static func int(_ name: String, _ value: Int) -> Onnx_AttributeProto {
        var attribute = Onnx_AttributeProto()
        attribute.name = name
        attribute.type = .int
        attribute.i = Int64(value)
        return attribute
    }

    static func ints(_ name: String, _ values: [Int]) -> Onnx_AttributeProto {
        var attribute = Onnx_AttributeProto()
        attribute.name = name
        attribute.type = .ints
        attribute.ints = values.map(Int64.init)
        return attribute
    }

    static func string(_ name: String, _ value: String) -> Onnx_AttributeProto {
        var attribute = Onnx_AttributeProto()
        attribute.name = name
        attribute.type = .string
        attribute.s = Data(value.utf8)
        return attribute
    }
}

extension Onnx_TensorProto {
    /// A 1-D int64 tensor (a shape, for Reshape).
    static func int64(_ name: String, _ values: [Int]) -> Onnx_TensorProto {
        var tensor = Onnx_TensorProto()
        tensor.name = name
        tensor.dims = [Int64(values.count)]
        tensor.dataType = Int32(Onnx_TensorProto.DataType.int64.rawValue)
        tensor.int64Data = values.map(Int64.init)
        return tensor
    }
}
