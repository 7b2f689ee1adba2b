/// The per-clip summary vector of the seed notebook, as `reference_features.py`'s
/// `summary_vectors` builds it: for each feature in order, the mean over frames of each row
/// (`{feature}_mean_{i}`), then the population standard deviation over frames (`ddof=0`,
/// `{feature}_std_{i}`). With rms, zcr, 20 MFCCs, 12 chroma and 7 contrast bands that is 82 values.
///
/// Computed in float64 exactly as numpy computes the reference's `f64` summary
/// (`np.mean(m.astype(np.float64), axis=1)`, `np.std(...)`: sums over frames, then `sqrt(mean((x -
/// mean)**2))`), so identical frames give identical values. numpy sums a row of a C-ordered matrix
/// pairwise, but librosa's chroma comes out Fortran-ordered (its `einsum`'s layout, which `astype`
/// keeps), so there each row is summed frame after frame; both orders are reproduced. The
/// reference's `seed` summary (numpy in float32 on float32 features) differs from that by less
/// than 1e-6 relative.
package struct Functionals: Sendable, Hashable, Codable {
    /// `{feature}_{mean|std}_{i}`, in vector order.
    package let names: [String]
    /// One value per name.
    package let values: [Double]

    package init(_ features: FrameFeatures) {
        var names: [String] = []
        var values: [Double] = []
        for entry in features.entries {
            let matrix = entry.matrix
            let rows = 0..<matrix.rowCount
            let pairwise = entry.kind != .chroma
            let summaries = rows.map { Self.meanAndDeviation(matrix.row($0), pairwise: pairwise) }
            names += rows.map { "\(entry.kind.rawValue)_mean_\($0)" }
            values += summaries.map(\.mean)
            names += rows.map { "\(entry.kind.rawValue)_std_\($0)" }
            values += summaries.map(\.deviation)
        }
        self.names = names
        self.values = values
    }

    /// The value named `name`, if present.
    package subscript(name: String) -> Double? {
        names.firstIndex(of: name).map { values[$0] }
    }

    /// `np.mean(x)` and `np.std(x)` of float64 values (NaN for no values, as numpy), summed
    /// pairwise (a contiguous row) or in order (a strided one).
    private static func meanAndDeviation(
        _ row: ArraySlice<Double>, pairwise: Bool
    ) -> (mean: Double, deviation: Double) {
        row.withUnsafeBufferPointer { x in
            let count = Double(x.count)
            guard let base = x.baseAddress, !x.isEmpty else { return (.nan, .nan) }
            func sum(_ transform: (Double) -> Double) -> Double {
                pairwise
                    ? Numpy.pairwiseSum(base, count: x.count, transform: transform) : x.reduce(0) { $0 + transform($1) }
            }
            let mean = sum { $0 } / count
            let variance = sum { ($0 - mean) * ($0 - mean) } / count
            return (mean, variance.squareRoot())
        }
    }
}
