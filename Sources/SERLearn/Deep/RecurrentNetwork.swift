/// The `gru` model's network: a bidirectional GRU over a clip's frames (``GatedRecurrentLayer``, one layer
/// each way), the mean and max of each direction's states over the clip (``TemporalPooling``), dropout, and a
/// dense layer to one logit per class (``DenseLayer``); softmax gives the class probabilities.
///
/// In PyTorch terms: `GRU(input, hidden, bidirectional=True)`, `cat(mean_t h, max_t h)`, `Dropout(p)`,
/// `Linear(4·hidden, classes)`.
package struct RecurrentNetwork<Scalar: NetworkScalar>: Sendable {
    package var forwardLayer: GatedRecurrentLayer<Scalar>
    package var backwardLayer: GatedRecurrentLayer<Scalar>
    package var output: DenseLayer<Scalar>
    package var hiddenSize: Int { forwardLayer.hiddenSize }
    package var inputSize: Int { forwardLayer.inputSize }
    package var classCount: Int { output.outputSize }

    /// Parameters drawn from `seed`, as PyTorch initialises these layers.
    package init(inputSize: Int, hiddenSize: Int, classCount: Int, seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        forwardLayer = GatedRecurrentLayer(inputSize: inputSize, hiddenSize: hiddenSize, generator: &generator)
        backwardLayer = GatedRecurrentLayer(inputSize: inputSize, hiddenSize: hiddenSize, generator: &generator)
        output = DenseLayer(inputSize: 4 * hiddenSize, outputSize: classCount, generator: &generator)
    }

    /// Trainable values, layer by layer (the order ``parameters`` and ``Gradients/arrays`` share).
    package var parameters: [[Scalar]] {
        get {
            [
                forwardLayer.inputWeights, forwardLayer.recurrentWeights, forwardLayer.inputBias,
                forwardLayer.recurrentBias, backwardLayer.inputWeights, backwardLayer.recurrentWeights,
                backwardLayer.inputBias, backwardLayer.recurrentBias, output.weights, output.bias,
            ]
        }
        set {
            precondition(newValue.count == 10, "a recurrent network has ten parameter arrays")
            forwardLayer.inputWeights = newValue[0]
            forwardLayer.recurrentWeights = newValue[1]
            forwardLayer.inputBias = newValue[2]
            forwardLayer.recurrentBias = newValue[3]
            backwardLayer.inputWeights = newValue[4]
            backwardLayer.recurrentWeights = newValue[5]
            backwardLayer.inputBias = newValue[6]
            backwardLayer.recurrentBias = newValue[7]
            output.weights = newValue[8]
            output.bias = newValue[9]
        }
    }

    /// How many trainable values the network has.
    package var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// What one forward pass keeps for the backward pass.
    package struct Pass: Sendable {
        let forwardTrace: GatedRecurrentLayer<Scalar>.Trace
        let backwardTrace: GatedRecurrentLayer<Scalar>.Trace
        let forwardArgmax: [Int]
        let backwardArgmax: [Int]
        /// Pooled features after dropout, `batch × 4H`: the dense layer's input.
        let pooled: [Scalar]
        /// The dropout scale per pooled value (0 where dropped, `1 / (1 - p)` elsewhere); empty without dropout.
        let dropout: [Scalar]
        /// `batch × classes`.
        package let logits: [Scalar]
    }

    /// The logits of `batch`; `dropout` (one scale per pooled value, from ``dropoutMask``) only in training.
    package func forward(_ batch: SequenceBatch<Scalar>, dropout: [Scalar] = []) -> Pass {
        let h = hiddenSize
        let forwardTrace = forwardLayer.forward(batch.values, lengths: batch.lengths, steps: batch.steps)
        let backwardTrace = backwardLayer.forward(batch.reversed().values, lengths: batch.lengths, steps: batch.steps)
        let (forwardPooled, forwardArgmax) = TemporalPooling.forward(
            forwardTrace.output, lengths: batch.lengths, steps: batch.steps, width: h)
        let (backwardPooled, backwardArgmax) = TemporalPooling.forward(
            backwardTrace.output, lengths: batch.lengths, steps: batch.steps, width: h)
        var pooled = [Scalar](repeating: 0, count: batch.count * 4 * h)
        for b in 0..<batch.count {
            for k in 0..<(2 * h) {
                pooled[b * 4 * h + k] = forwardPooled[b * 2 * h + k]
                pooled[b * 4 * h + 2 * h + k] = backwardPooled[b * 2 * h + k]
            }
        }
        if !dropout.isEmpty {
            precondition(dropout.count == pooled.count, "one dropout scale per pooled value")
            for k in pooled.indices { pooled[k] *= dropout[k] }
        }
        return Pass(
            forwardTrace: forwardTrace, backwardTrace: backwardTrace, forwardArgmax: forwardArgmax,
            backwardArgmax: backwardArgmax, pooled: pooled, dropout: dropout,
            logits: output.forward(pooled, rows: batch.count))
    }

    /// Inverted dropout at rate `rate` for a batch of `batch` clips: each pooled value kept with probability
    /// `1 − rate` and scaled by `1 / (1 − rate)`.
    package func dropoutMask(batch: Int, rate: Double, generator: inout SeededGenerator) -> [Scalar] {
        guard rate > 0 else { return [] }
        let scale = Scalar(1 / (1 - rate))
        return (0..<(batch * 4 * hiddenSize)).map { _ in generator.nextUnit() < rate ? 0 : scale }
    }

    /// The gradients of every parameter (in ``parameters``' order) given the loss's gradient with respect to
    /// `pass`'s logits.
    package func backward(_ pass: Pass, batch: SequenceBatch<Scalar>, logitGradient: [Scalar]) -> [[Scalar]] {
        let h = hiddenSize
        var forwardGradients = GatedRecurrentLayer<Scalar>.Gradients(for: forwardLayer)
        var backwardGradients = GatedRecurrentLayer<Scalar>.Gradients(for: backwardLayer)
        var outputGradients = DenseLayer<Scalar>.Gradients(for: output)
        var pooledGradient = output.backward(
            pass.pooled, rows: batch.count, outputGradient: logitGradient, gradients: &outputGradients)
        if !pass.dropout.isEmpty {
            for k in pooledGradient.indices { pooledGradient[k] *= pass.dropout[k] }
        }
        var forwardPooledGradient = [Scalar](repeating: 0, count: batch.count * 2 * h)
        var backwardPooledGradient = forwardPooledGradient
        for b in 0..<batch.count {
            for k in 0..<(2 * h) {
                forwardPooledGradient[b * 2 * h + k] = pooledGradient[b * 4 * h + k]
                backwardPooledGradient[b * 2 * h + k] = pooledGradient[b * 4 * h + 2 * h + k]
            }
        }
        let forwardStates = TemporalPooling.backward(
            forwardPooledGradient, argmax: pass.forwardArgmax, lengths: batch.lengths, steps: batch.steps, width: h)
        let backwardStates = TemporalPooling.backward(
            backwardPooledGradient, argmax: pass.backwardArgmax, lengths: batch.lengths, steps: batch.steps, width: h)
        forwardLayer.backward(
            pass.forwardTrace, outputGradient: forwardStates, gradients: &forwardGradients, inputGradient: false)
        backwardLayer.backward(
            pass.backwardTrace, outputGradient: backwardStates, gradients: &backwardGradients, inputGradient: false)
        return [
            forwardGradients.inputWeights, forwardGradients.recurrentWeights, forwardGradients.inputBias,
            forwardGradients.recurrentBias, backwardGradients.inputWeights, backwardGradients.recurrentWeights,
            backwardGradients.inputBias, backwardGradients.recurrentBias, outputGradients.weights,
            outputGradients.bias,
        ]
    }

    /// Class probabilities of every clip of `batch`, `batch × classes`.
    package func probabilities(_ batch: SequenceBatch<Scalar>) -> [Scalar] {
        SoftmaxCrossEntropy.probabilities(forward(batch).logits, classes: classCount)
    }

    /// Class probabilities of each scaled clip (`frames × inputSize` values), one row of `classes` per clip,
    /// `batchSize` clips per forward pass.
    package func probabilities(of sequences: [[Scalar]], batchSize: Int = 64) -> [[Scalar]] {
        var rows: [[Scalar]] = []
        let size = max(1, batchSize)
        for start in stride(from: 0, to: sequences.count, by: size) {
            let batch = SequenceBatch<Scalar>(
                Array(sequences[start..<min(sequences.count, start + size)]), width: inputSize)
            let probabilities = probabilities(batch)
            for b in 0..<batch.count {
                rows.append(Array(probabilities[(b * classCount)..<((b + 1) * classCount)]))
            }
        }
        return rows
    }
}
