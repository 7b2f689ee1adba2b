/// One axis's range with ticks and their labels, the tick step chosen so labels keep clear of each other.
struct TickedAxis {
    let range: ClosedRange<Double>
    let ticks: NiceTicks
    let labels: [String]

    /// Starts from about one tick per `spacing` points along `length`, and takes coarser steps while
    /// two neighbouring labels, `labelExtent` long along the axis, would come closer than `minGap`.
    init(
        range: ClosedRange<Double>, length: Double, spacing: Double, minGap: Double,
        labelExtent: (String) -> Double
    ) {
        var intervals = max(1, Int(length / spacing))
        while true {
            let ticks = NiceTicks(range: range, maxIntervals: intervals)
            let labels = TickLabelFormat(ticks: ticks).labels(ticks)
            let span = range.upperBound - range.lowerBound
            let pitch = span > 0 ? length * ticks.step / span : .infinity
            let widest = labels.map(labelExtent).max() ?? 0
            if intervals == 1 || widest + minGap <= pitch {
                self.range = range
                self.ticks = ticks
                self.labels = labels
                return
            }
            intervals -= 1
        }
    }
}
