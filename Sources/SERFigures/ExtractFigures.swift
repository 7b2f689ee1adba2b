package import SERPlot

/// The extract cell's figures: how the features differ between emotions.
package enum ExtractFigures {
    /// A box plot per emotion of each feature in `features` (one panel per feature), from one value
    /// per clip; `emotions[i]` is clip `i`'s emotion. With `showsClips`, every clip is also drawn as a
    /// faint dot behind its box (a strip plot). `yLabels[i]` labels feature `i`'s value axis with what
    /// the values measure ("amplitude", "dB"); features past its end get none. Used for
    /// `extract-energy` (RMS, ZCR, with the clips), `extract-mfcc` (MFCC 1–13), `extract-chroma` and
    /// `extract-contrast`.
    package static func distributions(
        title: String, features: [(name: String, values: [Double])], emotions: [String], palette: EmotionPalette,
        columns: Int = 4, showsClips: Bool = false, yLabels: [String] = []
    ) -> Figure {
        let panels = features.enumerated().map { position, feature in
            var marks: [Mark] = []
            for (index, emotion) in palette.emotions.enumerated() {
                let values = feature.values.indices.filter { emotions[$0] == emotion }.map { feature.values[$0] }
                guard let stats = BoxStatistics(values) else { continue }
                let stroke = palette.strokeColor(for: emotion)
                if showsClips {
                    marks.append(
                        .strip(values, at: Double(index), spread: 0.7, color: stroke.withAlpha(0.3), radius: 1.4))
                }
                marks += Mark.boxPlot(stats, at: Double(index), color: palette.color(for: emotion), stroke: stroke)
            }
            return Axes(
                title: feature.name, yLabel: position < yLabels.count ? yLabels[position] : "",
                xScale: .category(palette.emotions), marks: marks)
        }
        let columns = min(columns, max(panels.count, 1))
        let rows = (panels.count + columns - 1) / columns
        return Figure(
            title: title, columns: columns, panels: panels, legend: palette.legend(),
            width: 250 * Double(columns) + 20, height: 200 * Double(max(rows, 1)) + 80)
    }

    /// `extract-mfcc-means`: the mean of each MFCC per emotion as a heatmap, each coefficient
    /// standardised over all clips (so coefficients of different size compare), with the values written
    /// in the cells, in a diverging colour map centred on 0 (blue below the mean, red above).
    /// `mfcc[c][i]` is coefficient `c` of clip `i`.
    package static func mfccHeatmap(mfcc: [[Double]], emotions: [String], palette: EmotionPalette) -> Figure {
        let names = mfcc.indices.map { "\($0 + 1)" }
        var cells: [Mark.Cell] = []
        var labels: [Mark.Label] = []
        var zScores: [[Double]] = []
        for coefficient in mfcc {
            let mean = coefficient.reduce(0, +) / Double(max(coefficient.count, 1))
            let variance =
                coefficient.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(max(coefficient.count, 1))
            let deviation = variance > 0 ? variance.squareRoot() : 1
            zScores.append(
                palette.emotions.map { emotion in
                    let values = coefficient.indices.filter { emotions[$0] == emotion }.map { coefficient[$0] }
                    return values.isEmpty ? .nan : (values.reduce(0, +) / Double(values.count) - mean) / deviation
                })
        }
        let limit = max(0.5, zScores.flatMap { $0 }.filter(\.isFinite).map(abs).max() ?? 1)
        let range = -limit...limit
        for (column, row) in zScores.enumerated() {
            for (emotion, value) in row.enumerated() where value.isFinite {
                let color = Colormap.redBlue.color(for: value, in: range)
                cells.append(
                    Mark.Cell(
                        x: (Double(column) - 0.5)...(Double(column) + 0.5),
                        y: (Double(emotion) - 0.5)...(Double(emotion) + 0.5), color: color))
                labels.append(
                    Mark.Label(
                        x: Double(column), y: Double(emotion), text: Self.signed(value), color: color.contrastingInk))
            }
        }
        return Figure(
            title: "Mean MFCC per emotion (z-score per coefficient)",
            panels: [
                Axes(
                    xLabel: "MFCC", xScale: .category(names), yScale: .category(palette.emotions),
                    marks: [.cells(cells), .labels(labels, size: 7.5)],
                    colorBar: ColorBar(colormap: .redBlue, range: range, label: "z-score"), showsGrid: false)
            ],
            width: 44 * Double(max(names.count, 1)) + 220, height: 26 * Double(palette.emotions.count) + 150)
    }

    /// `extract-pca`: every clip on the first two principal components of the standardised feature
    /// matrix, coloured by emotion, as small translucent dots so that dense regions show, with each
    /// emotion's centroid as a large outlined dot. `explained` is each component's share of the variance.
    package static func pcaScatter(
        points: [(x: Double, y: Double)], emotions: [String], explained: (Double, Double), palette: EmotionPalette
    ) -> Figure {
        let radius = points.count > 2000 ? 1.5 : points.count > 300 ? 1.9 : 2.6
        var clips: [Mark] = []
        var centroids: [Mark] = []
        for emotion in palette.emotions {
            let mine = points.indices.filter { emotions[$0] == emotion }
            guard !mine.isEmpty else { continue }
            let xs = mine.map { points[$0].x }
            let ys = mine.map { points[$0].y }
            let color = palette.color(for: emotion)
            let stroke = palette.strokeColor(for: emotion)
            clips.append(
                .scatter(
                    xs: xs, ys: ys, color: color.withAlpha(0.6), radius: radius,
                    outline: stroke == color ? nil : stroke.withAlpha(0.6)))
            centroids.append(
                .scatter(
                    xs: [xs.reduce(0, +) / Double(xs.count)], ys: [ys.reduce(0, +) / Double(ys.count)], color: color,
                    radius: 4.5, outline: FigureStyle.markerEdge))
        }
        return Figure(
            title: "Clips on the first two principal components",
            panels: [
                Axes(
                    xLabel: "PC1 (\(Self.percent(explained.0)) of variance)",
                    yLabel: "PC2 (\(Self.percent(explained.1)) of variance)", marks: clips + centroids,
                    legend: palette.legend(symbol: .dot))
            ],
            caption: "large outlined dots: each emotion's centroid", width: 560, height: 440)
    }

    /// One decimal with a true minus sign.
    static func signed(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let text = "\(abs(tenths) / 10).\(abs(tenths) % 10)"
        return tenths < 0 ? "\u{2212}" + text : text
    }

    /// A fraction as a whole-number percentage with a thin space: `23 %`.
    static func percent(_ fraction: Double) -> String {
        fraction.isFinite ? "\(Int((fraction * 100).rounded()))\u{2009}%" : "–"
    }
}
