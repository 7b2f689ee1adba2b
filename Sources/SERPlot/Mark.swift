/// Something drawn inside an ``Axes`` in data coordinates: a line, or a filled band such as a
/// waveform's min/max envelope. Build marks with the static functions.
public struct Mark: Sendable {
    /// The kinds of mark the canvas knows how to draw.
    enum Kind: Sendable {
        /// A polyline through `(xs[i], ys[i])`, broken wherever a value is not finite.
        case line(xs: [Double], ys: [Double], color: Color, width: Double)
        /// The area between `lower` and `upper` over `xs`, filled.
        case envelope(xs: [Double], lower: [Double], upper: [Double], color: Color)
    }

    let kind: Kind

    /// A line through the points `(xs[i], ys[i])`, `width` points wide; non-finite values leave a gap.
    public static func line(xs: [Double], ys: [Double], color: Color, width: Double = 1.5) -> Mark {
        precondition(xs.count == ys.count, "line: \(xs.count) x values but \(ys.count) y values")
        return Mark(kind: .line(xs: xs, ys: ys, color: color, width: width))
    }

    /// A band filled between `lower[i]` and `upper[i]` at each `xs[i]`, as matplotlib's `fill_between`;
    /// this is how a waveform is drawn (see ``Waveform``).
    public static func envelope(xs: [Double], lower: [Double], upper: [Double], color: Color) -> Mark {
        precondition(
            xs.count == lower.count && xs.count == upper.count,
            "envelope: \(xs.count) x values, \(lower.count) lower and \(upper.count) upper values"
        )
        return Mark(kind: .envelope(xs: xs, lower: lower, upper: upper, color: color))
    }

    /// The indices of the points that can be drawn: those whose every coordinate is finite.
    var drawableIndices: [Int] {
        switch kind {
        case .line(let xs, let ys, _, _):
            xs.indices.filter { xs[$0].isFinite && ys[$0].isFinite }
        case .envelope(let xs, let lower, let upper, _):
            xs.indices.filter { xs[$0].isFinite && lower[$0].isFinite && upper[$0].isFinite }
        }
    }

    /// The smallest and largest x of the drawable points, or nil when there is none.
    var xExtent: ClosedRange<Double>? {
        let drawable = drawableIndices
        switch kind {
        case .line(let xs, _, _, _), .envelope(let xs, _, _, _): return Self.extent(drawable.map { xs[$0] })
        }
    }

    /// The smallest and largest y of the drawable points, or nil when there is none.
    var yExtent: ClosedRange<Double>? {
        let drawable = drawableIndices
        switch kind {
        case .line(_, let ys, _, _):
            return Self.extent(drawable.map { ys[$0] })
        case .envelope(_, let lower, let upper, _):
            return Self.union(Self.extent(drawable.map { lower[$0] }), Self.extent(drawable.map { upper[$0] }))
        }
    }

    static func extent(_ values: [Double]) -> ClosedRange<Double>? {
        guard let low = values.min(), let high = values.max() else { return nil }
        return low...high
    }

    static func union(_ a: ClosedRange<Double>?, _ b: ClosedRange<Double>?) -> ClosedRange<Double>? {
        guard let a else { return b }
        guard let b else { return a }
        return min(a.lowerBound, b.lowerBound)...max(a.upperBound, b.upperBound)
    }
}
