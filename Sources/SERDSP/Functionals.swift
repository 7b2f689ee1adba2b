/// The per-clip summary vector of the seed notebook, as `reference_features.py`'s
/// `summary_vectors` builds it: for each feature in order, the mean over frames of each row
/// (`{feature}_mean_{i}`), then the population standard deviation over frames (`ddof=0`,
/// `{feature}_std_{i}`). With rms, zcr and 20 MFCCs that is 44 values.
///
/// Computed in float64 exactly as numpy computes the reference's `f64` summary
/// (`np.mean(m.astype(np.float64), axis=1)`, `np.std(...)`: pairwise sums, then `sqrt(mean((x -
/// mean)**2))`), so identical frames give identical values. The reference's `seed` summary (numpy
/// in float32 on float32 features) differs from that by less than 1e-6 relative.
public struct Functionals: Sendable, Hashable, Codable {
    /// `{feature}_{mean|std}_{i}`, in vector order.
    public let names: [String]
    /// One value per name.
    public let values: [Double]

    public init(_ features: FrameFeatures) {
        var names: [String] = []
        var values: [Double] = []
        for entry in features.entries {
            let matrix = entry.matrix
            let rows = 0..<matrix.rowCount
            let summaries = rows.map { Self.meanAndDeviation(matrix.row($0)) }
            names += rows.map { "\(entry.kind.rawValue)_mean_\($0)" }
            values += summaries.map(\.mean)
            names += rows.map { "\(entry.kind.rawValue)_std_\($0)" }
            values += summaries.map(\.deviation)
        }
        self.names = names
        self.values = values
    }

    /// The value named `name`, if present.
    public subscript(name: String) -> Double? {
        names.firstIndex(of: name).map { values[$0] }
    }

    /// `np.mean(x)` and `np.std(x)` of float64 values (NaN for no values, as numpy).
    private static func meanAndDeviation(_ row: ArraySlice<Double>) -> (mean: Double, deviation: Double) {
        row.withUnsafeBufferPointer { x in
            let count = Double(x.count)
            guard let base = x.baseAddress, !x.isEmpty else { return (.nan, .nan) }
            let mean = Numpy.pairwiseSum(base, count: x.count) / count
            let variance = Numpy.pairwiseSum(base, count: x.count) { ($0 - mean) * ($0 - mean) } / count
            return (mean, variance.squareRoot())
        }
    }
}
