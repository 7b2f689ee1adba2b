#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One axis's range with its ticks (in data units) and their labels, chosen so labels keep clear of
/// each other.
struct TickedAxis {
    let range: ClosedRange<Double>
    /// Tick positions in data units, ascending.
    let values: [Double]
    let labels: [String]

    /// A linear axis. Starts from about one tick per `spacing` points along `length` and takes coarser
    /// steps while two neighbouring labels, `labelExtent` long along the axis, would come closer than
    /// `minGap`. If that leaves fewer than ``preferredMinimumCount`` ticks (a narrow panel, or a range
    /// just past a nice step: 0–3.5 at step 2), up to ``maxRefinements`` finer steps are tried, as long
    /// as their labels still fit and, once there are two ticks, stay at least half `spacing` apart.
    init(
        range: ClosedRange<Double>, length: Double, spacing: Double, minGap: Double,
        labelExtent: (String) -> Double
    ) {
        let span = range.upperBound - range.lowerBound
        func candidate(_ ticks: NiceTicks) -> (ticks: NiceTicks, labels: [String], fits: Bool) {
            let labels = TickLabelFormat(ticks: ticks).labels(ticks)
            let pitch = length * ticks.step / span
            return (ticks, labels, labels.count < 2 || (labels.map(labelExtent).max() ?? 0) + minGap <= pitch)
        }
        var chosen = candidate(NiceTicks(range: range, maxIntervals: Int(length / spacing)))
        if span > 0, span.isFinite {
            while !chosen.fits {
                chosen = candidate(NiceTicks(range: range, step: NiceTicks.coarserStep(than: chosen.ticks.step)))
            }
            for _ in 0..<Self.maxRefinements where chosen.ticks.values.count < Self.preferredMinimumCount {
                let finer = candidate(NiceTicks(range: range, step: NiceTicks.finerStep(than: chosen.ticks.step)))
                let roomy = chosen.ticks.values.count < 2 || length * finer.ticks.step / span >= spacing / 2
                guard finer.fits, roomy else { break }
                chosen = finer
            }
        }
        self.init(range: range, values: chosen.ticks.values, labels: chosen.labels)
    }

    init(range: ClosedRange<Double>, values: [Double], labels: [String]) {
        self.range = range
        self.values = values
        self.labels = labels
    }

    /// How many steps finer than the first fitting one are tried to get more ticks: two decades.
    static let maxRefinements = 6

    /// Fewer ticks than this leave an axis hard to read (0 and 2 on a 0–3.5 s axis), so a finer step is
    /// tried.
    static let preferredMinimumCount = 3

    /// A log axis: ticks at every power of ten in `range` (every second, fifth… if their labels would
    /// crowd); with fewer than two powers in range, the linear ticks of the range instead.
    static func logarithmic(
        range: ClosedRange<Double>, length: Double, spacing: Double, minGap: Double,
        labelExtent: (String) -> Double
    ) -> TickedAxis {
        let low = log10(range.lowerBound)
        let high = log10(range.upperBound)
        guard low.isFinite, high.isFinite, high > low else {
            return TickedAxis(range: range, length: length, spacing: spacing, minGap: minGap, labelExtent: labelExtent)
        }
        let first = Int((low - 1e-9).rounded(.up))
        let last = Int((high + 1e-9).rounded(.down))
        guard last > first else {
            // Less than two powers of ten in range: 1, 2 and 5 times powers of ten, if they fit.
            let mantissas = [1.0, 2, 5]
            let values = (Int(low.rounded(.down))...Int(high.rounded(.up))).flatMap { exponent in
                mantissas.map { $0 * NiceTicks.powerOfTen(exponent) }
            }.filter { range.contains($0) }
            let labels = values.map(TickLabelFormat.compact)
            let perDecade = length / (high - low)
            let positions: [Double] = values.map { log10($0) * perDecade }
            let extents: [Double] = labels.map(labelExtent)
            var fits = true
            for index in positions.indices.dropLast() {
                let room: Double = positions[index + 1] - positions[index]
                let needed: Double = (extents[index] + extents[index + 1]) / 2 + minGap
                if room < needed { fits = false }
            }
            if values.count >= 2 && fits { return TickedAxis(range: range, values: values, labels: labels) }
            return TickedAxis(range: range, length: length, spacing: spacing, minGap: minGap, labelExtent: labelExtent)
        }
        let decadeLength = length / (high - low)
        for every in [1, 2, 5, 10, 20, 50, 100] {
            let exponents = Array(stride(from: first, through: last, by: 1)).filter { $0 % every == 0 }
            let labels = exponents.map(TickLabelFormat.powerOfTen)
            let fits = (labels.map(labelExtent).max() ?? 0) + minGap <= decadeLength * Double(every)
            if fits || every == 100 {
                return TickedAxis(
                    range: range, values: exponents.map { NiceTicks.powerOfTen($0) }, labels: labels)
            }
        }
        return TickedAxis(range: range, values: [], labels: [])
    }

    /// A category axis: a tick at every position 0, 1, 2, … labelled with its name.
    static func categorical(_ names: [String], range: ClosedRange<Double>) -> TickedAxis {
        TickedAxis(range: range, values: names.indices.map(Double.init), labels: names)
    }
}
