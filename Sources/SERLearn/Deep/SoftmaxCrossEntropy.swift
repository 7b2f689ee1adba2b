/// Softmax and class-weighted cross-entropy over a batch of logits, as `torch.nn.CrossEntropyLoss(weight=w)`
/// with its default `reduction="mean"`: `Σ_i w[y_i] · (−log softmax(x_i)[y_i]) / Σ_i w[y_i]`.
package enum SoftmaxCrossEntropy {
    /// Row-wise softmax of `rows × classes` logits (the largest logit subtracted first).
    package static func probabilities<Scalar: NetworkScalar>(_ logits: [Scalar], classes: Int) -> [Scalar] {
        precondition(classes > 0 && logits.count % classes == 0, "logits must be rows × classes")
        var output = logits
        for start in stride(from: 0, to: logits.count, by: classes) {
            var largest = logits[start]
            for k in 1..<classes { largest = max(largest, logits[start + k]) }
            var sum: Scalar = 0
            for k in 0..<classes {
                output[start + k] = Scalar.exponential(logits[start + k] - largest)
                sum += output[start + k]
            }
            for k in 0..<classes { output[start + k] /= sum }
        }
        return output
    }

    /// The loss and its gradient with respect to the logits, for labels `0 ..< classes` and a weight per
    /// class.
    package static func loss<Scalar: NetworkScalar>(
        logits: [Scalar], labels: [Int], classes: Int, classWeights: [Scalar]
    ) -> (loss: Scalar, gradient: [Scalar]) {
        precondition(logits.count == labels.count * classes, "one row of logits per label")
        precondition(classWeights.count == classes, "one weight per class")
        let probabilities = probabilities(logits, classes: classes)
        var total: Scalar = 0
        var weightSum: Scalar = 0
        for (row, label) in labels.enumerated() {
            let weight = classWeights[label]
            total -= weight * Scalar.logarithm(max(probabilities[row * classes + label], Scalar.leastNormalMagnitude))
            weightSum += weight
        }
        guard weightSum > 0 else { return (0, [Scalar](repeating: 0, count: logits.count)) }
        var gradient = probabilities
        for (row, label) in labels.enumerated() {
            let weight = classWeights[label] / weightSum
            for k in 0..<classes { gradient[row * classes + k] *= weight }
            gradient[row * classes + label] -= weight
        }
        return (total / weightSum, gradient)
    }
}
