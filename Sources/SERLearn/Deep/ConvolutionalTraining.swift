package import SERSettings

/// How the `cnn` model is shaped and trained: `train.cnn` in the settings.
package struct ConvolutionalTrainingParameters: SettingGroup, Hashable, TrainingSchedule {
    /// Mel bands of the log-mel spectrogram the network sees (`librosa.feature.melspectrogram(n_mels=…)`).
    package var melBands = 64
    /// Output channels of each convolution block (each block halves the bands and frames).
    package var channels = [8, 16, 32]
    package var epochs = 40
    package var batchSize = 32
    package var learningRate = 0.003
    package var weightDecay = 1e-4
    package var dropout = 0.3
    package var patience = 10
    package var masking = true
    package var noise = 0.1
    package var gradientClip = 5.0
    package var averaging = 0.99

    package init() {}

    package static let schema = SettingSchema<ConvolutionalTrainingParameters>([
        Setting(
            "n_mels", \.melBands, "mel bands of the log-mel spectrogram (n_mels; changing it re-computes the log-mels)",
            allowed: .range(8...256)),
        Setting(
            "channels", \.channels,
            "output channels of each 3×3 convolution block (each block halves bands and frames)",
            allowed: .all(.atLeastOne(), .each(.range(1...512)))),
        Setting("epochs", \.epochs, "epochs at most", allowed: .range(1...10_000)),
        Setting("batch_size", \.batchSize, "clips per mini-batch", allowed: .range(1...100_000)),
        Setting(
            "learning_rate", \.learningRate,
            "Adam's step size at the start (halved after patience/2 epochs without gain)",
            allowed: .range(0, 1, includingLower: false)),
        Setting("weight_decay", \.weightDecay, "L2 weight decay added to each gradient", allowed: .range(0, 1)),
        Setting(
            "dropout", \.dropout, "share of the pooled channels dropped in training",
            allowed: .range(0, 1, includingUpper: false)),
        Setting(
            "patience", \.patience, "epochs without a better validation UAR before training stops",
            allowed: .range(1...10_000)),
        Setting(
            "masking", \.masking, "SpecAugment-style masking: a span of frames and a band of mels per clip and epoch"),
        Setting(
            "noise", \.noise, "standard deviation of Gaussian noise on the standardised log-mels (0: none)",
            allowed: .range(0, 10)),
        Setting(
            "gradient_clip", \.gradientClip, "largest gradient norm; larger gradients are scaled down (0: no clipping)",
            allowed: .range(0, 1e6)),
        Setting(
            "averaging", \.averaging, "decay of the moving average of the weights per mini-batch (0: none)",
            allowed: .range(0, 1, includingUpper: false)),
    ])
}

/// A trained `cnn` model: the network, the per-band scaling of the log-mels it expects and how training went.
package struct ConvolutionalModel: TrainedSequenceModel {
    package var network: ConvolutionalNetwork
    package let standardizer: FrameStandardizer
    package let curve: [EpochRecord]
    package let chosenEpoch: Int

    package var parameterCount: Int { network.parameterCount }

    /// Class probabilities of each clip's log-mel (`frames × bands`, unscaled), `clips × classes`.
    package func probabilities(_ sequences: [[Double]]) -> [[Double]] {
        let scaled: [[Float]] = sequences.map { standardizer.transform($0) }
        return network.probabilities(of: scaled).map { $0.map(Double.init) }
    }
}

/// Trains the `cnn` model (``DeepTraining``); training crops are the median training clip's length.
package enum ConvolutionalTraining {
    package static func fit(
        sequences: [[Double]], labels: [Int], validation: [[Double]], validationLabels: [Int], bands: Int,
        classCount: Int, parameters: ConvolutionalTrainingParameters, seed: UInt64
    ) -> ConvolutionalModel {
        let lengths = sequences.map { $0.count / bands }.sorted()
        let network = ConvolutionalNetwork(
            bands: bands, channels: parameters.channels, classCount: classCount,
            cropFrames: lengths.isEmpty ? 1 : lengths[lengths.count / 2], seed: SeededGenerator.derived(from: seed, 1))
        let trained = DeepTraining.fit(
            network, sequences: sequences, labels: labels, validation: validation, validationLabels: validationLabels,
            width: bands, classCount: classCount, schedule: parameters, seed: seed)
        return ConvolutionalModel(
            network: trained.network, standardizer: trained.standardizer, curve: trained.curve,
            chosenEpoch: trained.chosenEpoch)
    }
}
