/// Maps a data interval linearly onto a span of figure coordinates (either direction).
struct LinearScale {
    let domain: ClosedRange<Double>
    let start: Double
    let end: Double

    /// Where `value` lands; an empty domain puts everything halfway.
    func callAsFunction(_ value: Double) -> Double {
        let span = domain.upperBound - domain.lowerBound
        guard span > 0 else { return (start + end) / 2 }
        return start + (value - domain.lowerBound) / span * (end - start)
    }
}
