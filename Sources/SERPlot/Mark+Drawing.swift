extension Mark {
    /// Draws the mark in figure coordinates given the panel's scales; points with a non-finite
    /// coordinate split lines and bands into separate runs.
    func draw(on canvas: CairoCanvas, x: LinearScale, y: LinearScale) {
        let runs = Self.consecutiveRuns(drawableIndices)
        switch kind {
        case .line(let xs, let ys, let color, let width):
            canvas.strokePolylines(
                runs.map { run in run.map { Point(x: x(xs[$0]), y: y(ys[$0])) } }, color: color, width: width
            )
        case .envelope(let xs, let lower, let upper, let color):
            let polygons = runs.map { run in
                run.map { Point(x: x(xs[$0]), y: y(upper[$0])) }
                    + run.reversed().map { Point(x: x(xs[$0]), y: y(lower[$0])) }
            }
            canvas.fillPolygons(polygons, color: color, outlineWidth: Self.envelopeOutlineWidth)
        }
    }

    /// Outline added around a band so a flat stretch (silence) still shows as a thin line.
    static let envelopeOutlineWidth = 0.5

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
