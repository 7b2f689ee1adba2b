/// The one-way ANOVA F statistic of each feature across classes, as scikit-learn's
/// `feature_selection.f_classif` computes it: the between-class mean square over the within-class
/// mean square, `(SSB / (k − 1)) / (SSW / (n − k))` for `n` values in `k` classes. nil where it is
/// undefined (`f_classif` gives NaN): a constant feature, fewer than two classes, no more values than
/// classes, or a non-finite value.
package enum AnovaF {
    /// `values[i]` belongs to class `labels[i]`.
    package static func score(_ values: [Double], labels: [Int]) -> Double? {
        precondition(values.count == labels.count, "one label per value")
        guard values.allSatisfy(\.isFinite) else { return nil }
        var sums: [Int: (count: Double, sum: Double)] = [:]
        for (value, label) in zip(values, labels) {
            sums[label, default: (0, 0)].count += 1
            sums[label, default: (0, 0)].sum += value
        }
        let n = Double(values.count)
        let k = Double(sums.count)
        guard k >= 2, n > k else { return nil }
        let mean = values.reduce(0, +) / n
        var between = 0.0
        for (_, group) in sums.sorted(by: { $0.key < $1.key }) {
            let groupMean = group.sum / group.count
            between += group.count * (groupMean - mean) * (groupMean - mean)
        }
        var within = 0.0
        for (value, label) in zip(values, labels) {
            let group = sums[label]!
            let deviation = value - group.sum / group.count
            within += deviation * deviation
        }
        guard within > 0 else { return nil }
        return (between / (k - 1)) / (within / (n - k))
    }
}
