/// A fully connected layer, `y = x Wᵀ + b` (`torch.nn.Linear`, ONNX `Gemm` with `transB = 1`), over a batch
/// of rows.
package struct DenseLayer<Scalar: NetworkScalar>: Sendable {
    package let inputSize: Int
    package let outputSize: Int
    /// `outputSize × inputSize`, row-major.
    package var weights: [Scalar]
    package var bias: [Scalar]

    package struct Gradients: Sendable {
        package var weights: [Scalar]
        package var bias: [Scalar]

        package init(for layer: DenseLayer) {
            weights = [Scalar](repeating: 0, count: layer.weights.count)
            bias = [Scalar](repeating: 0, count: layer.bias.count)
        }
    }

    /// Parameters uniform in `±1/√inputSize`, as PyTorch draws them.
    package init(inputSize: Int, outputSize: Int, generator: inout SeededGenerator) {
        precondition(inputSize > 0 && outputSize > 0, "a dense layer needs inputs and outputs")
        self.inputSize = inputSize
        self.outputSize = outputSize
        let bound = 1 / Double(inputSize).squareRoot()
        weights = (0..<(inputSize * outputSize)).map { _ in Scalar(bound * generator.nextSigned()) }
        bias = (0..<outputSize).map { _ in Scalar(bound * generator.nextSigned()) }
    }

    /// `rows × outputSize` outputs of `rows × inputSize` inputs.
    package func forward(_ input: [Scalar], rows: Int) -> [Scalar] {
        precondition(input.count == rows * inputSize, "input must be rows × inputSize")
        var output = [Scalar](repeating: 0, count: rows * outputSize)
        for row in 0..<rows {
            for j in 0..<outputSize { output[row * outputSize + j] = bias[j] }
        }
        Scalar.gemm(
            input, transposeA: false, weights, transposeB: true, &output, m: rows, n: outputSize, k: inputSize,
            alpha: 1, beta: 1)
        return output
    }

    /// Adds the parameters' gradients to `gradients` and returns the gradient with respect to the input.
    package func backward(
        _ input: [Scalar], rows: Int, outputGradient: [Scalar], gradients: inout Gradients
    ) -> [Scalar] {
        precondition(outputGradient.count == rows * outputSize, "one gradient per output")
        Scalar.gemm(
            outputGradient, transposeA: true, input, transposeB: false, &gradients.weights, m: outputSize,
            n: inputSize, k: rows, alpha: 1, beta: 1)
        for row in 0..<rows {
            for j in 0..<outputSize { gradients.bias[j] += outputGradient[row * outputSize + j] }
        }
        var inputGradient = [Scalar](repeating: 0, count: rows * inputSize)
        Scalar.gemm(
            outputGradient, transposeA: false, weights, transposeB: false, &inputGradient, m: rows, n: inputSize,
            k: outputSize, alpha: 1, beta: 0)
        return inputGradient
    }
}
