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

    package static let schema = SettingSchema<ConvolutionalTrainingParameters>(
        [
            Setting(
                "n_mels", \.melBands,
                "mel bands of the log-mel spectrogram (n_mels; changing it runs the extract cell again)",
                allowed: .range(8...256)),
            Setting(
                "channels", \.channels,
                "output channels of each 3×3 convolution block (each block halves bands and frames)",
                allowed: .all(.atLeastOne(), .each(.range(1...512)))),
        ] + scheduleSettings,
        rules: [
            // Each block halves the bands: fewer than 2^blocks would leave none for the last one.
            Rule("channels") { (settings: ConvolutionalTrainingParameters) -> String? in
                guard settings.melBands < 1 << min(settings.channels.count, 30) else { return nil }
                return "\(settings.channels.count) blocks halve the bands \(settings.channels.count) times: n_mels "
                    + "\(settings.melBands) needs to be at least \(1 << min(settings.channels.count, 30)) (or fewer blocks)"
            }
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
