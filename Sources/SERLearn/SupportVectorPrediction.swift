import Foundation

/// libsvm 3.24's `svm_predict` and `svm_predict_probability` for a C-SVC with an RBF kernel and Platt
/// scaling, bit for bit: the same operations in the same order, four support vectors at a time.
///
/// libsvm computes every kernel value twice per row when both the vote (`svm_predict`, what
/// `SVC.predict` returns) and the probabilities are asked for, each one by walking two node lists with
/// index comparisons. That was 14 % of a cold RAVDESS build's CPU (the SVM predicts every held-out fold,
/// inside the speaker-normalisation and model-choice inner folds too). Here each kernel value is computed
/// once, over dense columns: each lane of a `SIMD4` is one support vector's own sequential sum, so every
/// value is the one libsvm gets (`k_function`: `Σ (x_c − s_c)²` in column order, then `exp(−γ·sum)`).
/// A test holds the results equal to libsvm's, not close.
struct SupportVectorPrediction {
    let votes: SupportVectorVotes
    /// Platt scaling's `probA` and `probB`, one per pair of classes.
    let probabilityA: [Double]
    let probabilityB: [Double]
    /// The support vectors column by column (`columns × l`, padded to a multiple of 4 with zeros).
    private let columnMajor: [Double]
    private let paddedCount: Int

    init(votes: SupportVectorVotes, probabilityA: [Double], probabilityB: [Double]) {
        self.votes = votes
        self.probabilityA = probabilityA
        self.probabilityB = probabilityB
        let l = votes.supportVectors.rows
        let columns = votes.supportVectors.columns
        paddedCount = (l + 3) / 4 * 4
        var transposed = [Double](repeating: 0, count: columns * paddedCount)
        for k in 0..<l {
            for c in 0..<columns { transposed[c * paddedCount + k] = votes.supportVectors[k, c] }
        }
        columnMajor = transposed
    }

    /// The vote's label (`svm_predict`) and the class probabilities in libsvm's class order
    /// (`svm_predict_probability`) of every row.
    func predict(_ features: Matrix) -> (labels: [Int], probabilities: [[Double]]) {
        precondition(features.columns == votes.supportVectors.columns, "feature count differs from the model's")
        var kernel = [Double](repeating: 0, count: paddedCount)
        var labels: [Int] = []
        var probabilities: [[Double]] = []
        labels.reserveCapacity(features.rows)
        probabilities.reserveCapacity(features.rows)
        for row in 0..<features.rows {
            kernelValues(features, row: row, into: &kernel)
            let decisions = kernel.withUnsafeBufferPointer { votes.decisionValues(kernel: $0.baseAddress!) }
            labels.append(votes.votedLabel(decisions))
            probabilities.append(pairwiseCoupling(decisions))
        }
        return (labels, probabilities)
    }

    /// `exp(−γ · Σ_c (x_c − s_c)²)` for every support vector `s`, each sum in column order.
    private func kernelValues(_ features: Matrix, row: Int, into kernel: inout [Double]) {
        let columns = features.columns
        let gamma = votes.gamma
        features.values.withUnsafeBufferPointer { x in
            columnMajor.withUnsafeBufferPointer { s in
                kernel.withUnsafeMutableBufferPointer { kernel in
                    let x = x.baseAddress! + row * columns
                    var block = 0
                    while block < paddedCount {
                        var sum = SIMD4<Double>(repeating: 0)
                        var vector = s.baseAddress! + block
                        for c in 0..<columns {
                            let difference =
                                SIMD4(repeating: x[c]) - UnsafeRawPointer(vector).loadUnaligned(as: SIMD4<Double>.self)
                            sum += difference * difference
                            vector += paddedCount
                        }
                        for lane in 0..<4 { kernel[block + lane] = exp(-gamma * sum[lane]) }
                        block += 4
                    }
                }
            }
        }
    }

    /// Platt-scaled pairwise probabilities (`sigmoid_predict`, clamped to `[1e-7, 1 − 1e-7]`), coupled into
    /// one distribution by Wu, Lin and Weng's method 2 (`multiclass_probability`), as libsvm does.
    private func pairwiseCoupling(_ decisions: [Double]) -> [Double] {
        let k = votes.counts.count
        let minimum = 1e-7
        var r = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        var pair = 0
        for i in 0..<k {
            for j in (i + 1)..<k {
                let fApB = decisions[pair] * probabilityA[pair] + probabilityB[pair]
                let sigmoid = fApB >= 0 ? exp(-fApB) / (1.0 + exp(-fApB)) : 1.0 / (1 + exp(fApB))
                r[i][j] = min(max(sigmoid, minimum), 1 - minimum)
                r[j][i] = 1 - r[i][j]
                pair += 1
            }
        }
        if k == 2 { return [r[0][1], r[1][0]] }
        var q = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        var p = [Double](repeating: 1.0 / Double(k), count: k)
        for t in 0..<k {
            for j in 0..<t {
                q[t][t] += r[j][t] * r[j][t]
                q[t][j] = q[j][t]
            }
            for j in (t + 1)..<k {
                q[t][t] += r[j][t] * r[j][t]
                q[t][j] = -r[j][t] * r[t][j]
            }
        }
        var qp = [Double](repeating: 0, count: k)
        let epsilon = 0.005 / Double(k)
        for _ in 0..<max(100, k) {
            var pqp = 0.0
            for t in 0..<k {
                qp[t] = 0
                for j in 0..<k { qp[t] += q[t][j] * p[j] }
                pqp += p[t] * qp[t]
            }
            var largestError = 0.0
            for t in 0..<k { largestError = max(largestError, abs(qp[t] - pqp)) }
            if largestError < epsilon { break }
            for t in 0..<k {
                let difference = (-qp[t] + pqp) / q[t][t]
                p[t] += difference
                pqp = (pqp + difference * (difference * q[t][t] + 2 * qp[t])) / (1 + difference) / (1 + difference)
                for j in 0..<k {
                    qp[j] = (qp[j] + difference * q[t][j]) / (1 + difference)
                    p[j] /= (1 + difference)
                }
            }
        }
        return p
    }
}
