package import SERSettings

/// How the `gru` model trains: `train.gru` in the settings. The defaults were chosen on the `serreport-bench gru`
/// runs in Benchmarks/README.md (RAVDESS 5-fold and EmoDB leave-one-speaker-out); early stopping and the step
/// size schedule read each corpus's own validation speakers, so no epoch count is tuned to either corpus.
package struct RecurrentTrainingParameters: SettingGroup, Hashable {
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
    /// Share of each training fold's speakers held out for early stopping (at least one speaker).
    package var validationSpeakers = 0.2

    package init() {}

    package static let schema = SettingSchema<RecurrentTrainingParameters>([
        Setting("hidden_size", \.hiddenSize, "units of each direction's GRU", allowed: .range(1...1024)),
        Setting("epochs", \.epochs, "epochs at most", allowed: .range(1...10_000)),
        Setting("batch_size", \.batchSize, "clips per mini-batch", allowed: .range(1...100_000)),
        Setting(
            "learning_rate", \.learningRate,
            "Adam's step size at the start (halved after patience/2 epochs without gain)",
            allowed: .range(0, 1, includingLower: false)),
        Setting("weight_decay", \.weightDecay, "L2 weight decay added to each gradient", allowed: .range(0, 1)),
        Setting(
            "dropout", \.dropout, "share of the pooled features dropped in training",
            allowed: .range(0, 1, includingUpper: false)),
        Setting(
            "patience", \.patience, "epochs without a better validation UAR before training stops",
            allowed: .range(1...10_000)),
        Setting(
            "masking", \.masking,
            "SpecAugment-style masking: a span of frames and a band of dimensions per clip and epoch"),
        Setting(
            "noise", \.noise, "standard deviation of Gaussian noise on the standardised frames (0: none)",
            allowed: .range(0, 10)),
        Setting(
            "gradient_clip", \.gradientClip, "largest gradient norm; larger gradients are scaled down (0: no clipping)",
            allowed: .range(0, 1e6)),
        Setting(
            "averaging", \.averaging, "decay of the moving average of the weights per mini-batch (0: none)",
            allowed: .range(0, 1, includingUpper: false)),
        Setting(
            "validation_speakers", \.validationSpeakers,
            "share of each training fold's speakers held out for early stopping (at least one)",
            allowed: .range(0, 1, includingLower: false, includingUpper: false)),
    ])
}

/// One epoch of training: what the report's training curves show.
package struct EpochRecord: Sendable, Hashable {
    package var trainingLoss: Double
    package var validationLoss: Double
    package var validationUAR: Double
}

/// A trained `gru` model: the network, the frame scaling it expects and how its training went.
package struct RecurrentModel: Sendable {
    package var network: RecurrentNetwork<Float>
    package let standardizer: FrameStandardizer
    package let curve: [EpochRecord]
    /// The epoch (0-based) whose weights were kept.
    package let chosenEpoch: Int

    /// Class probabilities of each clip (`frames × width` values each), `clips × classes`.
    package func probabilities(_ sequences: [[Double]], batchSize: Int = 64) -> [[Double]] {
        let scaled: [[Float]] = sequences.map { standardizer.transform($0) }
        return network.probabilities(of: scaled, batchSize: batchSize).map { $0.map(Double.init) }
    }
}

/// Trains the `gru` model: mini-batches of clips in a seeded order, class-weighted cross-entropy, Adam with
/// gradient clipping, dropout and augmentation (masking, noise), and early stopping on the UAR of validation
/// clips the caller holds out (by speaker, inside the training fold).
package enum RecurrentTraining {
    /// - Parameters:
    ///   - sequences, labels: the training clips (`frames × width` values each, unscaled) and their classes.
    ///   - validation, validationLabels: the clips early stopping scores (none: every epoch runs, the last kept).
    package static func fit(
        sequences: [[Double]], labels: [Int], validation: [[Double]], validationLabels: [Int], width: Int,
        classCount: Int, parameters: RecurrentTrainingParameters, seed: UInt64
    ) -> RecurrentModel {
        precondition(
            sequences.count == labels.count && validation.count == validationLabels.count, "one label per clip")
        precondition(!sequences.isEmpty, "training needs clips")
        let standardizer = FrameStandardizer(fitting: sequences, width: width)
        let training: [[Float]] = sequences.map { standardizer.transform($0) }
        let held: [[Float]] = validation.map { standardizer.transform($0) }
        var network = RecurrentNetwork<Float>(
            inputSize: width, hiddenSize: parameters.hiddenSize, classCount: classCount,
            seed: SeededGenerator.derived(from: seed, 1))
        let classWeights = Self.balancedWeights(labels, classCount: classCount)
        var optimizer = AdamOptimizer<Float>(
            learningRate: Float(parameters.learningRate), weightDecay: Float(parameters.weightDecay))
        var generator = SeededGenerator(seed: SeededGenerator.derived(from: seed, 2))
        var curve: [EpochRecord] = []
        var best = (epoch: -1, uar: -1.0, loss: Double.infinity, parameters: network.parameters)
        var sinceBest = 0
        var order = Array(sequences.indices)
        var average = network.parameters
        // The network whose weights are scored and kept: the average where there is one.
        func current() -> RecurrentNetwork<Float> {
            guard parameters.averaging > 0 else { return network }
            var averaged = network
            averaged.parameters = average
            return averaged
        }
        for epoch in 0..<max(1, parameters.epochs) {
            order.shuffle(using: &generator)
            var lossSum = 0.0
            var batches = 0
            for start in stride(from: 0, to: order.count, by: max(1, parameters.batchSize)) {
                let members = order[start..<min(order.count, start + max(1, parameters.batchSize))]
                let inputs = members.map { augmented(training[$0], width: width, parameters, &generator) }
                let batch = SequenceBatch<Float>(inputs, width: width)
                let mask = network.dropoutMask(batch: batch.count, rate: parameters.dropout, generator: &generator)
                let pass = network.forward(batch, dropout: mask)
                let (loss, logitGradient) = SoftmaxCrossEntropy.loss(
                    logits: pass.logits, labels: members.map { labels[$0] }, classes: classCount,
                    classWeights: classWeights)
                var gradients = network.backward(pass, batch: batch, logitGradient: logitGradient)
                clip(&gradients, to: Float(parameters.gradientClip))
                var values = network.parameters
                optimizer.step(&values, gradients: gradients)
                network.parameters = values
                if parameters.averaging > 0 {
                    let decay = Float(parameters.averaging)
                    for i in average.indices {
                        for k in average[i].indices {
                            average[i][k] = decay * average[i][k] + (1 - decay) * values[i][k]
                        }
                    }
                }
                lossSum += Double(loss)
                batches += 1
            }
            let (validationLoss, validationUAR) =
                held.isEmpty
                ? (Double.nan, Double.nan)
                : score(current(), held, validationLabels, classCount: classCount, classWeights: classWeights)
            curve.append(
                EpochRecord(
                    trainingLoss: lossSum / Double(max(batches, 1)), validationLoss: validationLoss,
                    validationUAR: validationUAR))
            if held.isEmpty {
                best = (epoch, .nan, .nan, current().parameters)
                continue
            }
            // A better UAR, or the same UAR at a lower loss, is a new best.
            if validationUAR > best.uar || (validationUAR == best.uar && validationLoss < best.loss) {
                best = (epoch, validationUAR, validationLoss, current().parameters)
                sinceBest = 0
            } else {
                sinceBest += 1
                if sinceBest == max(1, parameters.patience / 2) { optimizer.learningRate /= 2 }
                if sinceBest >= parameters.patience { break }
            }
        }
        network.parameters = best.parameters
        return RecurrentModel(network: network, standardizer: standardizer, curve: curve, chosenEpoch: best.epoch)
    }

    /// `n / (classes · count_c)` per class (scikit-learn's `balanced`), 0 for a class without clips.
    static func balancedWeights(_ labels: [Int], classCount: Int) -> [Float] {
        var counts = [Int](repeating: 0, count: classCount)
        for label in labels { counts[label] += 1 }
        return counts.map { $0 > 0 ? Float(Double(labels.count) / Double(classCount * $0)) : 0 }
    }

    /// A training clip as one epoch sees it: masked and with noise, as `parameters` ask.
    static func augmented(
        _ sequence: [Float], width: Int, _ parameters: RecurrentTrainingParameters, _ generator: inout SeededGenerator
    ) -> [Float] {
        var copy = sequence
        let frames = sequence.count / width
        if parameters.masking {
            let span = Int(generator.nextUnit() * Double(frames / 10 + 1))
            let first = Int(generator.nextUnit() * Double(frames - span + 1))
            for t in first..<min(frames, first + span) {
                for d in 0..<width { copy[t * width + d] = 0 }
            }
            let band = Int(generator.nextUnit() * Double(width / 10 + 1))
            let low = Int(generator.nextUnit() * Double(width - band + 1))
            for t in 0..<frames {
                for d in low..<min(width, low + band) { copy[t * width + d] = 0 }
            }
        }
        if parameters.noise > 0 {
            for k in copy.indices { copy[k] += Float(parameters.noise * generator.nextGaussian()) }
        }
        return copy
    }

    /// Scales every gradient down so that their joint norm is at most `limit`.
    static func clip(_ gradients: inout [[Float]], to limit: Float) {
        guard limit > 0 else { return }
        var squares: Double = 0
        for array in gradients { for value in array { squares += Double(value) * Double(value) } }
        let norm = squares.squareRoot()
        guard norm > Double(limit) else { return }
        let factor = Float(Double(limit) / norm)
        for i in gradients.indices { for k in gradients[i].indices { gradients[i][k] *= factor } }
    }

    /// Class-weighted loss and UAR of `network` on scaled clips.
    static func score(
        _ network: RecurrentNetwork<Float>, _ sequences: [[Float]], _ labels: [Int], classCount: Int,
        classWeights: [Float]
    ) -> (loss: Double, uar: Double) {
        var lossSum = 0.0
        var weightSum = 0.0
        var correct = [Int](repeating: 0, count: classCount)
        var support = [Int](repeating: 0, count: classCount)
        for (row, label) in zip(network.probabilities(of: sequences), labels) {
            let weight = Double(classWeights[label])
            lossSum -= weight * Double(Float.logarithm(max(row[label], Float.leastNormalMagnitude)))
            weightSum += weight
            var predicted = 0
            for k in 1..<classCount where row[k] > row[predicted] { predicted = k }
            support[label] += 1
            if predicted == label { correct[label] += 1 }
        }
        let recalls = (0..<classCount).filter { support[$0] > 0 }.map { Double(correct[$0]) / Double(support[$0]) }
        let uar = recalls.isEmpty ? 0 : recalls.reduce(0, +) / Double(recalls.count)
        return (weightSum > 0 ? lossSum / weightSum : 0, uar)
    }
}
