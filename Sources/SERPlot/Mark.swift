/// Something drawn inside an ``Axes`` in data coordinates: lines, filled bands, rectangles (bars,
/// histogram bins, heatmap cells), segments, points, text and images. Build marks with the static
/// functions; `Mark+Statistics` adds box plots, histograms, strips and grouped bars on top of them.
package struct Mark: Sendable {
    /// A rectangle in data coordinates with its fill colour.
    package struct Cell: Sendable, Equatable {
        package var x: ClosedRange<Double>
        package var y: ClosedRange<Double>
        package var color: Color

        package init(x: ClosedRange<Double>, y: ClosedRange<Double>, color: Color) {
            self.x = x
            self.y = y
            self.color = color
        }
    }

    /// A string placed at a data point, centred there.
    package struct Label: Sendable, Equatable {
        package var x: Double
        package var y: Double
        package var text: String
        package var color: Color

        package init(x: Double, y: Double, text: String, color: Color) {
            self.x = x
            self.y = y
            self.text = text
            self.color = color
        }
    }

    /// A grid of values drawn as coloured pixels stretched over a data rectangle.
    struct Raster: Sendable {
        /// Row-major values, row 0 at the bottom (lowest y), as `imshow(origin="lower")`.
        let values: [Double]
        let rows: Int
        let columns: Int
        let x: ClosedRange<Double>
        let y: ClosedRange<Double>
        let colormap: Colormap
        let range: ClosedRange<Double>
    }

    /// The kinds of mark the canvas knows how to draw.
    enum Kind: Sendable {
        /// A polyline through `(xs[i], ys[i])`, broken wherever a point cannot be placed.
        case line(xs: [Double], ys: [Double], color: Color, width: Double, dash: [Double])
        /// The area between `lower` and `upper` over `xs`, filled.
        case envelope(xs: [Double], lower: [Double], upper: [Double], color: Color)
        /// Filled rectangles, with an optional outline of `outline` colour.
        case cells([Cell], outline: Color?)
        /// Straight segments from `(x0, y0)` to `(x1, y1)`.
        case segments([(x0: Double, y0: Double, x1: Double, y1: Double)], color: Color, width: Double)
        /// Filled circles `radius` points wide at `(xs[i], ys[i])`, with a thin outline of `outline` colour.
        case points(xs: [Double], ys: [Double], color: Color, radius: Double, outline: Color?)
        /// Text centred on data points.
        case labels([Label], size: Double, bold: Bool)
        /// An image of values through a colour map.
        case raster(Raster)
    }

    let kind: Kind
    /// Values the fitted x range stops its margin at when the data reaches them (a bar's base, an image's edge).
    var stickyX: [Double] = []
    /// Values the fitted y range stops its margin at when the data reaches them.
    var stickyY: [Double] = []

    /// A line through the points `(xs[i], ys[i])`, `width` points wide, dashed by `dash` (on, off, …
    /// lengths in points; empty for solid); non-finite values leave a gap.
    package static func line(
        xs: [Double], ys: [Double], color: Color, width: Double = 1.5, dash: [Double] = []
    ) -> Mark {
        precondition(xs.count == ys.count, "line: \(xs.count) x values but \(ys.count) y values")
        return Mark(kind: .line(xs: xs, ys: ys, color: color, width: width, dash: dash))
    }

    /// A band filled between `lower[i]` and `upper[i]` at each `xs[i]`, as matplotlib's `fill_between`;
    /// this is how a waveform is drawn (see ``Waveform``).
    package static func envelope(xs: [Double], lower: [Double], upper: [Double], color: Color) -> Mark {
        precondition(
            xs.count == lower.count && xs.count == upper.count,
            "envelope: \(xs.count) x values, \(lower.count) lower and \(upper.count) upper values"
        )
        return Mark(kind: .envelope(xs: xs, lower: lower, upper: upper, color: color))
    }

    /// Filled rectangles (heatmap cells, histogram bins), outlined in `outline` if given.
    package static func cells(_ cells: [Cell], outline: Color? = nil) -> Mark {
        Mark(kind: .cells(cells, outline: outline))
    }

    /// Vertical bars centred at `positions`, `width` data units wide, from `base` (0 when nil) up to
    /// `base + values`; the fitted y range starts at the base, as matplotlib's `bar`.
    package static func bars(
        positions: [Double], values: [Double], width: Double = 0.8, base: [Double]? = nil, color: Color
    ) -> Mark {
        precondition(positions.count == values.count, "bars: \(positions.count) positions, \(values.count) values")
        let bases = base ?? Array(repeating: 0, count: values.count)
        precondition(bases.count == values.count, "bars: \(bases.count) bases, \(values.count) values")
        let cells = positions.indices.map { index in
            let (low, high) = (bases[index], bases[index] + values[index])
            return Cell(
                x: (positions[index] - width / 2)...(positions[index] + width / 2),
                y: min(low, high)...max(low, high), color: color
            )
        }
        var mark = Mark(kind: .cells(cells, outline: nil))
        mark.stickyY = base == nil ? [0] : []
        return mark
    }

    /// Straight segments, `width` points wide.
    package static func segments(
        _ segments: [(x0: Double, y0: Double, x1: Double, y1: Double)], color: Color, width: Double = 1
    ) -> Mark {
        Mark(kind: .segments(segments, color: color, width: width))
    }

    /// Vertical error bars at `positions` from `lower[i]` to `upper[i]`, with caps `capWidth` data units wide.
    package static func errorBars(
        positions: [Double], lower: [Double], upper: [Double], capWidth: Double = 0.15,
        color: Color = Color(hex: 0x262626), width: Double = 1
    ) -> Mark {
        precondition(
            positions.count == lower.count && positions.count == upper.count,
            "errorBars: \(positions.count) positions, \(lower.count) lower and \(upper.count) upper values"
        )
        let half = capWidth / 2
        let parts = positions.indices.flatMap { index in
            let (x, low, high) = (positions[index], lower[index], upper[index])
            return [(x, low, x, high), (x - half, low, x + half, low), (x - half, high, x + half, high)]
        }
        return segments(parts.map { (x0: $0.0, y0: $0.1, x1: $0.2, y1: $0.3) }, color: color, width: width)
    }

    /// A scatter plot: a dot `radius` points wide at each `(xs[i], ys[i])`, with a thin white outline
    /// so overlapping dots stay distinguishable.
    package static func scatter(
        xs: [Double], ys: [Double], color: Color, radius: Double = 2.5, outline: Color? = Color(hex: 0xFFFFFF)
    ) -> Mark {
        precondition(xs.count == ys.count, "scatter: \(xs.count) x values but \(ys.count) y values")
        return Mark(kind: .points(xs: xs, ys: ys, color: color, radius: radius, outline: outline))
    }

    /// Text centred at data points, such as the numbers in heatmap cells.
    package static func labels(_ labels: [Label], size: Double = 8.5, bold: Bool = false) -> Mark {
        Mark(kind: .labels(labels, size: size, bold: bold))
    }

    /// `values` (row-major, `rows` × `columns`, row 0 lowest) coloured by `colormap` over `range` and
    /// stretched over `x` × `y`: a spectrogram, as `librosa.display.specshow`. The fitted ranges are
    /// exactly the image's.
    package static func image(
        values: [Double], rows: Int, columns: Int, x: ClosedRange<Double>, y: ClosedRange<Double>,
        colormap: Colormap, range: ClosedRange<Double>
    ) -> Mark {
        precondition(rows > 0 && columns > 0, "image: \(rows) × \(columns) is empty")
        precondition(values.count == rows * columns, "image: \(values.count) values for \(rows) × \(columns)")
        var mark = Mark(
            kind: .raster(
                Raster(
                    values: values, rows: rows, columns: columns, x: x, y: y, colormap: colormap, range: range)))
        mark.stickyX = [x.lowerBound, x.upperBound]
        mark.stickyY = [y.lowerBound, y.upperBound]
        return mark
    }
}
