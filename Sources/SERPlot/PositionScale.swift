#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Maps data values along one axis to figure coordinates through the axis's ``Scale``: linearly, or
/// linearly in log₁₀ of the value. A value the scale cannot place (≤ 0 on a log axis) maps to NaN.
struct PositionScale {
    let scale: Scale
    let linear: LinearScale

    /// `range` (in data units) onto the figure span `start`…`end`.
    init(scale: Scale, range: ClosedRange<Double>, start: Double, end: Double) {
        self.scale = scale
        let low = Self.transformed(range.lowerBound, scale)
        let high = Self.transformed(range.upperBound, scale)
        let domain = low.isFinite && high.isFinite && low <= high ? low...high : 0...1
        linear = LinearScale(domain: domain, start: start, end: end)
    }

    func callAsFunction(_ value: Double) -> Double { linear(Self.transformed(value, scale)) }

    /// The value in the scale's linear space: itself, or its log₁₀.
    static func transformed(_ value: Double, _ scale: Scale) -> Double {
        guard scale == .log else { return value }
        return value > 0 ? log10(value) : .nan
    }
}
