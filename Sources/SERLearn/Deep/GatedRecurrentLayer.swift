/// A gated recurrent unit over a batch of sequences, as PyTorch's `torch.nn.GRU` (one layer, one direction)
/// and ONNX's `GRU` operator with `linear_before_reset = 1` compute it, gates in PyTorch's order (reset,
/// update, new):
///
///     r = σ(W_r x + b_ir + U_r h + b_hr)
///     z = σ(W_z x + b_iz + U_z h + b_hz)
///     n = tanh(W_n x + b_in + r ⊙ (U_n h + b_hn))
///     h' = (1 − z) ⊙ n + z ⊙ h
///
/// from `h = 0`. Sequences are time-major (`input[t][b][d]`, flattened) and may be shorter than the batch's
/// `steps`: past its length a sequence's state is carried unchanged and its outputs there are that last
/// state (a consumer pools over the valid steps only). The input projections of every step are one `gemm`;
/// each step then multiplies the batch's states by the recurrent weights.
///
/// ``backward(_:outputGradient:gradients:)`` is back-propagation through time; `Tests/SERLearnTests`
/// checks it against finite differences of ``forward(_:lengths:steps:)`` in `Double`.
package struct GatedRecurrentLayer<Scalar: NetworkScalar>: Sendable {
    package let inputSize: Int
    package let hiddenSize: Int
    /// `W_r, W_z, W_n` stacked: `3H × D`, row-major.
    package var inputWeights: [Scalar]
    /// `U_r, U_z, U_n` stacked: `3H × H`.
    package var recurrentWeights: [Scalar]
    /// `b_ir, b_iz, b_in`.
    package var inputBias: [Scalar]
    /// `b_hr, b_hz, b_hn`.
    package var recurrentBias: [Scalar]

    /// Gradients of the loss with respect to each parameter, shaped as the parameters.
    package struct Gradients: Sendable {
        package var inputWeights: [Scalar]
        package var recurrentWeights: [Scalar]
        package var inputBias: [Scalar]
        package var recurrentBias: [Scalar]

        package init(for layer: GatedRecurrentLayer) {
            inputWeights = [Scalar](repeating: 0, count: layer.inputWeights.count)
            recurrentWeights = [Scalar](repeating: 0, count: layer.recurrentWeights.count)
            inputBias = [Scalar](repeating: 0, count: layer.inputBias.count)
            recurrentBias = [Scalar](repeating: 0, count: layer.recurrentBias.count)
        }
    }

    /// What the forward pass keeps for the backward pass.
    package struct Trace: Sendable {
        package let steps: Int
        package let batch: Int
        package let lengths: [Int]
        package let input: [Scalar]
        /// `h_t` for `t = 0 ..< steps`, `steps × batch × H`: the layer's output.
        package var output: [Scalar]
        /// `r`, `z`, `n` and `U_n h + b_hn` of every step, `steps × batch × H` each.
        var reset: [Scalar]
        var update: [Scalar]
        var candidate: [Scalar]
        var recurrentCandidate: [Scalar]
    }

    /// Parameters drawn as PyTorch draws them, uniform in `±1/√H`, from `generator`.
    package init(inputSize: Int, hiddenSize: Int, generator: inout SeededGenerator) {
        precondition(inputSize > 0 && hiddenSize > 0, "a recurrent layer needs inputs and units")
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        let bound = 1 / Double(hiddenSize).squareRoot()
        func draw(_ count: Int) -> [Scalar] {
            (0..<count).map { _ in Scalar(bound * generator.nextSigned()) }
        }
        inputWeights = draw(3 * hiddenSize * inputSize)
        recurrentWeights = draw(3 * hiddenSize * hiddenSize)
        inputBias = draw(3 * hiddenSize)
        recurrentBias = draw(3 * hiddenSize)
    }

    /// Runs the layer over `input` (`steps × lengths.count × inputSize` values, time-major); each
    /// `lengths[b]` is in `1 ... steps`.
    package func forward(_ input: [Scalar], lengths: [Int], steps: Int) -> Trace {
        let batch = lengths.count
        let (d, h) = (inputSize, hiddenSize)
        precondition(input.count == steps * batch * d, "input must be steps × batch × inputSize")
        precondition(lengths.allSatisfy { $0 >= 1 && $0 <= steps }, "each length must be in 1 ... steps")
        let size = steps * batch * h
        var trace = Trace(
            steps: steps, batch: batch, lengths: lengths, input: input,
            output: [Scalar](repeating: 0, count: size), reset: [Scalar](repeating: 0, count: size),
            update: [Scalar](repeating: 0, count: size), candidate: [Scalar](repeating: 0, count: size),
            recurrentCandidate: [Scalar](repeating: 0, count: size))
        // Input projections of every step at once: (steps·batch × D) · (D × 3H).
        var projected = [Scalar](repeating: 0, count: steps * batch * 3 * h)
        Scalar.gemm(
            input, transposeA: false, inputWeights, transposeB: true, &projected, m: steps * batch, n: 3 * h, k: d,
            alpha: 1, beta: 0)
        var recurrent = [Scalar](repeating: 0, count: batch * 3 * h)
        var state = [Scalar](repeating: 0, count: batch * h)
        for t in 0..<steps {
            Scalar.gemm(
                state, transposeA: false, recurrentWeights, transposeB: true, &recurrent, m: batch, n: 3 * h, k: h,
                alpha: 1, beta: 0)
            for b in 0..<batch {
                let row = (t * batch + b)
                let gates = row * 3 * h
                let hidden = b * 3 * h
                for j in 0..<h {
                    let out = row * h + j
                    guard t < lengths[b] else {
                        trace.output[out] = state[b * h + j]
                        continue
                    }
                    let r = Scalar.sigmoid(
                        projected[gates + j] + inputBias[j] + recurrent[hidden + j] + recurrentBias[j])
                    let z = Scalar.sigmoid(
                        projected[gates + h + j] + inputBias[h + j] + recurrent[hidden + h + j]
                            + recurrentBias[h + j])
                    let u = recurrent[hidden + 2 * h + j] + recurrentBias[2 * h + j]
                    let n = Scalar.hyperbolicTangent(projected[gates + 2 * h + j] + inputBias[2 * h + j] + r * u)
                    trace.reset[out] = r
                    trace.update[out] = z
                    trace.candidate[out] = n
                    trace.recurrentCandidate[out] = u
                    trace.output[out] = (1 - z) * n + z * state[b * h + j]
                }
            }
            for b in 0..<batch {
                for j in 0..<h { state[b * h + j] = trace.output[(t * batch + b) * h + j] }
            }
        }
        return trace
    }

    /// Back-propagation through time: given the loss's gradient with respect to every output of `trace`
    /// (`steps × batch × H`), adds the parameters' gradients to `gradients` and returns the gradient with
    /// respect to the input (`steps × batch × D`).
    package func backward(_ trace: Trace, outputGradient: [Scalar], gradients: inout Gradients) -> [Scalar] {
        let (steps, batch) = (trace.steps, trace.batch)
        let (d, h) = (inputSize, hiddenSize)
        precondition(outputGradient.count == steps * batch * h, "one gradient per output")
        // Gradients of the gates' pre-activations: input side and recurrent side (they differ in n's).
        var inputSide = [Scalar](repeating: 0, count: steps * batch * 3 * h)
        var recurrentSide = [Scalar](repeating: 0, count: batch * 3 * h)
        var carried = [Scalar](repeating: 0, count: batch * h)
        var previousState = [Scalar](repeating: 0, count: batch * h)
        var through = [Scalar](repeating: 0, count: batch * h)
        for t in stride(from: steps - 1, through: 0, by: -1) {
            for b in 0..<batch {
                for j in 0..<h {
                    carried[b * h + j] += outputGradient[(t * batch + b) * h + j]
                    previousState[b * h + j] = t > 0 ? trace.output[((t - 1) * batch + b) * h + j] : 0
                }
            }
            for b in 0..<batch {
                let row = t * batch + b
                for j in 0..<h {
                    let gates = row * 3 * h
                    let hidden = b * 3 * h
                    guard t < trace.lengths[b] else {
                        // A carried state: its gradient passes to the previous step unchanged.
                        recurrentSide[hidden + j] = 0
                        recurrentSide[hidden + h + j] = 0
                        recurrentSide[hidden + 2 * h + j] = 0
                        through[b * h + j] = carried[b * h + j]
                        continue
                    }
                    let out = row * h + j
                    let (r, z, n) = (trace.reset[out], trace.update[out], trace.candidate[out])
                    let u = trace.recurrentCandidate[out]
                    let dh = carried[b * h + j]
                    let dn = dh * (1 - z) * (1 - n * n)
                    let dz = dh * (previousState[b * h + j] - n) * z * (1 - z)
                    let dr = dn * u * r * (1 - r)
                    inputSide[gates + j] = dr
                    inputSide[gates + h + j] = dz
                    inputSide[gates + 2 * h + j] = dn
                    recurrentSide[hidden + j] = dr
                    recurrentSide[hidden + h + j] = dz
                    recurrentSide[hidden + 2 * h + j] = dn * r
                    through[b * h + j] = dh * z
                }
            }
            // dU += recurrentSideᵀ · h_{t-1}; db_h += Σ_b recurrentSide; dh_{t-1} = through + recurrentSide · U.
            Scalar.gemm(
                recurrentSide, transposeA: true, previousState, transposeB: false, &gradients.recurrentWeights,
                m: 3 * h, n: h, k: batch, alpha: 1, beta: 1)
            for b in 0..<batch {
                for g in 0..<(3 * h) { gradients.recurrentBias[g] += recurrentSide[b * 3 * h + g] }
            }
            Scalar.gemm(
                recurrentSide, transposeA: false, recurrentWeights, transposeB: false, &through, m: batch, n: h,
                k: 3 * h, alpha: 1, beta: 1)
            swap(&carried, &through)
        }
        Scalar.gemm(
            inputSide, transposeA: true, trace.input, transposeB: false, &gradients.inputWeights, m: 3 * h, n: d,
            k: steps * batch, alpha: 1, beta: 1)
        for row in 0..<(steps * batch) {
            for g in 0..<(3 * h) { gradients.inputBias[g] += inputSide[row * 3 * h + g] }
        }
        var inputGradient = [Scalar](repeating: 0, count: steps * batch * d)
        Scalar.gemm(
            inputSide, transposeA: false, inputWeights, transposeB: false, &inputGradient, m: steps * batch, n: d,
            k: 3 * h, alpha: 1, beta: 0)
        return inputGradient
    }
}
