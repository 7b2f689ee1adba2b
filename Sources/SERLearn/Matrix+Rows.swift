extension Matrix {
    /// The rows at `indices`, in that order.
    package func selecting(rows indices: [Int]) -> Matrix {
        var values: [Double] = []
        values.reserveCapacity(indices.count * columns)
        for index in indices { values.append(contentsOf: row(index)) }
        return Matrix(rows: indices.count, columns: columns, values: values)
    }

    /// The column of the largest value in `row` (the first on a tie, as `numpy.argmax`).
    package func argmax(row: Int) -> Int {
        var best = 0
        for column in 1..<max(columns, 1) where self[row, column] > self[row, best] { best = column }
        return best
    }
}
