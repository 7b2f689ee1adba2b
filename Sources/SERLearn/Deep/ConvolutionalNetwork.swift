/// The `cnn` model's network on a clip's log-mel spectrogram (one channel, mel bands × frames): blocks of a
/// 3 × 3 convolution (``ConvolutionLayer``), batch normalisation (``BatchNormalization``), ReLU and 2 × 2 max
/// pooling (``MaxPooling``), then the mean over time of each channel in each remaining band
/// (``GlobalAveragePooling`` over frames only: where in the spectrum a pattern lies — formants, pitch — is
/// what tells emotions apart, so the bands are kept; measured: pooling over bands too left a two-class
/// band-position task at chance), dropout and a dense layer to one logit per class.
///
/// In PyTorch terms: `[Conv2d(c, c', 3, padding=1), BatchNorm2d(c'), ReLU(), MaxPool2d(2)] × blocks`,
/// `mean(dim=3).flatten(1)`, `Dropout(p)`, `Linear(c_last · bands / 2^blocks, classes)`.
///
/// Training batches crop (or pad with zeros, the scaled mean) every clip to the same number of frames at a
/// random offset (``cropFrames``); scoring and prediction take each clip whole, one at a time.
package struct ConvolutionalNetwork: Sendable {
    package var convolutions: [ConvolutionLayer<Float>]
    package var normalizations: [BatchNormalization<Float>]
    package var output: DenseLayer<Float>
    /// Mel bands of the input.
    package let bands: Int
    /// Frames of each training crop.
    package let cropFrames: Int

    package var classCount: Int { output.outputSize }
    package var channels: [Int] { convolutions.map(\.outputChannels) }
    /// The fewest frames (and bands) an input may have: every block halves them, and one must remain.
    package var smallestSize: Int { 1 << convolutions.count }

    /// Parameters drawn from `seed`, as PyTorch initialises these layers.
    package init(bands: Int, channels: [Int], classCount: Int, cropFrames: Int, seed: UInt64) {
        precondition(!channels.isEmpty && bands >= 1 << channels.count, "bands for every block's pooling")
        var generator = SeededGenerator(seed: seed)
        var convolutions: [ConvolutionLayer<Float>] = []
        var previous = 1
        for count in channels {
            convolutions.append(
                ConvolutionLayer(inputChannels: previous, outputChannels: count, kernel: 3, generator: &generator))
            previous = count
        }
        self.convolutions = convolutions
        normalizations = channels.map { BatchNormalization(channels: $0) }
        output = DenseLayer(
            inputSize: previous * (bands >> channels.count), outputSize: classCount, generator: &generator)
        self.bands = bands
        self.cropFrames = max(cropFrames, 1 << channels.count)
    }

    /// Trainable values: each block's convolution weights and bias, batch normalisation's scale and shift, then
    /// the dense layer's weights and bias.
    package var parameters: [[Float]] {
        get {
            var arrays: [[Float]] = []
            for (convolution, normalization) in zip(convolutions, normalizations) {
                arrays += [convolution.weights, convolution.bias, normalization.scale, normalization.shift]
            }
            return arrays + [output.weights, output.bias]
        }
        set {
            precondition(newValue.count == 4 * convolutions.count + 2, "four arrays per block and two more")
            for block in convolutions.indices {
                convolutions[block].weights = newValue[4 * block]
                convolutions[block].bias = newValue[4 * block + 1]
                normalizations[block].scale = newValue[4 * block + 2]
                normalizations[block].shift = newValue[4 * block + 3]
            }
            output.weights = newValue[4 * convolutions.count]
            output.bias = newValue[4 * convolutions.count + 1]
        }
    }

    package var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// One clip's log-mel (`frames × bands`, time-major, scaled) as a `bands × frames` image, `frames` long from
    /// `offset` (zeros past the clip's end).
    func image(_ sequence: [Float], offset: Int, frames: Int) -> [Float] {
        let available = sequence.count / bands
        var image = [Float](repeating: 0, count: bands * frames)
        for t in 0..<min(frames, max(0, available - offset)) {
            for m in 0..<bands { image[m * frames + t] = sequence[(offset + t) * bands + m] }
        }
        return image
    }

    /// What one training pass keeps for the backward pass.
    package struct TrainingPass {
        let convolutionTraces: [ConvolutionLayer<Float>.Trace]
        let normalizationTraces: [BatchNormalization<Float>.Trace]
        /// Per block: the ReLU's output (its gradient passes where it is positive) and the pooling's argmax.
        let activations: [[Float]]
        let argmax: [[Int]]
        /// Frames left after the blocks (the time average's length).
        let pixelsAfterPooling: Int
        let pooled: [Float]
        let dropout: [Float]
        let logits: [Float]
        let batch: Int
    }

    /// Runs the blocks on a batch of `batch` images of `height × width`; with `training`, batch normalisation
    /// uses (and updates) the batch's statistics and the traces are kept.
    private mutating func blocks(_ images: [Float], batch: Int, height: Int, width: Int, training: Bool) -> (
        features: [Float], convolutionTraces: [ConvolutionLayer<Float>.Trace],
        normalizationTraces: [BatchNormalization<Float>.Trace], activations: [[Float]], argmax: [[Int]],
        pixels: Int
    ) {
        var current = images
        var (h, w) = (height, width)
        var convolutionTraces: [ConvolutionLayer<Float>.Trace] = []
        var normalizationTraces: [BatchNormalization<Float>.Trace] = []
        var activations: [[Float]] = []
        var argmaxes: [[Int]] = []
        for block in convolutions.indices {
            let convolution = convolutions[block].forward(current, batch: batch, height: h, width: w)
            var normalized: [Float]
            if training {
                let trace = normalizations[block].trainingForward(convolution.output, batch: batch, pixels: h * w)
                normalized = trace.output
                convolutionTraces.append(convolution)
                normalizationTraces.append(trace)
            } else {
                normalized = normalizations[block].forward(convolution.output, batch: batch, pixels: h * w)
            }
            for k in normalized.indices where normalized[k] < 0 { normalized[k] = 0 }
            let (pooled, argmax) = MaxPooling.forward(
                normalized, planes: batch * convolutions[block].outputChannels, height: h, width: w)
            if training {
                activations.append(normalized)
                argmaxes.append(argmax)
            }
            current = pooled
            (h, w) = (h / 2, w / 2)
        }
        // The mean over frames of each channel and band: `batch × (channels · bands)`.
        let features = GlobalAveragePooling.forward(
            current, planes: batch * (convolutions.last?.outputChannels ?? 1) * h, pixels: w)
        return (features, convolutionTraces, normalizationTraces, activations, argmaxes, w)
    }

    /// Class probabilities of each scaled clip (`frames × bands`), each clip whole, alone.
    package func probabilities(of sequences: [[Float]]) -> [[Float]] {
        var copy = self
        return sequences.map { sequence in
            let frames = max(sequence.count / bands, smallestSize)
            let features = copy.blocks(
                image(sequence, offset: 0, frames: frames), batch: 1, height: bands, width: frames, training: false
            ).features
            return SoftmaxCrossEntropy.probabilities(output.forward(features, rows: 1), classes: classCount)
        }
    }
}

extension ConvolutionalNetwork: TrainableNetwork {
    package mutating func trainingPass(
        _ inputs: [[Float]], width: Int, dropout rate: Double, generator: inout SeededGenerator
    ) -> TrainingPass {
        let frames = cropFrames
        var images: [Float] = []
        images.reserveCapacity(inputs.count * bands * frames)
        for sequence in inputs {
            let available = sequence.count / bands
            let offset = available > frames ? Int(generator.nextUnit() * Double(available - frames + 1)) : 0
            images += image(sequence, offset: min(offset, max(0, available - frames)), frames: frames)
        }
        let batch = inputs.count
        let run = blocks(images, batch: batch, height: bands, width: frames, training: true)
        var pooled = run.features
        var mask: [Float] = []
        if rate > 0 {
            let scale = Float(1 / (1 - rate))
            mask = (0..<pooled.count).map { _ in generator.nextUnit() < rate ? 0 : scale }
            for k in pooled.indices { pooled[k] *= mask[k] }
        }
        return TrainingPass(
            convolutionTraces: run.convolutionTraces, normalizationTraces: run.normalizationTraces,
            activations: run.activations, argmax: run.argmax, pixelsAfterPooling: run.pixels, pooled: pooled,
            dropout: mask, logits: output.forward(pooled, rows: batch), batch: batch)
    }

    package func logits(_ pass: TrainingPass) -> [Float] { pass.logits }

    package func gradients(_ pass: TrainingPass, logitGradient: [Float]) -> [[Float]] {
        var outputGradients = DenseLayer<Float>.Gradients(for: output)
        var gradient = output.backward(
            pass.pooled, rows: pass.batch, outputGradient: logitGradient, gradients: &outputGradients)
        if !pass.dropout.isEmpty { for k in gradient.indices { gradient[k] *= pass.dropout[k] } }
        gradient = GlobalAveragePooling.backward(gradient, pixels: pass.pixelsAfterPooling)
        var arrays: [[Float]] = []
        for block in convolutions.indices.reversed() {
            gradient = MaxPooling.backward(
                gradient, argmax: pass.argmax[block], inputCount: pass.activations[block].count)
            for k in gradient.indices where pass.activations[block][k] <= 0 { gradient[k] = 0 }
            var normalizationGradients = BatchNormalization<Float>.Gradients(for: normalizations[block])
            gradient = normalizations[block].backward(
                pass.normalizationTraces[block], outputGradient: gradient, gradients: &normalizationGradients)
            var convolutionGradients = ConvolutionLayer<Float>.Gradients(for: convolutions[block])
            gradient = convolutions[block].backward(
                pass.convolutionTraces[block], outputGradient: gradient, gradients: &convolutionGradients,
                inputGradient: block > 0)
            arrays =
                [
                    convolutionGradients.weights, convolutionGradients.bias, normalizationGradients.scale,
                    normalizationGradients.shift,
                ] + arrays
        }
        return arrays + [outputGradients.weights, outputGradients.bias]
    }

    package func scoringProbabilities(of inputs: [[Float]]) -> [[Float]] { probabilities(of: inputs) }
}
