package import Foundation

/// The `cnn` model as saved to `models/cnn.json`: its shape, its parameter arrays in ``ConvolutionalNetwork``'s
/// order (per block: PyTorch's `conv.weight` `[out, in, 3, 3]` flattened, `conv.bias`, `bn.weight`, `bn.bias`;
/// then the dense layer's `weight` `[classes, channels · bands / 2^blocks]` and `bias`), each block's running mean and variance, and the per-band scaling
/// of the log-mels it expects. Decoding checks every shape (``check()``).
package struct ConvolutionalWeights: Codable, Sendable, Equatable {
    package var bands: Int
    package var channels: [Int]
    package var cropFrames: Int
    package var classCount: Int
    package var bandMean: [Double]
    package var bandScale: [Double]
    package var parameters: [[Float]]
    package var runningMean: [[Float]]
    package var runningVariance: [[Float]]
    package var typicalSpeakerMean: [Double]?
    package var typicalSpeakerScale: [Double]?

    enum CodingKeys: String, CodingKey {
        case bands = "n_mels"
        case channels
        case cropFrames = "crop_frames"
        case classCount = "classes"
        case bandMean = "band_mean"
        case bandScale = "band_scale"
        case parameters
        case runningMean = "running_mean"
        case runningVariance = "running_var"
        case typicalSpeakerMean = "typical_speaker_mean"
        case typicalSpeakerScale = "typical_speaker_scale"
    }

    /// Channels of one block a saved model may have, and blocks.
    static let largestChannels = 1024
    static let mostBlocks = 8

    package init(_ model: ConvolutionalModel, typicalSpeaker: FrameStandardizer? = nil) {
        let network = model.network
        bands = network.bands
        channels = network.channels
        cropFrames = network.cropFrames
        classCount = network.classCount
        bandMean = model.standardizer.mean
        bandScale = model.standardizer.scale
        parameters = network.parameters
        runningMean = network.normalizations.map(\.runningMean)
        runningVariance = network.normalizations.map(\.runningVariance)
        typicalSpeakerMean = typicalSpeaker?.mean
        typicalSpeakerScale = typicalSpeaker?.scale
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        bands = try container.decode(Int.self, forKey: .bands)
        channels = try container.decode([Int].self, forKey: .channels)
        cropFrames = try container.decode(Int.self, forKey: .cropFrames)
        classCount = try container.decode(Int.self, forKey: .classCount)
        bandMean = try container.decode([Double].self, forKey: .bandMean)
        bandScale = try container.decode([Double].self, forKey: .bandScale)
        parameters = try container.decode([[Float]].self, forKey: .parameters)
        runningMean = try container.decode([[Float]].self, forKey: .runningMean)
        runningVariance = try container.decode([[Float]].self, forKey: .runningVariance)
        typicalSpeakerMean = try container.decodeIfPresent([Double].self, forKey: .typicalSpeakerMean)
        typicalSpeakerScale = try container.decodeIfPresent([Double].self, forKey: .typicalSpeakerScale)
        try check()
    }

    /// The weights `json` holds, checked; any fault is one ``LearnError`` line.
    package static func load(json: Data) throws(LearnError) -> ConvolutionalWeights {
        try SavedModelFile.decode(ConvolutionalWeights.self, from: json)
    }

    /// Throws unless the sizes are within limits, every array has its shape's length and every value is finite
    /// (scales and variances positive).
    package func check() throws(LearnError) {
        guard (1...Self.mostBlocks).contains(channels.count),
            channels.allSatisfy({ (1...Self.largestChannels).contains($0) })
        else {
            throw LearnError(
                .malformedModel,
                "channels must list 1 to \(Self.mostBlocks) blocks of 1 to \(Self.largestChannels) channels")
        }
        guard bands >= 1 << channels.count, bands <= 4096 else {
            throw LearnError(.malformedModel, "n_mels is \(bands); \(channels.count) blocks need 2^blocks to 4096")
        }
        guard (1...1_000_000).contains(cropFrames) else {
            throw LearnError(.malformedModel, "crop_frames is \(cropFrames); allowed: 1 to 1000000")
        }
        guard (2...SavedModelLimits.classes).contains(classCount) else {
            throw LearnError(.malformedModel, "classes is \(classCount); allowed: 2 to \(SavedModelLimits.classes)")
        }
        guard bandMean.count == bands, bandScale.count == bands, bandMean.allSatisfy(\.isFinite),
            bandScale.allSatisfy({ $0.isFinite && $0 > 0 })
        else {
            throw LearnError(.malformedModel, "band_mean and band_scale must hold n_mels finite values (scales > 0)")
        }
        try FrameStandardizer.checkSaved(
            mean: typicalSpeakerMean, scale: typicalSpeakerScale, count: bands, unit: "n_mels")
        var expected: [Int] = []
        var previous = 1
        for count in channels {
            expected += [count * previous * 9, count, count, count]
            previous = count
        }
        expected += [classCount * previous * (bands >> channels.count), classCount]
        guard parameters.count == expected.count else {
            throw LearnError(
                .malformedModel,
                "parameters has \(parameters.count) arrays, \(channels.count) blocks need \(expected.count)")
        }
        for (index, (array, count)) in zip(parameters, expected).enumerated() {
            guard array.count == count, array.allSatisfy(\.isFinite) else {
                throw LearnError(
                    .malformedModel, "parameters[\(index)] must hold \(count) finite values (has \(array.count))")
            }
        }
        guard runningMean.count == channels.count, runningVariance.count == channels.count else {
            throw LearnError(.malformedModel, "running_mean and running_var need one array per block")
        }
        for (block, count) in channels.enumerated() {
            guard runningMean[block].count == count, runningVariance[block].count == count,
                runningMean[block].allSatisfy(\.isFinite), runningVariance[block].allSatisfy({ $0.isFinite && $0 >= 0 })
            else {
                throw LearnError(
                    .malformedModel, "running_mean[\(block)] and running_var[\(block)] must hold \(count) finite values"
                )
            }
        }
    }

    package var typicalSpeaker: FrameStandardizer? {
        guard let typicalSpeakerMean, let typicalSpeakerScale else { return nil }
        return FrameStandardizer(mean: typicalSpeakerMean, scale: typicalSpeakerScale)
    }

    /// The model these weights make.
    package var model: ConvolutionalModel {
        var network = ConvolutionalNetwork(
            bands: bands, channels: channels, classCount: classCount, cropFrames: cropFrames, seed: 0)
        network.parameters = parameters
        for block in channels.indices {
            network.normalizations[block].runningMean = runningMean[block]
            network.normalizations[block].runningVariance = runningVariance[block]
        }
        return ConvolutionalModel(
            network: network, standardizer: FrameStandardizer(mean: bandMean, scale: bandScale), curve: [],
            chosenEpoch: -1)
    }
}

/// The `cnn` model as a ``TrainedClassifier``: it predicts from a clip's log-mel spectrogram
/// (``probabilities(sequences:)``), never from a row of clip statistics. Saved as JSON by the caller
/// (``ConvolutionalWeights``).
package final class ConvolutionalClassifier: TrainedClassifier {
    package let kind = ModelKind.cnn
    package let model: ConvolutionalModel
    /// With speaker normalisation: how the training corpus's typical speaker's log-mels are scaled.
    package let typicalSpeaker: FrameStandardizer?

    package init(model: ConvolutionalModel, typicalSpeaker: FrameStandardizer? = nil) {
        self.model = model
        self.typicalSpeaker = typicalSpeaker
    }

    package func predict(_ features: Matrix) throws -> (labels: [Int], probabilities: Matrix) {
        throw LearnError(.needsFrames, "the CNN predicts from a clip's log-mel spectrogram, not from its statistics")
    }

    /// Class probabilities of each clip's log-mel (`frames × bands` unscaled values each), `clips × classes`.
    package func probabilities(sequences: [[Double]]) -> [[Double]] { model.probabilities(sequences) }

    package func save(to path: String) throws {}
}
