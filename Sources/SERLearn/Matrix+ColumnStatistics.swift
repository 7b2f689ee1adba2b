extension Matrix {
    /// The mean of each column, summed top to bottom (`numpy.mean(x, axis=0)` up to rounding).
    /// With no rows every mean is NaN.
    func columnMeans() -> [Double] {
        var sums = [Double](repeating: 0, count: columns)
        for row in 0..<rows {
            for (column, value) in self.row(row).enumerated() {
                sums[column] += value
            }
        }
        return sums.map { $0 / Double(rows) }
    }

    /// Whether every entry is finite (neither NaN nor infinite).
    var isFinite: Bool {
        values.allSatisfy(\.isFinite)
    }
}
