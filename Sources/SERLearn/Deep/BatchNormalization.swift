/// Batch normalisation of each channel over the batch and the pixels (`torch.nn.BatchNorm2d(c)`, ONNX
/// `BatchNormalization`), on NCHW images: in training each channel is standardised by the batch's own mean and
/// (biased) variance, then scaled and shifted (`scale`, `shift`: PyTorch's `weight` and `bias`), and the running
/// mean and (unbiased) variance move towards the batch's by `momentum`; in inference the running values are
/// used.
package struct BatchNormalization<Scalar: NetworkScalar>: Sendable {
    package let channels: Int
    package var scale: [Scalar]
    package var shift: [Scalar]
    package var runningMean: [Scalar]
    package var runningVariance: [Scalar]
    package var momentum: Scalar = 0.1
    package var epsilon: Scalar = 1e-5

    package struct Gradients: Sendable {
        package var scale: [Scalar]
        package var shift: [Scalar]

        package init(for layer: BatchNormalization) {
            scale = [Scalar](repeating: 0, count: layer.channels)
            shift = scale
        }
    }

    /// What a training pass keeps for the backward pass.
    package struct Trace: Sendable {
        /// The standardised input, before scale and shift.
        let normalized: [Scalar]
        let inverseDeviation: [Scalar]
        let batch: Int
        let pixels: Int
        package let output: [Scalar]
    }

    /// Scale 1, shift 0, running mean 0 and variance 1, as PyTorch starts.
    package init(channels: Int) {
        precondition(channels > 0, "batch normalisation needs channels")
        self.channels = channels
        scale = [Scalar](repeating: 1, count: channels)
        shift = [Scalar](repeating: 0, count: channels)
        runningMean = [Scalar](repeating: 0, count: channels)
        runningVariance = [Scalar](repeating: 1, count: channels)
    }

    /// Training: the batch's statistics, and the running ones updated.
    package mutating func trainingForward(_ input: [Scalar], batch: Int, pixels: Int) -> Trace {
        precondition(input.count == batch * channels * pixels, "input shaped batch × channels × pixels")
        let count = Scalar(batch * pixels)
        var normalized = [Scalar](repeating: 0, count: input.count)
        var output = normalized
        var inverseDeviation = [Scalar](repeating: 0, count: channels)
        for c in 0..<channels {
            var sum: Scalar = 0
            for b in 0..<batch { for p in 0..<pixels { sum += input[(b * channels + c) * pixels + p] } }
            let mean = sum / count
            var squares: Scalar = 0
            for b in 0..<batch {
                for p in 0..<pixels {
                    let deviation = input[(b * channels + c) * pixels + p] - mean
                    squares += deviation * deviation
                }
            }
            let variance = squares / count
            let inverse = 1 / (variance + epsilon).squareRoot()
            inverseDeviation[c] = inverse
            for b in 0..<batch {
                for p in 0..<pixels {
                    let index = (b * channels + c) * pixels + p
                    normalized[index] = (input[index] - mean) * inverse
                    output[index] = scale[c] * normalized[index] + shift[c]
                }
            }
            let unbiased = count > 1 ? squares / (count - 1) : variance
            runningMean[c] = (1 - momentum) * runningMean[c] + momentum * mean
            runningVariance[c] = (1 - momentum) * runningVariance[c] + momentum * unbiased
        }
        return Trace(
            normalized: normalized, inverseDeviation: inverseDeviation, batch: batch, pixels: pixels, output: output)
    }

    /// Inference: the running statistics.
    package func forward(_ input: [Scalar], batch: Int, pixels: Int) -> [Scalar] {
        precondition(input.count == batch * channels * pixels, "input shaped batch × channels × pixels")
        var output = input
        for c in 0..<channels {
            let inverse = 1 / (runningVariance[c] + epsilon).squareRoot()
            for b in 0..<batch {
                for p in 0..<pixels {
                    let index = (b * channels + c) * pixels + p
                    output[index] = scale[c] * (input[index] - runningMean[c]) * inverse + shift[c]
                }
            }
        }
        return output
    }

    /// Adds the scale's and shift's gradients to `gradients` and returns the input's, for a training pass.
    package func backward(_ trace: Trace, outputGradient: [Scalar], gradients: inout Gradients) -> [Scalar] {
        let (batch, pixels) = (trace.batch, trace.pixels)
        let count = Scalar(batch * pixels)
        var inputGradient = [Scalar](repeating: 0, count: outputGradient.count)
        for c in 0..<channels {
            var shiftSum: Scalar = 0
            var scaleSum: Scalar = 0
            for b in 0..<batch {
                for p in 0..<pixels {
                    let index = (b * channels + c) * pixels + p
                    shiftSum += outputGradient[index]
                    scaleSum += outputGradient[index] * trace.normalized[index]
                }
            }
            gradients.shift[c] += shiftSum
            gradients.scale[c] += scaleSum
            // dx = γ / σ · (dy − mean(dy) − x̂ · mean(dy · x̂))
            let factor = scale[c] * trace.inverseDeviation[c]
            for b in 0..<batch {
                for p in 0..<pixels {
                    let index = (b * channels + c) * pixels + p
                    inputGradient[index] =
                        factor
                        * (outputGradient[index] - shiftSum / count - trace.normalized[index] * scaleSum / count)
                }
            }
        }
        return inputGradient
    }
}
