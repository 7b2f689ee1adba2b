import Foundation
import Testing

@testable import SERLearn

/// Finite-difference checks of the CNN's hand-written layers in `Double` (issue 14: relative error ≤ 1e-3),
/// and the convolution against its definition.
@Suite struct ConvolutionGradientTests {
    typealias Check = DeepLayerGradientTests

    @Test func convolutionMatchesItsDefinition() {
        var generator = SeededGenerator(seed: 21)
        let layer = ConvolutionLayer<Double>(inputChannels: 2, outputChannels: 3, kernel: 3, generator: &generator)
        let (height, width) = (4, 5)
        let input = Check.randomValues(2 * 2 * height * width, &generator)
        let output = layer.forward(input, batch: 2, height: height, width: width).output
        for b in 0..<2 {
            for o in 0..<3 {
                for y in 0..<height {
                    for x in 0..<width {
                        var sum = layer.bias[o]
                        for c in 0..<2 {
                            for i in 0..<3 {
                                for j in 0..<3 {
                                    let (sy, sx) = (y + i - 1, x + j - 1)
                                    guard sy >= 0, sy < height, sx >= 0, sx < width else { continue }
                                    sum +=
                                        layer.weights[((o * 2 + c) * 3 + i) * 3 + j]
                                        * input[((b * 2 + c) * height + sy) * width + sx]
                                }
                            }
                        }
                        #expect(abs(output[((b * 3 + o) * height + y) * width + x] - sum) < 1e-12)
                    }
                }
            }
        }
    }

    @Test func convolutionGradients() {
        var generator = SeededGenerator(seed: 22)
        var layer = ConvolutionLayer<Double>(inputChannels: 2, outputChannels: 3, kernel: 3, generator: &generator)
        let (batch, height, width) = (2, 4, 5)
        var input = Check.randomValues(batch * 2 * height * width, &generator)
        let weights = Check.randomValues(batch * 3 * height * width, &generator)
        func loss() -> Double {
            zip(layer.forward(input, batch: batch, height: height, width: width).output, weights).reduce(0) {
                $0 + $1.0 * $1.1
            }
        }
        let trace = layer.forward(input, batch: batch, height: height, width: width)
        var gradients = ConvolutionLayer<Double>.Gradients(for: layer)
        let inputGradient = layer.backward(trace, outputGradient: weights, gradients: &gradients)
        var worst = 0.0
        for i in layer.weights.indices {
            let numeric = Check.numericGradient({ layer.weights[i] }, { layer.weights[i] = $0 }, loss)
            worst = max(worst, Check.relativeError(gradients.weights[i], numeric))
        }
        for i in layer.bias.indices {
            let numeric = Check.numericGradient({ layer.bias[i] }, { layer.bias[i] = $0 }, loss)
            worst = max(worst, Check.relativeError(gradients.bias[i], numeric))
        }
        for i in input.indices {
            let numeric = Check.numericGradient({ input[i] }, { input[i] = $0 }, loss)
            worst = max(worst, Check.relativeError(inputGradient[i], numeric))
        }
        #expect(worst < 1e-6, "largest relative error \(worst)")
        var first = ConvolutionLayer<Double>.Gradients(for: layer)
        #expect(layer.backward(trace, outputGradient: weights, gradients: &first, inputGradient: false).isEmpty)
        #expect(first.weights == gradients.weights)
    }

    @Test func batchNormalizationGradients() {
        var generator = SeededGenerator(seed: 23)
        var layer = BatchNormalization<Double>(channels: 3)
        layer.scale = Check.randomValues(3, &generator).map { 1 + 0.5 * $0 }
        layer.shift = Check.randomValues(3, &generator)
        let (batch, pixels) = (2, 6)
        var input = Check.randomValues(batch * 3 * pixels, &generator).map { 2 * $0 + 0.5 }
        let weights = Check.randomValues(batch * 3 * pixels, &generator)
        func loss() -> Double {
            var copy = layer
            return zip(copy.trainingForward(input, batch: batch, pixels: pixels).output, weights).reduce(0) {
                $0 + $1.0 * $1.1
            }
        }
        var training = layer
        let trace = training.trainingForward(input, batch: batch, pixels: pixels)
        var gradients = BatchNormalization<Double>.Gradients(for: layer)
        let inputGradient = layer.backward(trace, outputGradient: weights, gradients: &gradients)
        var worst = 0.0
        for c in 0..<3 {
            worst = max(
                worst,
                Check.relativeError(
                    gradients.scale[c], Check.numericGradient({ layer.scale[c] }, { layer.scale[c] = $0 }, loss)))
            worst = max(
                worst,
                Check.relativeError(
                    gradients.shift[c], Check.numericGradient({ layer.shift[c] }, { layer.shift[c] = $0 }, loss)))
        }
        for i in input.indices {
            let numeric = Check.numericGradient({ input[i] }, { input[i] = $0 }, loss)
            worst = max(worst, Check.relativeError(inputGradient[i], numeric))
        }
        #expect(worst < 1e-6, "largest relative error \(worst)")
        // Training moved the running statistics a tenth of the way to the batch's.
        #expect(training.runningMean != layer.runningMean)
        #expect(abs(training.runningVariance[0] - 1) < 1 && training.runningVariance[0] != 1)
    }

    @Test func poolingGradients() {
        var generator = SeededGenerator(seed: 24)
        let (planes, height, width) = (3, 5, 4)
        var input = Check.randomValues(planes * height * width, &generator)
        let pooledCount = planes * (height / 2) * (width / 2)
        let weights = Check.randomValues(planes, &generator)
        func loss() -> Double {
            let pooled = MaxPooling.forward(input, planes: planes, height: height, width: width).output
            let averaged = GlobalAveragePooling.forward(pooled, planes: planes, pixels: pooledCount / planes)
            return zip(averaged, weights).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let (pooled, argmax) = MaxPooling.forward(input, planes: planes, height: height, width: width)
        #expect(pooled.count == pooledCount)
        let averageGradient = GlobalAveragePooling.backward(weights, pixels: pooledCount / planes)
        let inputGradient = MaxPooling.backward(averageGradient, argmax: argmax, inputCount: input.count)
        var worst = 0.0
        for i in input.indices {
            let numeric = Check.numericGradient({ input[i] }, { input[i] = $0 }, loss)
            worst = max(worst, Check.relativeError(inputGradient[i], numeric))
        }
        #expect(worst < 1e-6, "largest relative error \(worst)")
        // The odd last row takes no part: its gradient is 0.
        for plane in 0..<planes {
            for x in 0..<width { #expect(inputGradient[(plane * height + height - 1) * width + x] == 0) }
        }
    }
}

/// The `cnn` model learns what only a look across bands shows, deterministically, and reads back as it was.
@Suite struct ConvolutionalTrainingTests {
    /// Log-mels of 16 bands: class 0 has a ridge in the low bands, class 1 in the high ones, at a random time.
    static func ridges(count: Int, seed: UInt64) -> (sequences: [[Double]], labels: [Int]) {
        var generator = SeededGenerator(seed: seed)
        var sequences: [[Double]] = []
        var labels: [Int] = []
        for index in 0..<count {
            let label = index % 2
            let frames = 16 + Int(generator.nextUnit() * 8)
            var values = (0..<(frames * 16)).map { _ in generator.nextGaussian() }
            let band = label == 0 ? 2 + Int(generator.nextUnit() * 3) : 11 + Int(generator.nextUnit() * 3)
            let start = Int(generator.nextUnit() * Double(frames - 6))
            for t in start..<(start + 6) { values[t * 16 + band] += 3 }
            sequences.append(values)
            labels.append(label)
        }
        return (sequences, labels)
    }

    static var parameters: ConvolutionalTrainingParameters {
        var parameters = ConvolutionalTrainingParameters()
        parameters.channels = [4, 8]
        parameters.epochs = 12
        parameters.batchSize = 16
        parameters.learningRate = 0.01
        parameters.patience = 12
        parameters.noise = 0
        return parameters
    }

    @Test func learnsWhichBandsHoldTheRidge() throws {
        let train = Self.ridges(count: 120, seed: 1)
        let validation = Self.ridges(count: 30, seed: 2)
        let test = Self.ridges(count: 40, seed: 3)
        let model = ConvolutionalTraining.fit(
            sequences: train.sequences, labels: train.labels, validation: validation.sequences,
            validationLabels: validation.labels, bands: 16, classCount: 2, parameters: Self.parameters, seed: 5)
        let probabilities = model.probabilities(test.sequences)
        let correct = zip(probabilities, test.labels).filter { ($0.0[1] > $0.0[0] ? 1 : 0) == $0.1 }.count
        #expect(correct >= 34, "\(correct) of 40 right")
        let again = ConvolutionalTraining.fit(
            sequences: train.sequences, labels: train.labels, validation: validation.sequences,
            validationLabels: validation.labels, bands: 16, classCount: 2, parameters: Self.parameters, seed: 5)
        #expect(again.network.parameters == model.network.parameters)
        #expect(again.curve == model.curve)
        // Saved and read back: the same probabilities, running statistics included.
        let json = try JSONEncoder().encode(ConvolutionalWeights(model))
        let loaded = try #require(
            try ModelKind.cnn.load(json, featureCount: 3, classCount: 2) as? ConvolutionalClassifier)
        #expect(loaded.probabilities(sequences: test.sequences) == probabilities)
        var damaged = ConvolutionalWeights(model)
        damaged.runningVariance[0].removeLast()
        #expect(throws: LearnError.self) { try ConvolutionalWeights.load(json: JSONEncoder().encode(damaged)) }
        var wrongBands = ConvolutionalWeights(model)
        wrongBands.bandMean.append(0)
        #expect(throws: LearnError.self) { try ConvolutionalWeights.load(json: JSONEncoder().encode(wrongBands)) }
    }
}
