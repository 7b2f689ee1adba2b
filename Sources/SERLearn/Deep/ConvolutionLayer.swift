/// A 2-D convolution with a square kernel, stride 1 and zero padding that keeps the size ("same"), over a
/// batch of images in NCHW order (`torch.nn.Conv2d(in, out, k, padding=k/2)`, ONNX `Conv` with `pads`). Each
/// image is unfolded into columns (im2col: one column of `in·k·k` values per output pixel) so that the
/// convolution is one `gemm` per image, and the backward pass two more (weights' gradient, columns' gradient,
/// folded back by col2im).
package struct ConvolutionLayer<Scalar: NetworkScalar>: Sendable {
    package let inputChannels: Int
    package let outputChannels: Int
    package let kernel: Int
    /// `out × (in·k·k)`, row-major (PyTorch's `weight` `[out, in, k, k]` flattened).
    package var weights: [Scalar]
    package var bias: [Scalar]

    package struct Gradients: Sendable {
        package var weights: [Scalar]
        package var bias: [Scalar]

        package init(for layer: ConvolutionLayer) {
            weights = [Scalar](repeating: 0, count: layer.weights.count)
            bias = [Scalar](repeating: 0, count: layer.bias.count)
        }
    }

    /// What ``forward(_:batch:height:width:)`` keeps for the backward pass: each image's columns.
    package struct Trace: Sendable {
        let columns: [Scalar]
        let batch: Int
        let height: Int
        let width: Int
        /// `batch × out × height × width`.
        package let output: [Scalar]
    }

    /// Parameters uniform in `±1/√(in·k·k)`, as PyTorch draws them (its Kaiming-uniform default, `a = √5`).
    package init(inputChannels: Int, outputChannels: Int, kernel: Int, generator: inout SeededGenerator) {
        precondition(inputChannels > 0 && outputChannels > 0 && kernel > 0 && kernel % 2 == 1, "an odd kernel")
        self.inputChannels = inputChannels
        self.outputChannels = outputChannels
        self.kernel = kernel
        let fanIn = inputChannels * kernel * kernel
        let bound = 1 / Double(fanIn).squareRoot()
        weights = (0..<(outputChannels * fanIn)).map { _ in Scalar(bound * generator.nextSigned()) }
        bias = (0..<outputChannels).map { _ in Scalar(bound * generator.nextSigned()) }
    }

    var columnHeight: Int { inputChannels * kernel * kernel }

    /// The convolution of `input` (`batch × in × height × width`).
    package func forward(_ input: [Scalar], batch: Int, height: Int, width: Int) -> Trace {
        let pixels = height * width
        precondition(input.count == batch * inputChannels * pixels, "input shaped batch × in × height × width")
        var columns = [Scalar](repeating: 0, count: batch * columnHeight * pixels)
        var output = [Scalar](repeating: 0, count: batch * outputChannels * pixels)
        input.withUnsafeBufferPointer { source in
            columns.withUnsafeMutableBufferPointer { columns in
                output.withUnsafeMutableBufferPointer { output in
                    weights.withUnsafeBufferPointer { weights in
                        for b in 0..<batch {
                            let image = source.baseAddress! + b * inputChannels * pixels
                            let column = columns.baseAddress! + b * columnHeight * pixels
                            unfold(image, into: column, height: height, width: width)
                            let result = output.baseAddress! + b * outputChannels * pixels
                            for o in 0..<outputChannels {
                                for p in 0..<pixels { result[o * pixels + p] = bias[o] }
                            }
                            Scalar.gemm(
                                weights.baseAddress!, transposeA: false, column, transposeB: false, result,
                                m: outputChannels, n: pixels, k: columnHeight, alpha: 1, beta: 1)
                        }
                    }
                }
            }
        }
        return Trace(columns: columns, batch: batch, height: height, width: width, output: output)
    }

    /// Adds the parameters' gradients to `gradients` and returns the input's gradient, given the gradient of
    /// the loss with respect to `trace.output`; with `inputGradient: false` (the first layer) it is not computed.
    package func backward(
        _ trace: Trace, outputGradient: [Scalar], gradients: inout Gradients, inputGradient: Bool = true
    ) -> [Scalar] {
        let pixels = trace.height * trace.width
        precondition(outputGradient.count == trace.batch * outputChannels * pixels, "one gradient per output")
        var inputGradients = [Scalar](repeating: 0, count: inputGradient ? trace.batch * inputChannels * pixels : 0)
        var columnGradient = [Scalar](repeating: 0, count: inputGradient ? columnHeight * pixels : 0)
        outputGradient.withUnsafeBufferPointer { delta in
            trace.columns.withUnsafeBufferPointer { columns in
                weights.withUnsafeBufferPointer { weights in
                    gradients.weights.withUnsafeMutableBufferPointer { weightGradient in
                        for b in 0..<trace.batch {
                            let d = delta.baseAddress! + b * outputChannels * pixels
                            for o in 0..<outputChannels {
                                var sum: Scalar = 0
                                for p in 0..<pixels { sum += d[o * pixels + p] }
                                gradients.bias[o] += sum
                            }
                            Scalar.gemm(
                                d, transposeA: false, columns.baseAddress! + b * columnHeight * pixels,
                                transposeB: true, weightGradient.baseAddress!, m: outputChannels, n: columnHeight,
                                k: pixels, alpha: 1, beta: 1)
                            guard inputGradient else { continue }
                            columnGradient.withUnsafeMutableBufferPointer { column in
                                Scalar.gemm(
                                    weights.baseAddress!, transposeA: true, d, transposeB: false, column.baseAddress!,
                                    m: columnHeight, n: pixels, k: outputChannels, alpha: 1, beta: 0)
                                inputGradients.withUnsafeMutableBufferPointer { input in
                                    fold(
                                        column.baseAddress!,
                                        into: input.baseAddress! + b * inputChannels * pixels, height: trace.height,
                                        width: trace.width)
                                }
                            }
                        }
                    }
                }
            }
        }
        return inputGradients
    }

    /// im2col: row `(c·k + i)·k + j` of the columns holds, for every output pixel, the input pixel the kernel's
    /// tap `(i, j)` of channel `c` reads (0 outside the image).
    private func unfold(
        _ image: UnsafePointer<Scalar>, into columns: UnsafeMutablePointer<Scalar>, height: Int, width: Int
    ) {
        let half = kernel / 2
        let pixels = height * width
        for c in 0..<inputChannels {
            for i in 0..<kernel {
                for j in 0..<kernel {
                    let row = columns + ((c * kernel + i) * kernel + j) * pixels
                    for y in 0..<height {
                        let sourceY = y + i - half
                        guard sourceY >= 0 && sourceY < height else {
                            for x in 0..<width { row[y * width + x] = 0 }
                            continue
                        }
                        let source = image + (c * height + sourceY) * width
                        for x in 0..<width {
                            let sourceX = x + j - half
                            row[y * width + x] = sourceX >= 0 && sourceX < width ? source[sourceX] : 0
                        }
                    }
                }
            }
        }
    }

    /// col2im: adds each column value back to the input pixel it was read from.
    private func fold(
        _ columns: UnsafePointer<Scalar>, into image: UnsafeMutablePointer<Scalar>, height: Int, width: Int
    ) {
        let half = kernel / 2
        let pixels = height * width
        for c in 0..<inputChannels {
            for i in 0..<kernel {
                for j in 0..<kernel {
                    let row = columns + ((c * kernel + i) * kernel + j) * pixels
                    for y in 0..<height {
                        let sourceY = y + i - half
                        guard sourceY >= 0 && sourceY < height else { continue }
                        let target = image + (c * height + sourceY) * width
                        for x in 0..<width {
                            let sourceX = x + j - half
                            if sourceX >= 0 && sourceX < width { target[sourceX] += row[y * width + x] }
                        }
                    }
                }
            }
        }
    }
}
