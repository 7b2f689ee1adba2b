/// Max pooling over 2 × 2 windows with stride 2 (`torch.nn.MaxPool2d(2)`, ONNX `MaxPool` with
/// `kernel_shape = strides = [2, 2]`), over NCHW images; an odd last row or column is dropped, as there. The
/// gradient goes to the first element of each window that holds its maximum.
package enum MaxPooling {
    /// `input` (`planes × height × width`, one plane per image and channel) pooled to
    /// `planes × height/2 × width/2`, with the input index of each output's maximum.
    package static func forward<Scalar: NetworkScalar>(
        _ input: [Scalar], planes: Int, height: Int, width: Int
    ) -> (output: [Scalar], argmax: [Int]) {
        precondition(input.count == planes * height * width, "input shaped planes × height × width")
        let (outHeight, outWidth) = (height / 2, width / 2)
        var output = [Scalar](repeating: 0, count: planes * outHeight * outWidth)
        var argmax = [Int](repeating: 0, count: output.count)
        for plane in 0..<planes {
            let base = plane * height * width
            for y in 0..<outHeight {
                for x in 0..<outWidth {
                    var best = base + 2 * y * width + 2 * x
                    for (dy, dx) in [(0, 1), (1, 0), (1, 1)] {
                        let index = base + (2 * y + dy) * width + 2 * x + dx
                        if input[index] > input[best] { best = index }
                    }
                    let out = (plane * outHeight + y) * outWidth + x
                    output[out] = input[best]
                    argmax[out] = best
                }
            }
        }
        return (output, argmax)
    }

    /// The input's gradient (`inputCount` values) given the output's.
    package static func backward<Scalar: NetworkScalar>(
        _ outputGradient: [Scalar], argmax: [Int], inputCount: Int
    ) -> [Scalar] {
        var gradient = [Scalar](repeating: 0, count: inputCount)
        for (index, value) in zip(argmax, outputGradient) { gradient[index] += value }
        return gradient
    }
}

/// The mean of each plane (`torch.mean(x, dim=(2, 3))`, ONNX `GlobalAveragePool`): `planes × pixels` in,
/// `planes` out.
package enum GlobalAveragePooling {
    package static func forward<Scalar: NetworkScalar>(_ input: [Scalar], planes: Int, pixels: Int) -> [Scalar] {
        precondition(input.count == planes * pixels && pixels > 0, "input shaped planes × pixels")
        return (0..<planes).map { plane in
            var sum: Scalar = 0
            for p in 0..<pixels { sum += input[plane * pixels + p] }
            return sum / Scalar(pixels)
        }
    }

    package static func backward<Scalar: NetworkScalar>(_ outputGradient: [Scalar], pixels: Int) -> [Scalar] {
        var gradient = [Scalar](repeating: 0, count: outputGradient.count * pixels)
        for (plane, value) in outputGradient.enumerated() {
            let share = value / Scalar(pixels)
            for p in 0..<pixels { gradient[plane * pixels + p] = share }
        }
        return gradient
    }
}
