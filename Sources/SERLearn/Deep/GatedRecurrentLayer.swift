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
        var output = [Scalar](repeating: 0, count: size)
        var reset = [Scalar](repeating: 0, count: size)
        var update = [Scalar](repeating: 0, count: size)
        var candidate = [Scalar](repeating: 0, count: size)
        var recurrentCandidate = [Scalar](repeating: 0, count: size)
        // Input projections of every step at once, biases included: (steps·batch × D) · (D × 3H).
        var projected = [Scalar](repeating: 0, count: steps * batch * 3 * h)
        for row in 0..<(steps * batch) {
            for g in 0..<(3 * h) { projected[row * 3 * h + g] = inputBias[g] }
        }
        Scalar.gemm(
            input, transposeA: false, inputWeights, transposeB: true, &projected, m: steps * batch, n: 3 * h, k: d,
            alpha: 1, beta: 1)
        var recurrent = [Scalar](repeating: 0, count: batch * 3 * h)
        var state = [Scalar](repeating: 0, count: batch * h)
        for t in 0..<steps {
            for b in 0..<batch {
                for g in 0..<(3 * h) { recurrent[b * 3 * h + g] = recurrentBias[g] }
            }
            Scalar.gemm(
                state, transposeA: false, recurrentWeights, transposeB: true, &recurrent, m: batch, n: 3 * h, k: h,
                alpha: 1, beta: 1)
            projected.withUnsafeBufferPointer { projected in
                recurrent.withUnsafeBufferPointer { recurrent in
                    state.withUnsafeMutableBufferPointer { state in
                        output.withUnsafeMutableBufferPointer { output in
                            reset.withUnsafeMutableBufferPointer { reset in
                                update.withUnsafeMutableBufferPointer { update in
                                    candidate.withUnsafeMutableBufferPointer { candidate in
                                        recurrentCandidate.withUnsafeMutableBufferPointer { recurrentCandidate in
                                            for b in 0..<batch {
                                                let row = t * batch + b
                                                let x = projected.baseAddress! + row * 3 * h
                                                let u = recurrent.baseAddress! + b * 3 * h
                                                let previous = state.baseAddress! + b * h
                                                let out = row * h
                                                guard t < lengths[b] else {
                                                    for j in 0..<h { output[out + j] = previous[j] }
                                                    continue
                                                }
                                                Scalar.gatedStep(
                                                    GateStep(
                                                        units: h, projected: x, recurrent: u, previous: previous,
                                                        reset: reset.baseAddress! + out,
                                                        update: update.baseAddress! + out,
                                                        candidate: candidate.baseAddress! + out,
                                                        recurrentCandidate: recurrentCandidate.baseAddress! + out,
                                                        output: output.baseAddress! + out))
                                                for j in 0..<h { previous[j] = output[out + j] }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return Trace(
            steps: steps, batch: batch, lengths: lengths, input: input, output: output, reset: reset, update: update,
            candidate: candidate, recurrentCandidate: recurrentCandidate)
    }

    /// Back-propagation through time: given the loss's gradient with respect to every output of `trace`
    /// (`steps × batch × H`), adds the parameters' gradients to `gradients` and returns the gradient with
    /// respect to the input (`steps × batch × D`).
    /// `inputGradient: false` skips the input's gradient (a first layer has no use for it) and returns `[]`.
    @discardableResult
    package func backward(
        _ trace: Trace, outputGradient: [Scalar], gradients: inout Gradients, inputGradient wanted: Bool = true
    ) -> [Scalar] {
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
            inputSide.withUnsafeMutableBufferPointer { inputSide in
                recurrentSide.withUnsafeMutableBufferPointer { recurrentSide in
                    carried.withUnsafeMutableBufferPointer { carried in
                        previousState.withUnsafeMutableBufferPointer { previousState in
                            through.withUnsafeMutableBufferPointer { through in
                                outputGradient.withUnsafeBufferPointer { outputGradient in
                                    trace.output.withUnsafeBufferPointer { output in
                                        trace.reset.withUnsafeBufferPointer { reset in
                                            trace.update.withUnsafeBufferPointer { update in
                                                trace.candidate.withUnsafeBufferPointer { candidate in
                                                    trace.recurrentCandidate.withUnsafeBufferPointer {
                                                        recurrentCandidate in
                                                        for b in 0..<batch {
                                                            let row = t * batch + b
                                                            let gates = inputSide.baseAddress! + row * 3 * h
                                                            let hidden = recurrentSide.baseAddress! + b * 3 * h
                                                            let state = b * h
                                                            for j in 0..<h {
                                                                carried[state + j] += outputGradient[row * h + j]
                                                                previousState[state + j] =
                                                                    t > 0 ? output[(row - batch) * h + j] : 0
                                                            }
                                                            guard t < trace.lengths[b] else {
                                                                // A carried state: its gradient passes to the previous
                                                                // step unchanged.
                                                                for g in 0..<(3 * h) { hidden[g] = 0 }
                                                                for j in 0..<h {
                                                                    through[state + j] = carried[state + j]
                                                                }
                                                                continue
                                                            }
                                                            for j in 0..<h {
                                                                let out = row * h + j
                                                                let (r, z, n) = (
                                                                    reset[out], update[out], candidate[out]
                                                                )
                                                                let u = recurrentCandidate[out]
                                                                let dh = carried[state + j]
                                                                let dn = dh * (1 - z) * (1 - n * n)
                                                                let dz =
                                                                    dh * (previousState[state + j] - n) * z * (1 - z)
                                                                let dr = dn * u * r * (1 - r)
                                                                gates[j] = dr
                                                                gates[h + j] = dz
                                                                gates[2 * h + j] = dn
                                                                hidden[j] = dr
                                                                hidden[h + j] = dz
                                                                hidden[2 * h + j] = dn * r
                                                                through[state + j] = dh * z
                                                            }
                                                        }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
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
        guard wanted else { return [] }
        var inputGradient = [Scalar](repeating: 0, count: steps * batch * d)
        Scalar.gemm(
            inputSide, transposeA: false, inputWeights, transposeB: false, &inputGradient, m: steps * batch, n: d,
            k: 3 * h, alpha: 1, beta: 0)
        return inputGradient
    }
}
