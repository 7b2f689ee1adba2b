package import SERSettings

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `MLPClassifier`'s settings, under its names and with its defaults except that early stopping is
/// on (the protocol: a validation split from the training fold).
package struct MLPSettings: SettingGroup, Equatable {
    /// Units in the one hidden layer (`hidden_layer_sizes=(100,)`).
    package var hiddenLayerSize = 100
    package var alpha = 1e-4
    package var learningRateInit = 1e-3
    /// Rows per mini-batch (`batch_size=min(200, n)`).
    package var batchSize = 200
    package var maxIter = 200
    package var validationFraction = 0.1
    package var nIterNoChange = 10
    /// Smallest improvement that counts (`tol`; not a setting).
    package var tol = 1e-4

    package init() {}

    package static let schema = SettingSchema<MLPSettings>([
        Setting(
            "hidden_layer_size", \.hiddenLayerSize, "units in the one ReLU hidden layer (hidden_layer_sizes)",
            allowed: .range(1...4096)),
        Setting("alpha", \.alpha, "L2 penalty (alpha)", allowed: .range(0, 100)),
        Setting(
            "learning_rate_init", \.learningRateInit, "Adam's step size (learning_rate_init)",
            allowed: .range(0, 1, includingLower: false)),
        Setting("batch_size", \.batchSize, "clips per mini-batch (batch_size)", allowed: .range(1...100_000)),
        Setting("max_iter", \.maxIter, "epochs at most (max_iter)", allowed: .range(1...100_000)),
        Setting(
            "validation_fraction", \.validationFraction,
            "share of each training fold held out for early stopping (validation_fraction)",
            allowed: .range(0, 1, includingLower: false, includingUpper: false)),
        Setting(
            "n_iter_no_change", \.nIterNoChange, "epochs without improvement before stopping (n_iter_no_change)",
            allowed: .range(1...10_000)),
    ])
}

/// A multilayer perceptron as scikit-learn's `MLPClassifier(early_stopping=True)`: one ReLU hidden
/// layer, softmax output, cross-entropy with L2 penalty, Adam on shuffled mini-batches, Glorot-uniform
/// initial weights, and the weights of the best validation epoch kept. Matrix products go through
/// OpenBLAS (`dgemm`), single-threaded, so training is bit-identical on every machine.
package final class MultilayerPerceptron {
    package let inputs: Int
    package let hidden: Int
    package let classCount: Int
    /// w1 (`inputs × hidden`, row-major), b1, w2 (`hidden × classes`), b2.
    private var layers: [[Double]]
    /// The training loss after each epoch.
    package private(set) var lossCurve: [Double] = []
    /// The validation accuracy after each epoch.
    package private(set) var validationScores: [Double] = []

    package init(
        features: Matrix, labels: [Int], classCount: Int, settings: MLPSettings, seed: UInt64
    ) throws {
        precondition(features.rows == labels.count, "\(features.rows) rows, \(labels.count) labels")
        guard features.rows >= 2 else { throw LearnError(.tooFewRows, "the MLP needs at least 2 training rows") }
        inputs = features.columns
        hidden = settings.hiddenLayerSize
        self.classCount = classCount
        var random = SeededGenerator(seed: seed)
        func glorot(_ fanIn: Int, _ fanOut: Int, _ count: Int) -> [Double] {
            let bound = (6 / Double(fanIn + fanOut)).squareRoot()
            return (0..<count).map { _ in bound * random.nextSigned() }
        }
        layers = [
            glorot(inputs, hidden, inputs * hidden), glorot(inputs, hidden, hidden),
            glorot(hidden, classCount, hidden * classCount), glorot(hidden, classCount, classCount),
        ]

        let (training, validation) = Split.stratifiedHoldout(
            labels: labels, fraction: settings.validationFraction, seed: random.next())
        try train(
            features: features, labels: labels, training: training, validation: validation, settings: settings,
            random: &random)
    }

    /// A network with saved weights (no training); throws if their shapes disagree or a weight is not
    /// finite (see ``MLPWeights/check()``).
    package init(weights: MLPWeights) throws(LearnError) {
        try weights.check()
        inputs = weights.w1.count
        hidden = weights.b1.count
        classCount = weights.b2.count
        layers = [weights.w1.flatMap { $0 }, weights.b1, weights.w2.flatMap { $0 }, weights.b2]
    }

    /// Class probabilities for each row of `features`.
    package func probabilities(_ features: Matrix) -> Matrix {
        precondition(features.columns == inputs, "\(features.columns) features, the MLP takes \(inputs)")
        var output = [Double](repeating: 0, count: features.rows * classCount)
        var hiddenValues = [Double](repeating: 0, count: features.rows * hidden)
        forward(features.values, rows: features.rows, hidden: &hiddenValues, output: &output)
        return Matrix(rows: features.rows, columns: classCount, values: output)
    }

    /// The weights, for saving.
    package var weights: MLPWeights {
        MLPWeights(
            w1: (0..<inputs).map { Array(layers[0][($0 * hidden)..<(($0 + 1) * hidden)]) }, b1: layers[1],
            w2: (0..<hidden).map { Array(layers[2][($0 * classCount)..<(($0 + 1) * classCount)]) }, b2: layers[3])
    }

    // MARK: Training

    private func train(
        features: Matrix, labels: [Int], training: [Int], validation: [Int], settings: MLPSettings,
        random: inout SeededGenerator
    ) throws {
        let parameters = layers.map(\.count)
        var adam = Adam(sizes: parameters, learningRate: settings.learningRateInit)
        var best = (score: -Double.infinity, weights: layers)
        var epochsWithoutImprovement = 0
        let batchSize = max(1, min(settings.batchSize, training.count))
        var order = training
        let validationFeatures = features.selecting(rows: validation)
        let validationLabels = validation.map { labels[$0] }

        var batchX = [Double](repeating: 0, count: batchSize * inputs)
        var hiddenValues = [Double](repeating: 0, count: batchSize * hidden)
        var output = [Double](repeating: 0, count: batchSize * classCount)
        var gradients = parameters.map { [Double](repeating: 0, count: $0) }
        var hiddenGradient = [Double](repeating: 0, count: batchSize * hidden)

        for _ in 0..<settings.maxIter {
            order.shuffle(using: &random)
            var epochLoss = 0.0
            var start = 0
            while start < order.count {
                let rows = min(batchSize, order.count - start)
                for (row, index) in order[start..<(start + rows)].enumerated() {
                    for column in 0..<inputs { batchX[row * inputs + column] = features[index, column] }
                }
                let batchLabels = order[start..<(start + rows)].map { labels[$0] }
                forward(batchX, rows: rows, hidden: &hiddenValues, output: &output)
                epochLoss +=
                    backward(
                        batchX, labels: batchLabels, rows: rows, hidden: hiddenValues, output: &output,
                        hiddenGradient: &hiddenGradient, gradients: &gradients, alpha: settings.alpha)
                    * Double(rows)
                adam.step(&layers, gradients: gradients)
                start += rows
            }
            let loss = epochLoss / Double(order.count)
            guard loss.isFinite else { throw LearnError(.nonFiniteValue, "the MLP's loss became \(loss)") }
            lossCurve.append(loss)

            let score = validation.isEmpty ? -loss : accuracy(validationFeatures, validationLabels)
            validationScores.append(validation.isEmpty ? .nan : score)
            if score > best.score + settings.tol {
                epochsWithoutImprovement = 0
            } else {
                epochsWithoutImprovement += 1
            }
            if score > best.score { best = (score, layers) }
            if epochsWithoutImprovement > settings.nIterNoChange { break }
        }
        layers = best.weights
    }

    private func accuracy(_ features: Matrix, _ labels: [Int]) -> Double {
        let probabilities = probabilities(features)
        var correct = 0
        for row in 0..<features.rows where probabilities.argmax(row: row) == labels[row] { correct += 1 }
        return Double(correct) / Double(max(features.rows, 1))
    }

    /// `output = softmax(relu(x · w1 + b1) · w2 + b2)` for `rows` rows; `hidden` keeps the activations.
    private func forward(_ x: [Double], rows: Int, hidden hiddenValues: inout [Double], output: inout [Double]) {
        let (inputs, hidden, classes) = (self.inputs, self.hidden, classCount)
        x.withUnsafeBufferPointer { x in
            layers[0].withUnsafeBufferPointer { w1 in
                hiddenValues.withUnsafeMutableBufferPointer { h in
                    BLAS.gemm(
                        x.baseAddress!, transposeA: false, w1.baseAddress!, transposeB: false, h.baseAddress!,
                        m: rows, n: hidden, k: inputs)
                    for row in 0..<rows {
                        for unit in 0..<hidden {
                            h[row * hidden + unit] = max(0, h[row * hidden + unit] + layers[1][unit])
                        }
                    }
                }
            }
        }
        hiddenValues.withUnsafeBufferPointer { h in
            layers[2].withUnsafeBufferPointer { w2 in
                output.withUnsafeMutableBufferPointer { z in
                    BLAS.gemm(
                        h.baseAddress!, transposeA: false, w2.baseAddress!, transposeB: false, z.baseAddress!,
                        m: rows, n: classes, k: hidden)
                    for row in 0..<rows {
                        var largest = -Double.infinity
                        for c in 0..<classes {
                            z[row * classes + c] += layers[3][c]
                            largest = max(largest, z[row * classes + c])
                        }
                        var total = 0.0
                        for c in 0..<classes {
                            let e = exp(z[row * classes + c] - largest)
                            z[row * classes + c] = e
                            total += e
                        }
                        for c in 0..<classes { z[row * classes + c] /= total }
                    }
                }
            }
        }
    }

    /// Gradients of the batch's mean cross-entropy plus `0.5 · alpha · ‖W‖² / rows` (scikit-learn's
    /// penalty), into `gradients` (w1, b1, w2, b2); returns the batch loss. `output` is overwritten.
    private func backward(
        _ x: [Double], labels: [Int], rows: Int, hidden hiddenValues: [Double], output: inout [Double],
        hiddenGradient: inout [Double], gradients: inout [[Double]], alpha: Double
    ) -> Double {
        let (inputs, hidden, classes) = (self.inputs, self.hidden, classCount)
        let scale = 1 / Double(rows)
        var loss = 0.0
        for row in 0..<rows {
            let probability = output[row * classes + labels[row]]
            loss -= log(max(probability, 1e-10))
            output[row * classes + labels[row]] -= 1
            for c in 0..<classes { output[row * classes + c] *= scale }
        }
        loss *= scale
        loss += 0.5 * alpha * (layers[0].reduce(0) { $0 + $1 * $1 } + layers[2].reduce(0) { $0 + $1 * $1 }) * scale

        // w2: hᵀ · dz + alpha · w2 / rows;  b2: column sums of dz.
        hiddenValues.withUnsafeBufferPointer { h in
            output.withUnsafeBufferPointer { dz in
                gradients[2].withUnsafeMutableBufferPointer { g in
                    BLAS.gemm(
                        h.baseAddress!, transposeA: true, dz.baseAddress!, transposeB: false, g.baseAddress!,
                        m: hidden, n: classes, k: rows)
                }
                // dh = dz · w2ᵀ, masked where the unit was off.
                layers[2].withUnsafeBufferPointer { w2 in
                    hiddenGradient.withUnsafeMutableBufferPointer { dh in
                        BLAS.gemm(
                            dz.baseAddress!, transposeA: false, w2.baseAddress!, transposeB: true,
                            dh.baseAddress!, m: rows, n: hidden, k: classes)
                        for index in 0..<(rows * hidden) where h[index] <= 0 { dh[index] = 0 }
                    }
                }
            }
        }
        for index in layers[2].indices { gradients[2][index] += alpha * layers[2][index] * scale }
        for c in 0..<classes {
            var sum = 0.0
            for row in 0..<rows { sum += output[row * classes + c] }
            gradients[3][c] = sum
        }
        x.withUnsafeBufferPointer { x in
            hiddenGradient.withUnsafeBufferPointer { dh in
                gradients[0].withUnsafeMutableBufferPointer { g in
                    BLAS.gemm(
                        x.baseAddress!, transposeA: true, dh.baseAddress!, transposeB: false, g.baseAddress!,
                        m: inputs, n: hidden, k: rows)
                }
            }
        }
        for index in layers[0].indices { gradients[0][index] += alpha * layers[0][index] * scale }
        for unit in 0..<hidden {
            var sum = 0.0
            for row in 0..<rows { sum += hiddenGradient[row * hidden + unit] }
            gradients[1][unit] = sum
        }
        return loss
    }
}

/// Adam (Kingma & Ba 2015) with scikit-learn's defaults: β₁ 0.9, β₂ 0.999, ε 1e-8.
private struct Adam {
    let learningRate: Double
    let beta1 = 0.9
    let beta2 = 0.999
    let epsilon = 1e-8
    private var first: [[Double]]
    private var second: [[Double]]
    private var steps = 0

    init(sizes: [Int], learningRate: Double) {
        self.learningRate = learningRate
        first = sizes.map { [Double](repeating: 0, count: $0) }
        second = first
    }

    /// One update of every parameter array from its gradient (scikit-learn's bias-corrected step size).
    mutating func step(_ parameters: inout [[Double]], gradients: [[Double]]) {
        steps += 1
        let rate =
            learningRate * (1 - pow(beta2, Double(steps))).squareRoot() / (1 - pow(beta1, Double(steps)))
        for index in parameters.indices {
            let gradient = gradients[index]
            for position in gradient.indices {
                let g = gradient[position]
                first[index][position] = beta1 * first[index][position] + (1 - beta1) * g
                second[index][position] = beta2 * second[index][position] + (1 - beta2) * g * g
                parameters[index][position] -=
                    rate * first[index][position] / (second[index][position].squareRoot() + epsilon)
            }
        }
    }
}
