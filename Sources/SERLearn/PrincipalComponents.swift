/// Principal component analysis matching scikit-learn's `PCA(n_components=k)` with the full
/// solver (no whitening): the `k` directions of largest variance of the column-centred data.
///
/// Fitting centres the columns, forms the covariance matrix with an `n - 1` denominator and takes
/// its `k` largest eigenpairs with LAPACK `dsyevr`. Each component's sign follows scikit-learn
/// 1.9's `svd_flip(u_based_decision=False)`: its loading of largest magnitude (the first one on a
/// tie) is positive. Fitting is deterministic and safe to run on several threads at once.
package struct PrincipalComponents: Sendable, Equatable {
    /// The principal axes, one per row (`k` x columns), by decreasing explained variance
    /// (`components_`).
    package let components: Matrix
    /// The variance along each component: the covariance eigenvalues (`explained_variance_`).
    package let explainedVariance: [Double]
    /// Each component's share of the total variance, the covariance matrix's trace
    /// (`explained_variance_ratio_`).
    package let explainedVarianceRatio: [Double]
    /// The column means of the fitted data, subtracted before projecting (`mean_`).
    package let mean: [Double]

    /// Fits the `componentCount` leading principal components of `data`.
    ///
    /// - Throws: ``LearnError`` when `data` has fewer than 2 rows, `componentCount` is not in
    ///   `1...min(rows, columns)`, `data` holds NaN or an infinity, or LAPACK fails.
    package init(fitting data: Matrix, componentCount: Int) throws {
        guard data.rows >= 2 else {
            throw LearnError(.tooFewRows, "PCA needs at least 2 rows, got \(data.rows)")
        }
        let limit = min(data.rows, data.columns)
        guard componentCount >= 1 && componentCount <= limit else {
            throw LearnError(
                .invalidComponentCount,
                "PCA of \(data.rows)x\(data.columns) data needs 1...\(limit) components, got \(componentCount)")
        }
        guard data.isFinite else {
            throw LearnError(.nonFiniteValue, "PCA input contains NaN or an infinity")
        }
        let mean = data.columnMeans()
        if data.columns > Self.gramThreshold && data.columns > 2 * data.rows {
            let (components, variances, total) = try Self.fromGram(data, mean: mean, count: componentCount)
            self.components = Self.flippingSigns(of: components)
            self.explainedVariance = variances.map { max($0, 0) }
            self.explainedVarianceRatio = explainedVariance.map { $0 / total }
            self.mean = mean
            return
        }
        let covariance = Self.covariance(of: data, mean: mean)
        guard covariance.allSatisfy(\.isFinite) else {
            throw LearnError(.nonFiniteValue, "PCA covariance overflowed; the input values are too large")
        }
        let (variances, axes) = try LAPACK.largestEigenpairs(
            ofSymmetric: covariance, order: data.columns, count: componentCount)
        let totalVariance = (0..<data.columns).reduce(0.0) { $0 + covariance[$1 * data.columns + $1] }
        self.components = Self.flippingSigns(of: axes)
        self.explainedVariance = variances.map { max($0, 0) }
        self.explainedVarianceRatio = explainedVariance.map { $0 / totalVariance }
        self.mean = mean
    }

    /// Projects `data` onto the components: `(x - mean) · componentᵀ`, one column per component.
    /// `data` must have the fitted column count.
    package func transform(_ data: Matrix) -> Matrix {
        precondition(data.columns == mean.count, "PCA fitted on \(mean.count) columns, got \(data.columns)")
        var result = Matrix(
            rows: data.rows, columns: components.rows, values: Array(repeating: 0, count: data.rows * components.rows))
        for row in 0..<data.rows {
            let centred = zip(data.row(row), mean).map { $0 - $1 }
            for component in 0..<components.rows {
                result[row, component] = zip(centred, components.row(component)).reduce(0.0) { $0 + $1.0 * $1.1 }
            }
        }
        return result
    }

    /// The sample covariance (`n - 1` denominator) of `data`'s columns, a full symmetric
    /// columns x columns matrix (so its storage order does not matter), summed in a fixed order.
    private static func covariance(of data: Matrix, mean: [Double]) -> [Double] {
        let order = data.columns
        var sums = [Double](repeating: 0, count: order * order)
        var centred = [Double](repeating: 0, count: order)
        for row in 0..<data.rows {
            for (column, value) in data.row(row).enumerated() {
                centred[column] = value - mean[column]
            }
            for i in 0..<order {
                for j in i..<order {
                    sums[i * order + j] += centred[i] * centred[j]
                }
            }
        }
        let denominator = Double(data.rows - 1)
        for i in 0..<order {
            for j in i..<order {
                sums[i * order + j] /= denominator
                sums[j * order + i] = sums[i * order + j]
            }
        }
        return sums
    }

    /// Above this many columns, and twice as many columns as rows, the components come from the
    /// rows × rows Gram matrix instead of the columns × columns covariance: 9,500 features of 180 clips
    /// (512 MFCCs) would make a 720 MB covariance and an eigenproblem of minutes, the Gram matrix is
    /// 180 × 180. The two give the same components up to rounding (the nonzero eigenvalues of `XXᵀ` and
    /// `XᵀX` are the same, and `Xᵀu / √((n-1)λ)` is the axis of each).
    static let gramThreshold = 2000

    /// The leading components, their variances and the total variance, through the Gram matrix.
    private static func fromGram(_ data: Matrix, mean: [Double], count: Int) throws -> (Matrix, [Double], Double) {
        let (n, p) = (data.rows, data.columns)
        var centred = [Double](repeating: 0, count: n * p)
        for row in 0..<n {
            for (column, value) in data.row(row).enumerated() { centred[row * p + column] = value - mean[column] }
        }
        let denominator = Double(n - 1)
        var gram = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in i..<n {
                var sum = 0.0
                for k in 0..<p { sum += centred[i * p + k] * centred[j * p + k] }
                gram[i * n + j] = sum / denominator
                gram[j * n + i] = gram[i * n + j]
            }
        }
        guard gram.allSatisfy(\.isFinite) else {
            throw LearnError(.nonFiniteValue, "PCA covariance overflowed; the input values are too large")
        }
        let total = (0..<n).reduce(0.0) { $0 + gram[$1 * n + $1] }
        let (variances, vectors) = try LAPACK.largestEigenpairs(ofSymmetric: gram, order: n, count: count)
        var components = Matrix(rows: count, columns: p, values: Array(repeating: 0, count: count * p))
        for component in 0..<count {
            let scale = (denominator * max(variances[component], .leastNormalMagnitude)).squareRoot()
            for row in 0..<n {
                let weight = vectors[component, row] / scale
                for column in 0..<p { components[component, column] += weight * centred[row * p + column] }
            }
        }
        return (components, variances, total)
    }

    /// Makes each row's entry of largest magnitude positive (`svd_flip(u_based_decision=False)`).
    private static func flippingSigns(of axes: Matrix) -> Matrix {
        var result = axes
        for row in 0..<axes.rows {
            let loadings = axes.row(row)
            // `max(by:)` keeps the first of equal elements, like `numpy.argmax`.
            guard let largest = loadings.indices.max(by: { abs(loadings[$0]) < abs(loadings[$1]) }),
                loadings[largest] < 0
            else { continue }
            for column in 0..<axes.columns {
                result[row, column] = -axes[row, column]
            }
        }
        return result
    }
}
