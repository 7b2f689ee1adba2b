#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Axes {
    /// The x range the panel shows: the explicit one, or one fitted to the marks.
    var resolvedXRange: ClosedRange<Double> {
        xRange ?? Self.fitted(marks.map { ($0.xExtent, $0.stickyX) }, scale: xScale)
    }

    /// The y range the panel shows: the explicit one, or one fitted to the marks.
    var resolvedYRange: ClosedRange<Double> {
        yRange ?? Self.fitted(marks.map { ($0.yExtent, $0.stickyY) }, scale: yScale)
    }

    /// Fraction of the data span added on each side of a fitted range (matplotlib's `axes.xmargin`).
    static let margin = 0.05

    /// The range that shows every mark: categories get half a step beyond the first and last; numbers
    /// get ``margin`` on each side (in log space on a log scale), except that the margin stops at a
    /// sticky value the data reaches, so bars start at their base and images fill the panel, as in
    /// matplotlib.
    static func fitted(_ marks: [(extent: ClosedRange<Double>?, sticky: [Double])], scale: Scale) -> ClosedRange<Double>
    {
        if let names = scale.categories { return -0.5...(Double(max(names.count, 1)) - 0.5) }
        var extent: ClosedRange<Double>?
        for mark in marks {
            guard var markExtent = mark.extent else { continue }
            if scale == .log {
                guard markExtent.upperBound > 0 else { continue }
                let positive = markExtent.lowerBound > 0 ? markExtent.lowerBound : markExtent.upperBound
                markExtent = positive...markExtent.upperBound
            }
            extent = Mark.union(extent, markExtent)
        }
        let sticky = marks.flatMap(\.sticky)
        guard scale == .log else { return padded(extent, sticky: sticky) }
        guard let extent else { return 1...10 }
        let logRange = padded(log10(extent.lowerBound)...log10(extent.upperBound), sticky: [])
        return pow(10, logRange.lowerBound)...pow(10, logRange.upperBound)
    }

    /// `extent` widened by ``margin`` on each side but not past a sticky value inside the widening; a
    /// single value gets ±0.5 (or ±5 % of itself if larger), and no data at all gives 0...1.
    static func padded(_ extent: ClosedRange<Double>?, sticky: [Double] = []) -> ClosedRange<Double> {
        guard let extent else { return 0...1 }
        let span = extent.upperBound - extent.lowerBound
        let pad = span > 0 ? span * margin : max(0.5, abs(extent.lowerBound) * margin)
        var lower = extent.lowerBound - pad
        var upper = extent.upperBound + pad
        for value in sticky {
            if value <= extent.lowerBound && value > lower { lower = value }
            if value >= extent.upperBound && value < upper { upper = value }
        }
        return lower...upper
    }
}
