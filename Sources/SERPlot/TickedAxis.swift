/// One axis's range with ticks and their labels, the tick step chosen so labels keep clear of each other.
struct TickedAxis {
    let range: ClosedRange<Double>
    let ticks: NiceTicks
    let labels: [String]

    /// Starts from about one tick per `spacing` points along `length` and takes coarser steps while two
    /// neighbouring labels, `labelExtent` long along the axis, would come closer than `minGap`. If that
    /// leaves a single tick, up to ``maxRefinements`` finer steps are tried, as long as their labels still fit.
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
            for _ in 0..<Self.maxRefinements where chosen.ticks.values.count < 2 {
                let finer = candidate(NiceTicks(range: range, step: NiceTicks.finerStep(than: chosen.ticks.step)))
                guard finer.fits else { break }
                chosen = finer
            }
        }
        self.range = range
        self.ticks = chosen.ticks
        self.labels = chosen.labels
    }

    /// How many steps finer than the first fitting one are tried to get a second tick: two decades.
    static let maxRefinements = 6
}
