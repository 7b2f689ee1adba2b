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
