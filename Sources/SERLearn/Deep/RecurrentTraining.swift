package import SERSettings

/// How the `gru` model trains: `train.gru` in the settings. The defaults were chosen on the `serreport-bench gru`
/// runs in Benchmarks/README.md (RAVDESS 5-fold and EmoDB leave-one-speaker-out); early stopping and the step
/// size schedule read each corpus's own validation speakers, so no epoch count is tuned to either corpus.
package struct RecurrentTrainingParameters: SettingGroup, Hashable, TrainingSchedule {
    /// Units of each direction's GRU.
    package var hiddenSize = 64
    /// Epochs at most.
    package var epochs = 60
    /// Clips per mini-batch.
    package var batchSize = 32
    /// Adam's step size at the start.
    package var learningRate = 0.002
    /// L2 weight decay (Adam's `weight_decay`).
    package var weightDecay = 1e-4
    /// Dropout on the pooled features.
    package var dropout = 0.3
    /// Epochs without a better validation UAR before training stops (the best epoch's weights are kept); the
    /// step size halves after half as many.
    package var patience = 12
    /// SpecAugment-style masking: one span of up to a tenth of a clip's frames and one band of up to a tenth
    /// of its dimensions set to the mean, per clip and epoch.
    package var masking = true
    /// Standard deviation of Gaussian noise added to the standardised frames (0: none).
    package var noise = 0.1
    /// Gradients whose norm exceeds this are scaled down to it.
    package var gradientClip = 5.0
    /// Decay of the exponential moving average of the weights, per mini-batch (0: none): validation and the
    /// kept model use the average (Polyak averaging), smoother than any one step's weights.
    package var averaging = 0.99

    package init() {}

    package static let schema = SettingSchema<RecurrentTrainingParameters>(
        [Setting("hidden_size", \.hiddenSize, "units of each direction's GRU", allowed: .range(1...1024))]
            + scheduleSettings)
}

/// A trained `gru` model: the network, the frame scaling it expects and how its training went.
package struct RecurrentModel: TrainedSequenceModel {
    package var network: RecurrentNetwork<Float>
    package let standardizer: FrameStandardizer
    package let curve: [EpochRecord]
    /// The epoch (0-based) whose weights were kept.
    package let chosenEpoch: Int

    package var parameterCount: Int { network.parameterCount }

    /// Class probabilities of each clip (`frames × width` values each), `clips × classes`.
    package func probabilities(_ sequences: [[Double]]) -> [[Double]] { probabilities(sequences, batchSize: 64) }

    package func probabilities(_ sequences: [[Double]], batchSize: Int) -> [[Double]] {
        let scaled: [[Float]] = sequences.map { standardizer.transform($0) }
        return network.probabilities(of: scaled, batchSize: batchSize).map { $0.map(Double.init) }
    }
}

extension RecurrentNetwork: TrainableNetwork where Scalar == Float {
    package struct TrainingPass {
        let pass: Pass
        let batch: SequenceBatch<Float>
    }

    package mutating func trainingPass(
        _ inputs: [[Float]], width: Int, dropout rate: Double, generator: inout SeededGenerator
    ) -> TrainingPass {
        let batch = SequenceBatch<Float>(inputs, width: width)
        let mask = dropoutMask(batch: batch.count, rate: rate, generator: &generator)
        return TrainingPass(pass: forward(batch, dropout: mask), batch: batch)
    }

    package func logits(_ pass: TrainingPass) -> [Float] { pass.pass.logits }

    package func gradients(_ pass: TrainingPass, logitGradient: [Float]) -> [[Float]] {
        backward(pass.pass, batch: pass.batch, logitGradient: logitGradient)
    }

    package func scoringProbabilities(of inputs: [[Float]]) -> [[Float]] { probabilities(of: inputs) }
}

/// Trains the `gru` model (``DeepTraining``).
package enum RecurrentTraining {
    /// - Parameters:
    ///   - sequences, labels: the training clips (`frames × width` values each, unscaled) and their classes.
    ///   - validation, validationLabels: the clips early stopping scores (none: every epoch runs, the last kept).
    package static func fit(
        sequences: [[Double]], labels: [Int], validation: [[Double]], validationLabels: [Int], width: Int,
        classCount: Int, parameters: RecurrentTrainingParameters, seed: UInt64
    ) -> RecurrentModel {
        let network = RecurrentNetwork<Float>(
            inputSize: width, hiddenSize: parameters.hiddenSize, classCount: classCount,
            seed: SeededGenerator.derived(from: seed, 1))
        let trained = DeepTraining.fit(
            network, sequences: sequences, labels: labels, validation: validation, validationLabels: validationLabels,
            width: width, classCount: classCount, schedule: parameters, seed: seed)
        return RecurrentModel(
            network: trained.network, standardizer: trained.standardizer, curve: trained.curve,
            chosenEpoch: trained.chosenEpoch)
    }
}
