import Foundation

/// A C-SVC's one-vs-one vote from kernel values, as libsvm's `svm_predict_values` casts it: for each pair
/// of classes `i < j`, `Σ coef[j-1][s] K(s) over i's support vectors + Σ coef[i][s] K(s) over j's − rho`,
/// a vote for `i` when positive, else for `j`; the class with most votes (the first on a tie) wins.
///
/// Copied out of a trained ``LibSVMModel`` so that permutation importance can score shuffled test rows
/// from squared distances it updates group by group, instead of calling libsvm (which recomputes every
/// distance over every column, twice) for each shuffle: see ``PermutationImportance``.
package struct SupportVectorVotes: Sendable {
    let gamma: Double
    /// One row per support vector, in libsvm's order (grouped by class).
    let supportVectors: Matrix
    /// Support vectors of each class, in libsvm's class order.
    let counts: [Int]
    /// `sv_coef`: `classes - 1` rows of one coefficient per support vector.
    let coefficients: [[Double]]
    /// One constant per pair of classes, in `(0,1), (0,2), …, (1,2), …` order.
    let rho: [Double]
    /// The label of each of libsvm's classes.
    let labels: [Int]
    /// Where each class's support vectors start.
    let starts: [Int]

    init(
        gamma: Double, supportVectors: Matrix, counts: [Int], coefficients: [[Double]], rho: [Double], labels: [Int]
    ) {
        self.gamma = gamma
        self.supportVectors = supportVectors
        self.counts = counts
        self.coefficients = coefficients
        self.rho = rho
        self.labels = labels
        var starts = [Int](repeating: 0, count: counts.count)
        for i in counts.indices.dropFirst() { starts[i] = starts[i - 1] + counts[i - 1] }
        self.starts = starts
    }

    /// The predicted label from `squaredDistances` (one per support vector) to the row.
    func label(squaredDistances distances: UnsafePointer<Double>, kernel: UnsafeMutablePointer<Double>) -> Int {
        let l = supportVectors.rows
        for k in 0..<l { kernel[k] = exp(-gamma * distances[k]) }
        return votedLabel(decisionValues(kernel: kernel))
    }

    /// `svm_predict_values`' one-vs-one decision values from the kernel value of each support vector, in
    /// `(0,1), (0,2), …, (1,2), …` order.
    func decisionValues(kernel: UnsafePointer<Double>) -> [Double] {
        let classes = counts.count
        var decisions: [Double] = []
        decisions.reserveCapacity(classes * (classes - 1) / 2)
        for i in 0..<classes {
            for j in (i + 1)..<classes {
                var sum = 0.0
                let first = coefficients[j - 1]
                let second = coefficients[i]
                for k in starts[i]..<(starts[i] + counts[i]) { sum += first[k] * kernel[k] }
                for k in starts[j]..<(starts[j] + counts[j]) { sum += second[k] * kernel[k] }
                sum -= rho[decisions.count]
                decisions.append(sum)
            }
        }
        return decisions
    }

    /// The class with most votes (a positive decision votes for the first of its pair), the first on a tie.
    func votedLabel(_ decisions: [Double]) -> Int {
        let classes = counts.count
        var tally = [Int](repeating: 0, count: classes)
        var pair = 0
        for i in 0..<classes {
            for j in (i + 1)..<classes {
                if decisions[pair] > 0 { tally[i] += 1 } else { tally[j] += 1 }
                pair += 1
            }
        }
        var winner = 0
        for i in 1..<classes where tally[i] > tally[winner] { winner = i }
        return labels[winner]
    }

    /// `Σ_{c ∈ columns} (x_rc − s_kc)²` for every test row `r` and support vector `k` (`rows × l`, row-major).
    func squaredDistances(_ test: Matrix, columns: [Int]) -> [Double] {
        let l = supportVectors.rows
        let width = test.columns
        var distances = [Double](repeating: 0, count: test.rows * l)
        test.values.withUnsafeBufferPointer { x in
            supportVectors.values.withUnsafeBufferPointer { s in
                distances.withUnsafeMutableBufferPointer { d in
                    for r in 0..<test.rows {
                        for k in 0..<l {
                            var sum = 0.0
                            for c in columns {
                                let difference = x[r * width + c] - s[k * width + c]
                                sum += difference * difference
                            }
                            d[r * l + k] = sum
                        }
                    }
                }
            }
        }
        return distances
    }
}
