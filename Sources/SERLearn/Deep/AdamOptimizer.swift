/// Adam (Kingma & Ba 2015) as `torch.optim.Adam` steps it (`betas = (0.9, 0.999)`, `eps = 1e-8`, bias
/// corrected), with optional L2 weight decay added to the gradient (`weight_decay`), over a fixed list of
/// parameter arrays: one moment pair per array, in the order ``step(_:gradients:)`` is given them.
package struct AdamOptimizer<Scalar: NetworkScalar>: Sendable {
    package var learningRate: Scalar
    package let weightDecay: Scalar
    let beta1: Scalar = 0.9
    let beta2: Scalar = 0.999
    let epsilon: Scalar = 1e-8
    private var first: [[Scalar]] = []
    private var second: [[Scalar]] = []
    private(set) var steps = 0

    package init(learningRate: Scalar, weightDecay: Scalar = 0) {
        self.learningRate = learningRate
        self.weightDecay = weightDecay
    }

    /// One step for every parameter array, `gradients[i]` shaped as `parameters[i]`.
    package mutating func step(_ parameters: inout [[Scalar]], gradients: [[Scalar]]) {
        precondition(parameters.count == gradients.count, "one gradient per parameter array")
        if first.isEmpty {
            first = parameters.map { [Scalar](repeating: 0, count: $0.count) }
            second = first
        }
        steps += 1
        let correction1 = 1 - Scalar.exponential(Scalar(steps) * Scalar.logarithm(beta1))
        let correction2 = 1 - Scalar.exponential(Scalar(steps) * Scalar.logarithm(beta2))
        let stepSize = learningRate / correction1
        let root2 = correction2.squareRoot()
        let (beta1, beta2, epsilon, decay) = (self.beta1, self.beta2, self.epsilon, weightDecay)
        for i in parameters.indices {
            precondition(parameters[i].count == gradients[i].count, "gradient \(i) is not shaped as its parameters")
            parameters[i].withUnsafeMutableBufferPointer { p in
                first[i].withUnsafeMutableBufferPointer { m in
                    second[i].withUnsafeMutableBufferPointer { v in
                        gradients[i].withUnsafeBufferPointer { g in
                            for k in 0..<p.count {
                                let gradient = g[k] + decay * p[k]
                                m[k] = beta1 * m[k] + (1 - beta1) * gradient
                                v[k] = beta2 * v[k] + (1 - beta2) * gradient * gradient
                                p[k] -= stepSize * m[k] / (v[k].squareRoot() / root2 + epsilon)
                            }
                        }
                    }
                }
            }
        }
    }
}
