package import SERSettings

/// The training schedule every deep model shares (`train.gru`, `train.cnn`): how many epochs, batches, Adam's
/// step and decay, dropout, augmentation, clipping, weight averaging and early stopping.
package protocol TrainingSchedule: Sendable {
    var epochs: Int { get set }
    var batchSize: Int { get set }
    var learningRate: Double { get set }
    var weightDecay: Double { get set }
    var dropout: Double { get set }
    var patience: Int { get set }
    var masking: Bool { get set }
    var noise: Double { get set }
    var gradientClip: Double { get set }
    var averaging: Double { get set }
}

extension TrainingSchedule {
    /// The schedule's settings, declared once for every deep model's group (`train.gru`, `train.cnn`).
    package static var scheduleSettings: [any SchemaEntry<Self>] {
        [
            Setting("epochs", \Self.epochs, "epochs at most", allowed: .range(1...10_000)),
            Setting("batch_size", \Self.batchSize, "clips per mini-batch", allowed: .range(1...100_000)),
            Setting(
                "learning_rate", \Self.learningRate,
                "Adam's step size at the start (halved after patience/2 epochs without gain)",
                allowed: .range(0, 1, includingLower: false)),
            Setting("weight_decay", \Self.weightDecay, "L2 weight decay added to each gradient", allowed: .range(0, 1)),
            Setting(
                "dropout", \Self.dropout, "share of the pooled features dropped in training",
                allowed: .range(0, 1, includingUpper: false)),
            Setting(
                "patience", \Self.patience, "epochs without a better validation UAR before training stops",
                allowed: .range(1...10_000)),
            Setting(
                "masking", \Self.masking,
                "SpecAugment-style masking: a span of frames and a band of dimensions per clip and epoch"),
            Setting(
                "noise", \Self.noise, "standard deviation of Gaussian noise on the standardised inputs (0: none)",
                allowed: .range(0, 10)),
            Setting(
                "gradient_clip", \Self.gradientClip,
                "largest gradient norm; larger gradients are scaled down (0: no clipping)", allowed: .range(0, 1e6)),
            Setting(
                "averaging", \Self.averaging, "decay of the moving average of the weights per mini-batch (0: none)",
                allowed: .range(0, 1, includingUpper: false)),
        ]
    }
}

/// A network ``DeepTraining`` can train: its parameters as arrays (the order its gradients come in), a training
/// pass over a batch of scaled clips (`frames × width` values each; it may crop them or update running
/// statistics), the gradients of a pass, and class probabilities for scoring.
package protocol TrainableNetwork: Sendable {
    associatedtype TrainingPass
    var parameters: [[Float]] { get set }
    mutating func trainingPass(
        _ inputs: [[Float]], width: Int, dropout: Double, generator: inout SeededGenerator
    ) -> TrainingPass
    func logits(_ pass: TrainingPass) -> [Float]
    func gradients(_ pass: TrainingPass, logitGradient: [Float]) -> [[Float]]
    func scoringProbabilities(of inputs: [[Float]]) -> [[Float]]
}

/// A trained deep model as evaluation sees it: class probabilities of unscaled clips and how training went.
package protocol TrainedSequenceModel: Sendable {
    func probabilities(_ sequences: [[Double]]) -> [[Double]]
    var curve: [EpochRecord] { get }
    var chosenEpoch: Int { get }
    var parameterCount: Int { get }
}

/// One epoch of training: what the report's training curves show.
package struct EpochRecord: Sendable, Hashable {
    package var trainingLoss: Double
    package var validationLoss: Double
    package var validationUAR: Double
}

/// Trains a deep model: frames standardised on the training clips, mini-batches of clips in a seeded order,
/// class-weighted cross-entropy, Adam with gradient clipping, dropout and augmentation (masking, noise), and
/// early stopping on the UAR of validation clips the caller holds out (by speaker, inside the training fold).
package enum DeepTraining {
    /// - Parameters:
    ///   - initial: the network with its seeded initial weights.
    ///   - sequences, labels: the training clips (`frames × width` values each, unscaled) and their classes.
    ///   - validation, validationLabels: the clips early stopping scores (none: every epoch runs, the last kept).
    package static func fit<Network: TrainableNetwork>(
        _ initial: Network, sequences: [[Double]], labels: [Int], validation: [[Double]], validationLabels: [Int],
        width: Int, classCount: Int, schedule parameters: some TrainingSchedule, seed: UInt64
    ) -> (network: Network, standardizer: FrameStandardizer, curve: [EpochRecord], chosenEpoch: Int) {
        precondition(
            sequences.count == labels.count && validation.count == validationLabels.count, "one label per clip")
        precondition(!sequences.isEmpty, "training needs clips")
        let standardizer = FrameStandardizer(fitting: sequences, width: width)
        let training: [[Float]] = sequences.map { standardizer.transform($0) }
        let held: [[Float]] = validation.map { standardizer.transform($0) }
        var network = initial
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
        func current() -> Network {
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
                let pass = network.trainingPass(
                    inputs, width: width, dropout: parameters.dropout, generator: &generator)
                let (loss, logitGradient) = SoftmaxCrossEntropy.loss(
                    logits: network.logits(pass), labels: members.map { labels[$0] }, classes: classCount,
                    classWeights: classWeights)
                var gradients = network.gradients(pass, logitGradient: logitGradient)
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
        return (network, standardizer, curve, best.epoch)
    }

    /// `n / (classes · count_c)` per class (scikit-learn's `balanced`), 0 for a class without clips.
    static func balancedWeights(_ labels: [Int], classCount: Int) -> [Float] {
        var counts = [Int](repeating: 0, count: classCount)
        for label in labels { counts[label] += 1 }
        return counts.map { $0 > 0 ? Float(Double(labels.count) / Double(classCount * $0)) : 0 }
    }

    /// A training clip as one epoch sees it: masked and with noise, as `parameters` ask.
    static func augmented(
        _ sequence: [Float], width: Int, _ parameters: some TrainingSchedule, _ generator: inout SeededGenerator
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
    static func score<Network: TrainableNetwork>(
        _ network: Network, _ sequences: [[Float]], _ labels: [Int], classCount: Int,
        classWeights: [Float]
    ) -> (loss: Double, uar: Double) {
        var lossSum = 0.0
        var weightSum = 0.0
        var correct = [Int](repeating: 0, count: classCount)
        var support = [Int](repeating: 0, count: classCount)
        for (row, label) in zip(network.scoringProbabilities(of: sequences), labels) {
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
