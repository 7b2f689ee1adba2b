/// Scales each column to zero mean and unit variance, matching scikit-learn's
/// `StandardScaler()` (with_mean and with_std on): `z = (x - mean) / scale`.
///
/// `scale` is the population standard deviation (ddof 0). A column scikit-learn deems constant
/// (variance within the rounding bound of its two-pass algorithm) or whose standard deviation is
/// not finite gets scale 1, so it is only centred. Unlike scikit-learn, NaN is not treated as
/// missing: it propagates into `mean` and the transformed values.
package struct Standardizer: Sendable, Equatable {
    /// The mean of each column of the fitted data.
    package let mean: [Double]
    /// The divisor of each column: its standard deviation, or 1 for a constant column.
    package let scale: [Double]

    /// Learns each column's mean and scale from `data`.
    package init(fitting data: Matrix) {
        let mean = data.columnMeans()
        let count = Double(data.rows)
        var deviationSums = [Double](repeating: 0, count: data.columns)
        var squareSums = [Double](repeating: 0, count: data.columns)
        for row in 0..<data.rows {
            for (column, value) in data.row(row).enumerated() {
                let deviation = value - mean[column]
                deviationSums[column] += deviation
                squareSums[column] += deviation * deviation
            }
        }
        self.mean = mean
        self.scale = (0..<data.columns).map { column in
            // The corrected two-pass variance and constant-feature test of scikit-learn's
            // `_incremental_mean_and_var` and `_is_constant_feature` (Chan, Golub & LeVeque).
            let correction = deviationSums[column] * deviationSums[column] / count
            let variance = (squareSums[column] - correction) / count
            let epsilon = Double.ulpOfOne
            let meanTerm = count * mean[column] * epsilon
            let bound = count * epsilon * variance + meanTerm * meanTerm
            let deviation = variance.squareRoot()
            return variance <= bound || !deviation.isFinite ? 1 : deviation
        }
    }

    /// Returns `data` centred and scaled column by column; `data` must have the fitted column count.
    package func transform(_ data: Matrix) -> Matrix {
        precondition(data.columns == mean.count, "Standardizer fitted on \(mean.count) columns, got \(data.columns)")
        var result = data
        for row in 0..<data.rows {
            for column in 0..<data.columns {
                result[row, column] = (data[row, column] - mean[column]) / scale[column]
            }
        }
        return result
    }
}
