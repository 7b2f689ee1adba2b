#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Counts of values in equal-width bins, with the bin edges `numpy.histogram(values, bins="auto")`
/// chooses (numpy 2): the narrower of the Sturges width and the Freedman–Diaconis width, the latter
/// kept at least half the square-root rule's width so outliers cannot make hundreds of bins. Each bin holds values from its
/// lower edge up to, not including, its upper edge; the last bin includes its upper edge too.
/// Non-finite values are left out.
package struct Histogram: Sendable, Equatable {
    /// `counts.count + 1` ascending edges.
    package let edges: [Double]
    package let counts: [Int]

    /// The histogram of `values` over `edges` (ascending, at least two).
    package init(_ values: [Double], edges: [Double]) {
        precondition(edges.count >= 2, "a histogram needs at least two edges, got \(edges.count)")
        self.edges = edges
        var counts = Array(repeating: 0, count: edges.count - 1)
        for value in values where value.isFinite && value >= edges[0] && value <= edges[edges.count - 1] {
            // The last edge whose value is at most `value`, capped at the last bin.
            var low = 0
            var high = edges.count - 1
            while high - low > 1 {
                let middle = (low + high) / 2
                if edges[middle] <= value { low = middle } else { high = middle }
            }
            counts[min(low, counts.count - 1)] += 1
        }
        self.counts = counts
    }

    /// The histogram of `values` with numpy's automatic bins.
    package init(_ values: [Double]) {
        self.init(values, edges: Self.automaticEdges(values))
    }

    /// `numpy.histogram_bin_edges(values, bins="auto")` for the finite values.
    package static func automaticEdges(_ values: [Double]) -> [Double] {
        let sorted = values.filter(\.isFinite).sorted()
        guard let first = sorted.first, let last = sorted.last else { return [0, 1] }
        guard last > first else { return [first - 0.5, first + 0.5] }
        let count = Double(sorted.count)
        let span = last - first
        let sturges = span / (log2(count) + 1)
        let iqr = BoxStatistics.percentile(sorted, 75) - BoxStatistics.percentile(sorted, 25)
        let freedmanDiaconis = 2 * iqr / cbrt(count)
        let squareRoot = span / count.squareRoot()
        let width = min(max(freedmanDiaconis, squareRoot / 2), sturges)
        let bins = width > 0 ? max(1, Int((span / width).rounded(.up))) : 1
        return equalEdges(from: first, to: last, bins: bins)
    }

    /// `bins + 1` equally spaced edges from `low` to `high`, as `numpy.linspace`.
    package static func equalEdges(from low: Double, to high: Double, bins: Int) -> [Double] {
        precondition(bins > 0, "a histogram needs at least one bin, got \(bins)")
        let step = (high - low) / Double(bins)
        return (0...bins).map { $0 == bins ? high : low + Double($0) * step }
    }
}
