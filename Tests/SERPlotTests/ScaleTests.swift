import Foundation
import Testing

@testable import SERPlot

@Suite struct ScaleTests {
    private func layout(_ figure: Figure) throws -> (FigureLayout, CairoCanvas) {
        let canvas = try CairoCanvas(
            format: .png, width: figure.width, height: figure.height, pixelDensity: 1, title: "",
            destination: "test.png")
        return (FigureLayout(figure: figure, canvas: canvas), canvas)
    }

    @Test func logAxisTicksAtPowersOfTen() throws {
        let axes = Axes(yScale: .log, marks: [.line(xs: [0, 1, 2], ys: [0.01, 3, 2000], color: Color(hex: 0))])
        let (layout, _) = try layout(Figure(panels: [axes]))
        let y = layout.panels[0].y
        #expect(y.values.allSatisfy { [0.01, 0.1, 1, 10, 100, 1000].contains($0) })
        #expect(y.values.count >= 3)
        #expect(y.labels.contains("1k") || y.labels.contains("100"))
        #expect(y.range.lowerBound > 0 && y.range.lowerBound < 0.01 && y.range.upperBound > 2000)
    }

    @Test func logScaleSkipsValuesItCannotPlace() {
        let scale = PositionScale(scale: .log, range: 1...100, start: 0, end: 200)
        #expect(scale(10) == 100)
        #expect(scale(0).isNaN && scale(-1).isNaN)
        #expect(Axes.fitted([(-5...(-1), [])], scale: .log) == 1...10)
    }

    @Test func powerOfTenLabels() {
        #expect(
            (-3...7).map(TickLabelFormat.powerOfTen) == [
                "0.001", "0.01", "0.1", "1", "10", "100", "1k", "10k", "100k", "1M", "10M",
            ])
        #expect(TickLabelFormat.powerOfTen(-9) == "1e\u{2212}9")
    }

    @Test func categoryAxisLabelsEveryCategoryAndPutsTheFirstOnTop() throws {
        let names = ["neutral", "calm", "happy"]
        let axes = Axes(xScale: .category(names), yScale: .category(names))
        let (layout, _) = try layout(Figure(panels: [axes]))
        let panel = layout.panels[0]
        #expect(panel.x.labels == names)
        #expect(panel.x.values == [0, 1, 2])
        #expect(panel.x.range == -0.5...2.5)
        #expect(panel.yScale(0) < panel.yScale(2))
        #expect(panel.xScale(0) < panel.xScale(2))
    }

    @Test(arguments: [6, 12, 24, 48])
    func crowdedCategoryLabelsTurnAndNeverOverlap(count: Int) throws {
        let names = (1...count).map { String(format: "Actor_%02d", $0) }
        let axes = Axes(
            xLabel: "speaker", xScale: .category(names),
            marks: [.bars(positions: [0], values: [3], color: Color(hex: 0))])
        let (layout, canvas) = try layout(Figure(panels: [axes], width: 420, height: 300))
        let panel = layout.panels[0]
        let pitch = panel.xScale(1) - panel.xScale(0)
        let line = canvas.lineMetrics(Theme.tickLabel)
        let shown = panel.x.labels.filter { !$0.isEmpty }.count
        if panel.xLabelAngle == 0 {
            let widest = names.map { canvas.width(of: $0, style: Theme.tickLabel) }.max() ?? 0
            #expect(widest + Theme.tickLabelMinGapX <= pitch)
        } else {
            // Turned labels are one line high across the axis: neighbours shown must be that far apart.
            let every = count / max(shown, 1)
            #expect(
                pitch * Double(max(every, 1)) * (panel.xLabelAngle == 45 ? 0.7072 : 1) >= line.ascent + line.descent)
        }
        #expect(shown >= 1)
        #expect(panel.plot.maxY < panel.cell.maxY)
    }

    @Test func barsStartAtZeroAndImagesFillThePanel() {
        let bars = Mark.bars(positions: [0, 1], values: [3, 5], color: Color(hex: 0))
        let axes = Axes(marks: [bars])
        #expect(axes.resolvedYRange.lowerBound == 0)
        #expect(abs(axes.resolvedYRange.upperBound - 5.25) < 1e-12)
        let image = Mark.image(
            values: [0, 1, 2, 3], rows: 2, columns: 2, x: 0...3, y: 0...128, colormap: .magma, range: 0...3)
        let imageAxes = Axes(marks: [image])
        #expect(imageAxes.resolvedXRange == 0...3)
        #expect(imageAxes.resolvedYRange == 0...128)
    }
}

@Suite struct LogTickTests {
    @Test func compactLabels() {
        #expect(
            [0.2, 0.5, 1, 2, 5, 20, 500, 2000, 0.05].map(TickLabelFormat.compact) == [
                "0.2", "0.5", "1", "2", "5", "20", "500", "2k", "0.05",
            ])
    }

    @Test func lessThanTwoDecadesGetsOneTwoFive() {
        let axis = TickedAxis.logarithmic(range: 0.17...2.6, length: 300, spacing: 30, minGap: 2) { _ in 10 }
        #expect(axis.values == [0.2, 0.5, 1, 2])
        #expect(axis.labels == ["0.2", "0.5", "1", "2"])
    }
}
