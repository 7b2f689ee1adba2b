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

    /// The seed's summary of `features`: mean and standard deviation of every row.
    package init(_ features: FrameFeatures) {
        var parameters = FeatureParameters()
        parameters.featureSet = .seed
        self.init(features, parameters: parameters, secondsPerFrame: 1)
    }

    /// The summary `parameters` ask for (``FeatureParameters/activeFunctionals`` of every row of every
    /// descriptor in `features`, in ``names(_:)``'s order). Descriptors only voiced frames carry (F0, HNR, jitter, shimmer) are
    /// summarised over those frames (0 for every statistic of a clip without one), and with pitch come
    /// the ``VoicingSegments`` statistics. `secondsPerFrame` is the hop in seconds.
    package init(_ features: FrameFeatures, parameters: FeatureParameters, secondsPerFrame: Double) {
        self.names = Self.names(
            parameters, kinds: features.entries.map(\.kind), rows: features.entries.map(\.matrix.rowCount))
        self.values = Self.values(features, parameters: parameters, secondsPerFrame: secondsPerFrame)
    }

    /// The values of ``init(_:parameters:secondsPerFrame:)`` alone, for a caller that knows the names
    /// (``FeatureComputer``, once per setting rather than once per clip).
    package static func values(
        _ features: FrameFeatures, parameters: FeatureParameters, secondsPerFrame: Double
    ) -> [Double] {
        let functionals = parameters.activeFunctionals
        var statistics = RowStatistics()
        var values: [Double] = []
        var voiced: [Bool]?
        for entry in features.entries {
            let matrix = entry.matrix
            let rows = (0..<matrix.rowCount).map { row -> [Double] in
                var values = matrix.row(row)
                if entry.kind.isVoicedOnly {
                    if entry.kind == .f0 { voiced = values.map { !$0.isNaN } }
                    values = ArraySlice(values.filter { !$0.isNaN })
                }
                return statistics.values(
                    of: values, functionals: functionals, secondsPerFrame: secondsPerFrame,
                    pairwise: entry.kind != .chroma)
            }
            for index in functionals.indices { values += rows.map { $0[index] } }
        }
        if let voiced { values += VoicingSegments.values(voiced: voiced, secondsPerFrame: secondsPerFrame) }
        return values
    }

    /// The column names of the summary for `parameters`: `{descriptor}_{statistic}_{row}` (`mfcc_mean_0`,
    /// `f0_p50_0`), per descriptor every row of one statistic before the next, then the voicing segment
    /// statistics when pitch is on.
    package static func names(_ parameters: FeatureParameters) -> [String] {
        let kinds = parameters.activeKinds
        return names(parameters, kinds: kinds, rows: kinds.map(parameters.rowCount))
    }

    private static func names(_ parameters: FeatureParameters, kinds: [FeatureKind], rows: [Int]) -> [String] {
        let functionals = parameters.activeFunctionals
        var names: [String] = []
        for (kind, count) in zip(kinds, rows) {
            for functional in functionals {
                names += (0..<count).map { "\(kind.rawValue)_\(functional.rawValue)_\($0)" }
            }
        }
        if kinds.contains(.f0) { names += VoicingSegments.names }
        return names
    }

    /// The value named `name`, if present.
    package subscript(name: String) -> Double? {
        names.firstIndex(of: name).map { values[$0] }
    }

    /// `np.mean(x)` and `np.std(x)` of float64 values (NaN for no values, as numpy), summed
    /// pairwise (a contiguous row) or in order (a strided one).
    static func meanAndDeviation(
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
