package import SERSettings

/// `features.functionals`: a statistic over a descriptor's frames (openSMILE's functionals; numpy and
/// scipy name the formulas).
package enum Functional: String, Sendable, Hashable, CaseIterable, SettingEnum {
    /// `np.mean`.
    case mean
    /// `np.std` (population, `ddof=0`).
    case std
    /// `np.percentile(x, 20)` (linear interpolation), and the 50th and 80th.
    case p20, p50, p80
    /// `p80 - p20` (openSMILE `pctlrange0-2`).
    case range20To80 = "range_20_80"
    /// Least-squares slope of the values against time, per second (openSMILE `linregc1`, in seconds so it
    /// does not depend on the hop or sample rate).
    case slope
    /// `scipy.stats.skew` (biased); 0 for a constant row.
    case skewness
    /// `scipy.stats.kurtosis` (Fisher, biased); 0 for a constant row.
    case kurtosis
}

/// Statistics of one row of frame values, each as ``Functional`` defines it.
package struct RowStatistics {
    private var sorted: [Double] = []

    package init() {}

    /// The statistics of `row` named by `functionals`, in that order. `seconds` is the time between
    /// frames (for the slope). Rows of NaN-free values; an empty row gives 0 for every statistic.
    package mutating func values(
        of row: ArraySlice<Double>, functionals: [Functional], secondsPerFrame: Double, pairwise: Bool
    ) -> [Double] {
        guard !row.isEmpty else { return functionals.map { _ in 0 } }
        let moments = Functionals.meanAndDeviation(row, pairwise: pairwise)
        let needsOrder = functionals.contains { [.p20, .p50, .p80, .range20To80].contains($0) }
        if needsOrder {
            sorted.removeAll(keepingCapacity: true)
            sorted.append(contentsOf: row)
            sorted.sort()
        }
        let needsShape = functionals.contains(.skewness) || functionals.contains(.kurtosis)
        let (skewness, kurtosis) = needsShape ? Self.shape(row, mean: moments.mean) : (0, 0)
        return functionals.map { functional in
            switch functional {
            case .mean: moments.mean
            case .std: moments.deviation
            case .p20: percentile(20)
            case .p50: percentile(50)
            case .p80: percentile(80)
            case .range20To80: percentile(80) - percentile(20)
            case .slope: Self.slope(row) / secondsPerFrame
            case .skewness: skewness
            case .kurtosis: kurtosis
            }
        }
    }

    /// `np.percentile(x, q)` with numpy's default linear interpolation between closest ranks.
    private func percentile(_ q: Double) -> Double {
        let position = q / 100 * Double(sorted.count - 1)
        let low = Int(position.rounded(.down))
        let high = min(low + 1, sorted.count - 1)
        let fraction = position - Double(low)
        return sorted[low] + (sorted[high] - sorted[low]) * fraction
    }

    /// Least-squares slope of `row` against the frame index.
    private static func slope(_ row: ArraySlice<Double>) -> Double {
        let n = Double(row.count)
        guard row.count > 1 else { return 0 }
        let meanIndex = (n - 1) / 2
        var covariance = 0.0
        var variance = 0.0
        let mean = row.reduce(0, +) / n
        for (offset, value) in row.enumerated() {
            let x = Double(offset) - meanIndex
            covariance += x * (value - mean)
            variance += x * x
        }
        return covariance / variance
    }

    /// scipy's biased skewness `m3 / m2^1.5` and Fisher kurtosis `m4 / m2² - 3`; 0 and 0 when the row
    /// is constant to float64 precision (scipy gives NaN there; a model needs a number).
    private static func shape(_ row: ArraySlice<Double>, mean: Double) -> (Double, Double) {
        var m2 = 0.0
        var m3 = 0.0
        var m4 = 0.0
        for value in row {
            let d = value - mean
            let d2 = d * d
            m2 += d2
            m3 += d2 * d
            m4 += d2 * d2
        }
        let n = Double(row.count)
        m2 /= n
        m3 /= n
        m4 /= n
        guard m2 > (abs(mean) * 1e-12) * (abs(mean) * 1e-12), m2 > 0 else { return (0, 0) }
        return (m3 / (m2 * m2.squareRoot()), m4 / (m2 * m2) - 3)
    }
}
