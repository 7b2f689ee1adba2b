import Foundation
import Testing

@testable import SERLearn

/// Finite-difference checks of every hand-written layer's backward pass (issue 14: relative error ≤ 1e-3;
/// in `Double` they agree to about 1e-7), and the GRU's forward pass against its equations.
@Suite struct DeepLayerGradientTests {
    /// Central difference of `loss` with respect to one value, read by `read` and written by `write`.
    static func numericGradient(_ read: () -> Double, _ write: (Double) -> Void, _ loss: () -> Double) -> Double {
        let step = 1e-6
        let saved = read()
        write(saved + step)
        let above = loss()
        write(saved - step)
        let below = loss()
        write(saved)
        return (above - below) / (2 * step)
    }

    /// `|a - n| / max(|a| + |n|, 1e-3)`: relative where the gradient is not tiny (the central difference
    /// itself is only good to about 1e-10 absolute, the loss's rounding over the step).
    static func relativeError(_ analytic: Double, _ numeric: Double) -> Double {
        abs(analytic - numeric) / max(abs(analytic) + abs(numeric), 1e-3)
    }

    static func randomValues(_ count: Int, _ generator: inout SeededGenerator) -> [Double] {
        (0..<count).map { _ in generator.nextSigned() }
    }

    // Two sequences of 5 and 3 steps in a batch of 5 steps: the shorter one's carried steps are checked too.
    static let lengths = [5, 3]
    static let steps = 5

    @Test func recurrentLayerGradients() {
        var generator = SeededGenerator(seed: 14)
        var layer = GatedRecurrentLayer<Double>(inputSize: 3, hiddenSize: 4, generator: &generator)
        var input = Self.randomValues(Self.steps * 2 * 3, &generator)
        // The loss: a fixed weighted sum of every output, so each output gets its own gradient.
        let weights = Self.randomValues(Self.steps * 2 * 4, &generator)
        func loss() -> Double {
            let output = layer.forward(input, lengths: Self.lengths, steps: Self.steps).output
            return zip(output, weights).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let trace = layer.forward(input, lengths: Self.lengths, steps: Self.steps)
        var gradients = GatedRecurrentLayer<Double>.Gradients(for: layer)
        let inputGradient = layer.backward(trace, outputGradient: weights, gradients: &gradients)

        var worst = 0.0
        let arrays: [(WritableKeyPath<GatedRecurrentLayer<Double>, [Double]>, [Double])] = [
            (\.inputWeights, gradients.inputWeights), (\.recurrentWeights, gradients.recurrentWeights),
            (\.inputBias, gradients.inputBias), (\.recurrentBias, gradients.recurrentBias),
        ]
        for (path, analytic) in arrays {
            for i in layer[keyPath: path].indices {
                let numeric = Self.numericGradient({ layer[keyPath: path][i] }, { layer[keyPath: path][i] = $0 }, loss)
                worst = max(worst, Self.relativeError(analytic[i], numeric))
            }
        }
        for i in input.indices {
            let numeric = Self.numericGradient({ input[i] }, { input[i] = $0 }, loss)
            worst = max(worst, Self.relativeError(inputGradient[i], numeric))
        }
        #expect(worst < 1e-6, "largest relative error \(worst)")
        // The carried steps of the shorter sequence have no effect on the input there.
        for t in 3..<Self.steps {
            for d in 0..<3 { #expect(inputGradient[(t * 2 + 1) * 3 + d] == 0) }
        }
    }

    @Test func poolingAndDenseAndLossGradients() {
        var generator = SeededGenerator(seed: 15)
        let width = 4
        var states = Self.randomValues(Self.steps * 2 * width, &generator)
        var dense = DenseLayer<Double>(inputSize: 2 * width, outputSize: 3, generator: &generator)
        let labels = [2, 0]
        let classWeights = [0.5, 1.0, 2.0]
        func loss() -> Double {
            let pooled = TemporalPooling.forward(states, lengths: Self.lengths, steps: Self.steps, width: width).pooled
            let logits = dense.forward(pooled, rows: 2)
            return SoftmaxCrossEntropy.loss(logits: logits, labels: labels, classes: 3, classWeights: classWeights).loss
        }
        let (pooled, argmax) = TemporalPooling.forward(states, lengths: Self.lengths, steps: Self.steps, width: width)
        let logits = dense.forward(pooled, rows: 2)
        let (_, logitGradient) = SoftmaxCrossEntropy.loss(
            logits: logits, labels: labels, classes: 3, classWeights: classWeights)
        var gradients = DenseLayer<Double>.Gradients(for: dense)
        let pooledGradient = dense.backward(pooled, rows: 2, outputGradient: logitGradient, gradients: &gradients)
        let stateGradient = TemporalPooling.backward(
            pooledGradient, argmax: argmax, lengths: Self.lengths, steps: Self.steps, width: width)

        var worst = 0.0
        for i in dense.weights.indices {
            worst = max(
                worst,
                Self.relativeError(
                    gradients.weights[i], Self.numericGradient({ dense.weights[i] }, { dense.weights[i] = $0 }, loss)))
        }
        for i in dense.bias.indices {
            worst = max(
                worst,
                Self.relativeError(
                    gradients.bias[i], Self.numericGradient({ dense.bias[i] }, { dense.bias[i] = $0 }, loss)))
        }
        for i in states.indices {
            worst = max(
                worst,
                Self.relativeError(stateGradient[i], Self.numericGradient({ states[i] }, { states[i] = $0 }, loss)))
        }
        #expect(worst < 1e-6, "largest relative error \(worst)")
        // Steps past a sequence's length get no gradient.
        for t in 3..<Self.steps {
            for j in 0..<width { #expect(stateGradient[(t * 2 + 1) * width + j] == 0) }
        }
    }

    /// One unit, one input, two steps, every parameter set by hand: the outputs are the equations'.
    @Test func recurrentForwardFollowsTheEquations() {
        var generator = SeededGenerator(seed: 1)
        var layer = GatedRecurrentLayer<Double>(inputSize: 1, hiddenSize: 1, generator: &generator)
        layer.inputWeights = [0.5, -0.3, 0.8]
        layer.recurrentWeights = [0.2, 0.4, -0.6]
        layer.inputBias = [0.1, 0.0, -0.2]
        layer.recurrentBias = [0.05, 0.1, 0.3]
        func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
        var state = 0.0
        var expected: [Double] = []
        for x in [1.0, -2.0] {
            let r = sigmoid(0.5 * x + 0.1 + 0.2 * state + 0.05)
            let z = sigmoid(-0.3 * x + 0.0 + 0.4 * state + 0.1)
            let n = tanh(0.8 * x - 0.2 + r * (-0.6 * state + 0.3))
            state = (1 - z) * n + z * state
            expected.append(state)
        }
        let output = layer.forward([1.0, -2.0], lengths: [2], steps: 2).output
        #expect(output.count == 2)
        for (value, wanted) in zip(output, expected) { #expect(abs(value - wanted) < 1e-15) }
        // A sequence of one step in a batch of two steps carries its state.
        let carried = layer.forward([1.0, -2.0], lengths: [1], steps: 2).output
        #expect(abs(carried[0] - expected[0]) < 1e-15 && carried[1] == carried[0])
    }

    /// The whole network (both directions, pooling, a fixed dropout mask, dense, loss) against finite
    /// differences of its loss, for every parameter array.
    @Test func networkGradients() {
        var network = RecurrentNetwork<Double>(inputSize: 3, hiddenSize: 3, classCount: 3, seed: 21)
        var generator = SeededGenerator(seed: 22)
        let sequences = [Self.randomValues(5 * 3, &generator), Self.randomValues(2 * 3, &generator)]
        let batch = SequenceBatch<Double>(sequences, width: 3)
        let mask = network.dropoutMask(batch: 2, rate: 0.25, generator: &generator)
        let labels = [1, 2]
        let weights = [1.0, 0.5, 2.0]
        func loss() -> Double {
            let logits = network.forward(batch, dropout: mask).logits
            return SoftmaxCrossEntropy.loss(logits: logits, labels: labels, classes: 3, classWeights: weights).loss
        }
        let pass = network.forward(batch, dropout: mask)
        let (_, logitGradient) = SoftmaxCrossEntropy.loss(
            logits: pass.logits, labels: labels, classes: 3, classWeights: weights)
        let gradients = network.backward(pass, batch: batch, logitGradient: logitGradient)
        var worst = 0.0
        var values = network.parameters
        for array in values.indices {
            for k in values[array].indices {
                let numeric = Self.numericGradient(
                    { values[array][k] },
                    {
                        values[array][k] = $0
                        network.parameters = values
                    }, loss)
                worst = max(worst, Self.relativeError(gradients[array][k], numeric))
            }
        }
        #expect(worst < 1e-6, "largest relative error \(worst)")
        #expect(mask.contains(0), "the mask drops something, so the test covers dropout")
        #expect(network.parameterCount == 2 * (9 * 3 + 9 * 3 + 9 + 9) + 12 * 3 + 3)
    }

    @Test func softmaxIsStableAndNormalised() {
        let probabilities = SoftmaxCrossEntropy.probabilities([1000.0, 1001.0, -1000.0], classes: 3)
        #expect(probabilities.allSatisfy { $0.isFinite })
        #expect(abs(probabilities.reduce(0, +) - 1) < 1e-15)
        #expect(probabilities[1] > probabilities[0] && probabilities[2] < 1e-300)
    }

    /// Float and Double layers drawn from the same seed compute the same outputs to float precision.
    @Test func floatLayerMatchesDouble() {
        var first = SeededGenerator(seed: 3)
        var second = SeededGenerator(seed: 3)
        let single = GatedRecurrentLayer<Float>(inputSize: 3, hiddenSize: 5, generator: &first)
        let double = GatedRecurrentLayer<Double>(inputSize: 3, hiddenSize: 5, generator: &second)
        var generator = SeededGenerator(seed: 4)
        let input = Self.randomValues(4 * 2 * 3, &generator)
        let a = single.forward(input.map(Float.init), lengths: [4, 2], steps: 4).output
        let b = double.forward(input, lengths: [4, 2], steps: 4).output
        let largest = zip(a, b).map { abs(Double($0) - $1) }.max() ?? .infinity
        #expect(largest < 1e-5)
    }
}

/// The `gru` model's training on a task a recurrent net can learn and a clip average cannot: the class is
/// whether a pulse comes early or late in the clip.
@Suite struct RecurrentTrainingTests {
    static func pulses(count: Int, seed: UInt64) -> (sequences: [[Double]], labels: [Int]) {
        var generator = SeededGenerator(seed: seed)
        var sequences: [[Double]] = []
        var labels: [Int] = []
        for index in 0..<count {
            let label = index % 2
            let frames = 20 + Int(generator.nextUnit() * 10)
            var values = (0..<(frames * 2)).map { _ in 0.3 * generator.nextGaussian() }
            let at = label == 0 ? Int(generator.nextUnit() * 4) : frames - 1 - Int(generator.nextUnit() * 4)
            values[at * 2] += 3
            // The second dimension rises over the clip in both classes: the same mean for both.
            for t in 0..<frames { values[t * 2 + 1] += Double(t) / Double(frames) }
            sequences.append(values)
            labels.append(label)
        }
        return (sequences, labels)
    }

    static var parameters: RecurrentTrainingParameters {
        var parameters = RecurrentTrainingParameters()
        parameters.hiddenSize = 8
        parameters.epochs = 25
        parameters.batchSize = 16
        parameters.learningRate = 0.01
        parameters.patience = 25
        return parameters
    }

    @Test func learnsWhereThePulseIs() {
        let train = Self.pulses(count: 160, seed: 1)
        let validation = Self.pulses(count: 40, seed: 2)
        let test = Self.pulses(count: 60, seed: 3)
        let model = RecurrentTraining.fit(
            sequences: train.sequences, labels: train.labels, validation: validation.sequences,
            validationLabels: validation.labels, width: 2, classCount: 2, parameters: Self.parameters, seed: 7)
        let probabilities = model.probabilities(test.sequences)
        let correct = zip(probabilities, test.labels).filter { ($0.0[1] > $0.0[0] ? 1 : 0) == $0.1 }.count
        #expect(correct >= 54, "\(correct) of 60 right")
        #expect(model.curve.count == 25 && model.chosenEpoch >= 0 && model.chosenEpoch < 25)
        #expect(model.curve.allSatisfy { $0.trainingLoss.isFinite && $0.validationUAR >= 0 })
    }

    @Test func trainingIsDeterministic() {
        let train = Self.pulses(count: 40, seed: 4)
        var parameters = Self.parameters
        parameters.epochs = 3
        func fit() -> RecurrentModel {
            RecurrentTraining.fit(
                sequences: train.sequences, labels: train.labels, validation: [], validationLabels: [], width: 2,
                classCount: 2, parameters: parameters, seed: 9)
        }
        let (first, second) = (fit(), fit())
        #expect(first.network.parameters == second.network.parameters)
        #expect(first.curve.map(\.trainingLoss) == second.curve.map(\.trainingLoss))
        // Without validation clips there is nothing to score: every epoch runs and the last is kept.
        #expect(first.curve.allSatisfy { $0.validationUAR.isNaN })
        #expect(first.chosenEpoch == 2)
    }
}

@Suite struct VectorExponentialTests {
    @Test func matchesLibmWithinTwoUnitsInTheLastPlace() {
        var worst: Float = 0
        var x: Float = -87
        while x < 88 {
            let lanes = SIMD8<Float>((0..<8).map { x + Float($0) * 0.0137 })
            let values = Float.exponential8(lanes)
            for lane in 0..<8 {
                let exact = Foundation.exp(Double(lanes[lane]))
                worst = max(worst, Float(abs(Double(values[lane]) - exact) / exact))
            }
            x += 0.1
        }
        #expect(worst < 2.5e-7, "largest relative error \(worst)")
        // Far outside the range: clamped, finite, and a sigmoid from it exact to float precision.
        let extremes = Float.exponential8(SIMD8<Float>(-1000, -88, 89, 1000, 0, 1, -1, .greatestFiniteMagnitude))
        #expect((0..<8).allSatisfy { extremes[$0].isFinite && extremes[$0] > 0 })
        #expect(1 / (1 + extremes[0]) == 1 && 1 / (1 + extremes[3]) < 1e-37)
        #expect(extremes[4] == 1)
    }

    /// The eight-at-a-time gates (Float) and the one-at-a-time ones agree to float precision.
    @Test func vectorGatesMatchScalarGates() {
        var generator = SeededGenerator(seed: 31)
        let units = 19  // two vectors of eight and three units one at a time
        let projected = (0..<(3 * units)).map { _ in Float(3 * generator.nextSigned()) }
        let recurrent = (0..<(3 * units)).map { _ in Float(3 * generator.nextSigned()) }
        let previous = (0..<units).map { _ in Float(generator.nextSigned()) }
        func run(_ vector: Bool) -> [[Float]] {
            let buffers = (0..<5).map { _ in UnsafeMutablePointer<Float>.allocate(capacity: units) }
            defer { for buffer in buffers { buffer.deallocate() } }
            projected.withUnsafeBufferPointer { projected in
                recurrent.withUnsafeBufferPointer { recurrent in
                    previous.withUnsafeBufferPointer { previous in
                        let step = GateStep<Float>(
                            units: units, projected: projected.baseAddress!, recurrent: recurrent.baseAddress!,
                            previous: previous.baseAddress!, reset: buffers[0], update: buffers[1],
                            candidate: buffers[2], recurrentCandidate: buffers[3], output: buffers[4])
                        if vector { Float.gatedStep(step) } else { step.compute(from: 0, to: units) }
                    }
                }
            }
            return buffers.map { Array(UnsafeBufferPointer(start: $0, count: units)) }
        }
        let (vector, scalar) = (run(true), run(false))
        let largest = zip(vector.joined(), scalar.joined()).map { abs($0 - $1) }.max() ?? .infinity
        #expect(largest < 1e-6)
        #expect(vector[3] == scalar[3])
    }
}
