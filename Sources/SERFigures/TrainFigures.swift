package import SERPlot

/// The train cell's figures about the corpus the models learn from.
package enum TrainFigures {
    /// `train-coverage`: clips per speaker (rows) and emotion (columns) as a heat map, the count in each
    /// cell and an empty cell left white: how much of each speaker's voice is confounded with one
    /// emotion, which is what decides whether speaker normalisation helps. `counts[speaker][emotion]`.
    package static func speakerCoverage(speakers: [String], emotions: [String], counts: [[Int]]) -> Figure {
        let top = Double(max(1, counts.flatMap { $0 }.max() ?? 1))
        let range = 0...top
        var cells: [Mark.Cell] = []
        var texts: [Mark.Label] = []
        for (row, speakerCounts) in counts.enumerated() {
            for (column, count) in speakerCounts.enumerated() {
                let color = count == 0 ? Color(hex: 0xFFFFFF) : Colormap.viridis.color(for: Double(count), in: range)
                cells.append(
                    Mark.Cell(
                        x: (Double(column) - 0.5)...(Double(column) + 0.5),
                        y: (Double(row) - 0.5)...(Double(row) + 0.5), color: color))
                if speakers.count <= 40 {
                    texts.append(
                        Mark.Label(
                            x: Double(column), y: Double(row), text: count == 0 ? "–" : "\(count)",
                            color: count == 0 ? FigureStyle.neutralInk : color.contrastingInk))
                }
            }
        }
        let shown = speakers.map { $0.isEmpty ? "unknown" : $0 }
        let covered = counts.map { $0.filter { $0 > 0 }.count }
        let mean = covered.isEmpty ? 0 : Double(covered.reduce(0, +)) / Double(covered.count)
        let rowHeight = speakers.count > 40 ? 10.0 : 20.0
        return Figure(
            title: "Clips per speaker and emotion",
            panels: [
                Axes(
                    xLabel: "emotion", yLabel: "speaker", xScale: .category(emotions), yScale: .category(shown),
                    marks: [.cells(cells, outline: FigureStyle.lightInk), .labels(texts, size: 7)],
                    colorBar: ColorBar(colormap: .viridis, range: range, label: "clips"), showsGrid: false)
            ],
            caption:
                "each speaker shows \((mean * 10).rounded() / 10) of \(emotions.count) emotions on average; an empty cell (–): no clip",
            width: max(420, 44 * Double(emotions.count) + 260),
            height: rowHeight * Double(max(speakers.count, 1)) + 170)
    }
}
