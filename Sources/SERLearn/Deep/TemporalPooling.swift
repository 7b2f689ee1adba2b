/// Mean and max pooling over the valid steps of each sequence: the recurrent net's summary of a clip, the
/// mean of its states beside their maximum (per unit), `[mean | max]`, `2H` values per sequence.
///
/// The mean's gradient is shared evenly among the valid steps; the max's goes to the first step that holds
/// it (as `torch.max` and ONNX's `ReduceMax` route it).
package enum TemporalPooling {
    /// Pools `states` (`steps × batch × width`, time-major) into `batch × 2·width`, and the step each max
    /// came from (`batch × width`).
    package static func forward<Scalar: NetworkScalar>(
        _ states: [Scalar], lengths: [Int], steps: Int, width: Int
    ) -> (pooled: [Scalar], argmax: [Int]) {
        let batch = lengths.count
        precondition(states.count == steps * batch * width, "states must be steps × batch × width")
        var pooled = [Scalar](repeating: 0, count: batch * 2 * width)
        var argmax = [Int](repeating: 0, count: batch * width)
        for b in 0..<batch {
            let length = lengths[b]
            for j in 0..<width {
                var sum: Scalar = 0
                var best = states[b * width + j]
                var at = 0
                for t in 0..<length {
                    let value = states[(t * batch + b) * width + j]
                    sum += value
                    if value > best {
                        best = value
                        at = t
                    }
                }
                pooled[b * 2 * width + j] = sum / Scalar(length)
                pooled[b * 2 * width + width + j] = best
                argmax[b * width + j] = at
            }
        }
        return (pooled, argmax)
    }

    /// The gradient with respect to `states` given the gradient with respect to the pooled values.
    package static func backward<Scalar: NetworkScalar>(
        _ pooledGradient: [Scalar], argmax: [Int], lengths: [Int], steps: Int, width: Int
    ) -> [Scalar] {
        let batch = lengths.count
        var gradient = [Scalar](repeating: 0, count: steps * batch * width)
        // The mean's share, step by step (contiguous rows), then each maximum's step.
        for t in 0..<steps {
            for b in 0..<batch where t < lengths[b] {
                let scale = 1 / Scalar(lengths[b])
                for j in 0..<width {
                    gradient[(t * batch + b) * width + j] = pooledGradient[b * 2 * width + j] * scale
                }
            }
        }
        for b in 0..<batch {
            for j in 0..<width {
                gradient[(argmax[b * width + j] * batch + b) * width + j] += pooledGradient[b * 2 * width + width + j]
            }
        }
        return gradient
    }
}
