extension Mark {
    /// Draws the mark in figure coordinates given the panel's scales; points that cannot be placed (a
    /// non-finite value, or ≤ 0 on a log axis) split lines and bands into separate runs.
    func draw(on canvas: CairoCanvas, x: PositionScale, y: PositionScale) {
        switch kind {
        case .line(let xs, let ys, let color, let width, let dash):
            let points = xs.indices.map { Point(x: x(xs[$0]), y: y(ys[$0])) }
            canvas.strokePolylines(Self.finiteRuns(points), color: color, width: width, dash: dash)
        case .envelope(let xs, let lower, let upper, let color):
            let tops = xs.indices.map { Point(x: x(xs[$0]), y: y(upper[$0])) }
            let bottoms = xs.indices.map { Point(x: x(xs[$0]), y: y(lower[$0])) }
            let runs = Self.consecutiveRuns(xs.indices.filter { tops[$0].isFinite && bottoms[$0].isFinite })
            let polygons = runs.map { run in run.map { tops[$0] } + run.reversed().map { bottoms[$0] } }
            canvas.fillPolygons(polygons, color: color, outlineWidth: Self.envelopeOutlineWidth)
        case .cells(let cells, let outline):
            let rects = cells.compactMap { cell -> (Rect, Color)? in
                let (x0, x1) = (x(cell.x.lowerBound), x(cell.x.upperBound))
                let (y0, y1) = (y(cell.y.lowerBound), y(cell.y.upperBound))
                guard x0.isFinite, x1.isFinite, y0.isFinite, y1.isFinite else { return nil }
                return (Rect(x: min(x0, x1), y: min(y0, y1), width: abs(x1 - x0), height: abs(y1 - y0)), cell.color)
            }
            canvas.fillRects(rects, outline: outline, outlineWidth: Self.cellOutlineWidth)
        case .segments(let parts, let color, let width):
            let segments = parts.map { (Point(x: x($0.x0), y: y($0.y0)), Point(x: x($0.x1), y: y($0.y1))) }
            canvas.strokeSegments(segments.filter { $0.0.isFinite && $0.1.isFinite }, color: color, width: width)
        case .points(let xs, let ys, let color, let radius, let outline):
            let centres = xs.indices.map { Point(x: x(xs[$0]), y: y(ys[$0])) }.filter(\.isFinite)
            canvas.fillCircles(centres, radius: radius, color: color, outline: outline)
        case .labels(let labels, let size, let bold):
            let line = canvas.lineMetrics(TextStyle(size: size, bold: bold, color: Theme.ink))
            for label in labels {
                let point = Point(x: x(label.x), y: y(label.y) + (line.ascent - line.descent) / 2)
                guard point.isFinite else { continue }
                canvas.draw(
                    label.text, at: point, style: TextStyle(size: size, bold: bold, color: label.color), anchor: .middle
                )
            }
        case .raster(let raster):
            let (x0, x1) = (x(raster.x.lowerBound), x(raster.x.upperBound))
            let (y0, y1) = (y(raster.y.lowerBound), y(raster.y.upperBound))
            guard x0.isFinite, x1.isFinite, y0.isFinite, y1.isFinite else { return }
            canvas.drawImage(
                raster.pixelsTopRowFirst, width: raster.columns, height: raster.rows,
                in: Rect(x: min(x0, x1), y: min(y0, y1), width: abs(x1 - x0), height: abs(y1 - y0)))
        }
    }

    /// Outline added around a band so a flat stretch (silence) still shows as a thin line.
    static let envelopeOutlineWidth = 0.5
    /// White lines between neighbouring cells (histogram bins, heatmap cells).
    static let cellOutlineWidth = 0.6

    /// The finite points split wherever a point is not finite.
    static func finiteRuns(_ points: [Point]) -> [[Point]] {
        consecutiveRuns(points.indices.filter { points[$0].isFinite }).map { $0.map { points[$0] } }
    }

    /// `indices` (ascending) split wherever one does not follow the previous.
    static func consecutiveRuns(_ indices: [Int]) -> [ArraySlice<Int>] {
        var runs: [ArraySlice<Int>] = []
        var start = indices.startIndex
        for position in indices.indices.dropFirst() where indices[position] != indices[position - 1] + 1 {
            runs.append(indices[start..<position])
            start = position
        }
        if start < indices.endIndex { runs.append(indices[start...]) }
        return runs
    }
}

extension Mark.Raster {
    /// The image's colours as 0xRRGGBB, top row (highest y) first, as an image surface stores them.
    var pixelsTopRowFirst: [UInt32] {
        var pixels: [UInt32] = []
        pixels.reserveCapacity(values.count)
        for row in (0..<rows).reversed() {
            for column in 0..<columns {
                pixels.append(colormap.rgb(at: Colormap.fraction(of: values[row * columns + column], in: range)))
            }
        }
        return pixels
    }
}

extension Point {
    var isFinite: Bool { x.isFinite && y.isFinite }
}
