/// The five numbers and outliers of a box plot, as matplotlib's `cbook.boxplot_stats(whis=1.5)`:
/// quartiles by linear interpolation (`numpy.percentile`'s default), whiskers at the most extreme
/// data within 1.5 IQR of the box, and everything beyond them as outliers. Non-finite values are
/// left out.
package struct BoxStatistics: Sendable, Equatable {
    package let lowerQuartile: Double
    package let median: Double
    package let upperQuartile: Double
    /// The smallest value at or above `lowerQuartile − 1.5 IQR`.
    package let lowerWhisker: Double
    /// The largest value at or below `upperQuartile + 1.5 IQR`.
    package let upperWhisker: Double
    /// The values beyond the whiskers, in ascending order.
    package let outliers: [Double]
    /// How many finite values the statistics describe.
    package let count: Int

    /// The statistics of `values`, or nil when none is finite.
    package init?(_ values: [Double]) {
        let sorted = values.filter(\.isFinite).sorted()
        guard !sorted.isEmpty else { return nil }
        count = sorted.count
        lowerQuartile = Self.percentile(sorted, 25)
        median = Self.percentile(sorted, 50)
        upperQuartile = Self.percentile(sorted, 75)
        let reach = 1.5 * (upperQuartile - lowerQuartile)
        let low = lowerQuartile - reach
        let high = upperQuartile + reach
        let lowerWhisker = sorted.first { $0 >= low } ?? lowerQuartile
        let upperWhisker = sorted.last { $0 <= high } ?? upperQuartile
        self.lowerWhisker = lowerWhisker
        self.upperWhisker = upperWhisker
        outliers = sorted.filter { $0 < lowerWhisker || $0 > upperWhisker }
    }

    /// `numpy.percentile(sorted, q)` with linear interpolation, for ascending, non-empty `sorted`.
    static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        let position = q / 100 * Double(sorted.count - 1)
        let below = Int(position.rounded(.down))
        let above = min(below + 1, sorted.count - 1)
        let fraction = position - Double(below)
        return sorted[below] + (sorted[above] - sorted[below]) * fraction
    }
}
