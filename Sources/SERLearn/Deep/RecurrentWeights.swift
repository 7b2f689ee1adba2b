package import Foundation

/// The `gru` model as saved to `models/gru.json`: the network's shape, its ten parameter arrays in PyTorch's
/// order and layout (`weight_ih_l0`, `weight_hh_l0`, `bias_ih_l0`, `bias_hh_l0`, the same four `_reverse`,
/// then the dense layer's `weight` and `bias`; gates r, z, n), and the frame standardisation it expects.
/// Decoding checks every shape (``check()``), so a decoded value always makes a network that reads no
/// weight that is not there.
package struct RecurrentWeights: Codable, Sendable, Equatable {
    package var inputSize: Int
    package var hiddenSize: Int
    package var classCount: Int
    /// Each frame dimension's mean and deviation over the training frames (``FrameStandardizer``).
    package var frameMean: [Double]
    package var frameScale: [Double]
    package var parameters: [[Float]]
    /// With speaker normalisation: the mean over training speakers of each speaker's frame means and deviations,
    /// for a clip whose speaker has no other clips (nil without speaker normalisation).
    package var typicalSpeakerMean: [Double]?
    package var typicalSpeakerScale: [Double]?

    enum CodingKeys: String, CodingKey {
        case inputSize = "input_size"
        case hiddenSize = "hidden_size"
        case classCount = "classes"
        case frameMean = "frame_mean"
        case frameScale = "frame_scale"
        case parameters
        case typicalSpeakerMean = "typical_speaker_mean"
        case typicalSpeakerScale = "typical_speaker_scale"
    }

    /// Units of one direction a saved model may have.
    static let largestHiddenSize = 4096

    package init(_ model: RecurrentModel, typicalSpeaker: FrameStandardizer? = nil) {
        typicalSpeakerMean = typicalSpeaker?.mean
        typicalSpeakerScale = typicalSpeaker?.scale
        inputSize = model.network.inputSize
        hiddenSize = model.network.hiddenSize
        classCount = model.network.classCount
        frameMean = model.standardizer.mean
        frameScale = model.standardizer.scale
        parameters = model.network.parameters
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        inputSize = try container.decode(Int.self, forKey: .inputSize)
        hiddenSize = try container.decode(Int.self, forKey: .hiddenSize)
        classCount = try container.decode(Int.self, forKey: .classCount)
        frameMean = try container.decode([Double].self, forKey: .frameMean)
        frameScale = try container.decode([Double].self, forKey: .frameScale)
        parameters = try container.decode([[Float]].self, forKey: .parameters)
        typicalSpeakerMean = try container.decodeIfPresent([Double].self, forKey: .typicalSpeakerMean)
        typicalSpeakerScale = try container.decodeIfPresent([Double].self, forKey: .typicalSpeakerScale)
        try check()
    }

    /// The weights `json` holds, checked; any fault is one ``LearnError`` line.
    package static func load(json: Data) throws(LearnError) -> RecurrentWeights {
        try SavedModelFile.decode(RecurrentWeights.self, from: json)
    }

    /// The length each parameter array must have, in ``parameters`` order.
    var expectedCounts: [Int] {
        let gates = 3 * hiddenSize
        let direction = [gates * inputSize, gates * hiddenSize, gates, gates]
        return direction + direction + [classCount * 4 * hiddenSize, classCount]
    }

    /// Throws unless the sizes are within ``SavedModelLimits``, every array has its shape's length and every
    /// value is finite (scales positive).
    package func check() throws(LearnError) {
        guard (1...SavedModelLimits.features).contains(inputSize) else {
            throw LearnError(
                .malformedModel, "input_size is \(inputSize); allowed: 1 to \(SavedModelLimits.features)")
        }
        guard (1...Self.largestHiddenSize).contains(hiddenSize) else {
            throw LearnError(.malformedModel, "hidden_size is \(hiddenSize); allowed: 1 to \(Self.largestHiddenSize)")
        }
        guard (2...SavedModelLimits.classes).contains(classCount) else {
            throw LearnError(.malformedModel, "classes is \(classCount); allowed: 2 to \(SavedModelLimits.classes)")
        }
        guard frameMean.count == inputSize, frameScale.count == inputSize else {
            throw LearnError(
                .malformedModel,
                "frame_mean and frame_scale have \(frameMean.count) and \(frameScale.count) values, input_size is \(inputSize)"
            )
        }
        guard frameMean.allSatisfy(\.isFinite), frameScale.allSatisfy({ $0.isFinite && $0 > 0 }) else {
            throw LearnError(
                .malformedModel, "frame_mean or frame_scale holds a value that is not finite (or a scale ≤ 0)")
        }
        try FrameStandardizer.checkSaved(
            mean: typicalSpeakerMean, scale: typicalSpeakerScale, count: inputSize, unit: "input_size")
        let expected = expectedCounts
        guard parameters.count == expected.count else {
            throw LearnError(
                .malformedModel, "parameters has \(parameters.count) arrays, a GRU model has \(expected.count)")
        }
        for (index, (array, count)) in zip(parameters, expected).enumerated() {
            guard array.count == count else {
                throw LearnError(
                    .malformedModel, "parameters[\(index)] has \(array.count) values, the shapes call for \(count)")
            }
            guard array.allSatisfy(\.isFinite) else {
                throw LearnError(.malformedModel, "parameters[\(index)] holds a value that is not a finite number")
            }
        }
    }

    /// The typical speaker's frame scaling, when saved.
    package var typicalSpeaker: FrameStandardizer? {
        guard let typicalSpeakerMean, let typicalSpeakerScale else { return nil }
        return FrameStandardizer(mean: typicalSpeakerMean, scale: typicalSpeakerScale)
    }

    /// The model these weights make.
    package var model: RecurrentModel {
        var network = RecurrentNetwork<Float>(
            inputSize: inputSize, hiddenSize: hiddenSize, classCount: classCount, seed: 0)
        network.parameters = parameters
        return RecurrentModel(
            network: network, standardizer: FrameStandardizer(mean: frameMean, scale: frameScale), curve: [],
            chosenEpoch: -1)
    }
}

/// The `gru` model as a ``TrainedClassifier``: it predicts from each clip's frames
/// (``probabilities(sequences:)``), never from a row of clip statistics. Saved as JSON by the caller
/// (``RecurrentWeights``).
package final class RecurrentClassifier: TrainedClassifier {
    package let kind = ModelKind.gru
    package let model: RecurrentModel
    /// With speaker normalisation: how the training corpus's typical speaker's frames are scaled.
    package let typicalSpeaker: FrameStandardizer?

    package init(model: RecurrentModel, typicalSpeaker: FrameStandardizer? = nil) {
        self.model = model
        self.typicalSpeaker = typicalSpeaker
    }

    package func predict(_ features: Matrix) throws -> (labels: [Int], probabilities: Matrix) {
        throw LearnError(.needsFrames, "the GRU predicts from a clip's frames, not from its statistics")
    }

    /// Class probabilities of each clip (`frames × width` unscaled values each), `clips × classes`.
    package func probabilities(sequences: [[Double]]) -> [[Double]] { model.probabilities(sequences) }

    package func save(to path: String) throws {}
}
