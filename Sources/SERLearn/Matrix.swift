/// A dense matrix of `Double`s stored row by row: the feature table models learn from, one row per
/// sample and one column per feature (NumPy's default C order, so it lines up with scikit-learn's
/// `X` of shape `(n_samples, n_features)`).
package struct Matrix: Sendable, Equatable {
    /// The number of rows (samples).
    package let rows: Int
    /// The number of columns (features).
    package let columns: Int
    /// The entries in row-major order: entry `(r, c)` is at `r * columns + c`.
    package private(set) var values: [Double]

    /// Creates a matrix from entries in row-major order; `values.count` must be `rows * columns`.
    package init(rows: Int, columns: Int, values: [Double]) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must not be negative")
        precondition(values.count == rows * columns, "Matrix of \(rows)x\(columns) needs \(rows * columns) values")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// Creates a matrix from an array of rows, which must all have the same length.
    package init(rows: [[Double]]) {
        let columns = rows.first?.count ?? 0
        precondition(rows.allSatisfy { $0.count == columns }, "Matrix rows must all have the same length")
        self.init(rows: rows.count, columns: columns, values: rows.flatMap { $0 })
    }

    /// The entry at `row`, `column`.
    package subscript(row: Int, column: Int) -> Double {
        get { values[index(row, column)] }
        set { values[index(row, column)] = newValue }
    }

    /// The entries of one row, left to right.
    package func row(_ row: Int) -> ArraySlice<Double> {
        precondition(row >= 0 && row < rows, "Row \(row) out of range 0..<\(rows)")
        return values[(row * columns)..<((row + 1) * columns)]
    }

    private func index(_ row: Int, _ column: Int) -> Int {
        precondition(row >= 0 && row < rows && column >= 0 && column < columns, "Matrix index out of range")
        return row * columns + column
    }
}
