extension Mark {
    /// The smallest and largest finite x the mark covers, or nil when there is none.
    var xExtent: ClosedRange<Double>? {
        switch kind {
        case .line(let xs, let ys, _, _, _): Self.extent(xs, where: ys)
        case .envelope(let xs, let lower, let upper, _): Self.extent(xs, where: lower, upper)
        case .cells(let cells, _): Self.extent(cells.flatMap { [$0.x.lowerBound, $0.x.upperBound] })
        case .segments(let parts, _, _): Self.extent(parts.flatMap { [$0.x0, $0.x1] })
        case .points(let xs, let ys, _, _, _): Self.extent(xs, where: ys)
        case .labels(let labels, _, _): Self.extent(labels.map(\.x))
        case .raster(let raster): raster.x
        }
    }

    /// The smallest and largest finite y the mark covers, or nil when there is none.
    var yExtent: ClosedRange<Double>? {
        switch kind {
        case .line(let xs, let ys, _, _, _): Self.extent(ys, where: xs)
        case .envelope(let xs, let lower, let upper, _):
            Self.union(Self.extent(lower, where: xs, upper), Self.extent(upper, where: xs, lower))
        case .cells(let cells, _): Self.extent(cells.flatMap { [$0.y.lowerBound, $0.y.upperBound] })
        case .segments(let parts, _, _): Self.extent(parts.flatMap { [$0.y0, $0.y1] })
        case .points(let xs, let ys, _, _, _): Self.extent(ys, where: xs)
        case .labels(let labels, _, _): Self.extent(labels.map(\.y))
        case .raster(let raster): raster.y
        }
    }

    /// The extent of the finite `values` whose partners at the same index are finite too.
    static func extent(_ values: [Double], where partners: [Double]...) -> ClosedRange<Double>? {
        var low = Double.infinity
        var high = -Double.infinity
        for index in values.indices where values[index].isFinite && partners.allSatisfy({ $0[index].isFinite }) {
            low = min(low, values[index])
            high = max(high, values[index])
        }
        return low <= high ? low...high : nil
    }

    static func union(_ a: ClosedRange<Double>?, _ b: ClosedRange<Double>?) -> ClosedRange<Double>? {
        guard let a else { return b }
        guard let b else { return a }
        return min(a.lowerBound, b.lowerBound)...max(a.upperBound, b.upperBound)
    }
}
