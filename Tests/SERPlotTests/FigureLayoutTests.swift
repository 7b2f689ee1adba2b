import Testing

@testable import SERPlot

@Suite struct FigureLayoutTests {
    private func layout(_ figure: Figure) throws -> (FigureLayout, CairoCanvas) {
        let canvas = try CairoCanvas(
            format: .png, width: figure.width, height: figure.height, pixelDensity: 1, title: "",
            destination: "test.png"
        )
        return (FigureLayout(figure: figure, canvas: canvas), canvas)
    }

    private func contains(_ outer: Rect, _ inner: Rect) -> Bool {
        inner.minX >= outer.minX && inner.maxX <= outer.maxX && inner.minY >= outer.minY && inner.maxY <= outer.maxY
    }

    @Test func panelsFillTheGridInReadingOrderWithAlignedPlots() throws {
        let (layout, _) = try layout(ExampleFigures.waveformsPerEmotion())
        #expect(layout.panels.count == 6)
        #expect(layout.suptitleOrigin != nil)
        #expect(layout.panels.map(\.axes.title) == ExampleFigures.emotions)
        for panel in layout.panels {
            #expect(contains(panel.cell, panel.plot))
            #expect(panel.plot.width > 200 && panel.plot.height > 120)
        }
        #expect(layout.panels[0].plot.minY == layout.panels[2].plot.minY)
        #expect(layout.panels[0].plot.minX == layout.panels[3].plot.minX)
        #expect(layout.panels[0].cell.maxX <= layout.panels[1].cell.minX)
        #expect(layout.panels[0].cell.maxY <= layout.panels[3].cell.minY)
        #expect(layout.suptitleOrigin!.y < layout.panels[0].cell.minY)
    }

    @Test func waveformAxesGetReadableTicks() throws {
        let (layout, _) = try layout(ExampleFigures.waveformsPerEmotion())
        let panel = layout.panels[0]
        #expect(panel.x.labels == ["0.0", "0.5", "1.0", "1.5", "2.0", "2.5", "3.0"])
        #expect(panel.y.labels == ["\u{2212}1.0", "\u{2212}0.5", "0.0", "0.5", "1.0"])
    }

    @Test(arguments: [160.0, 240.0, 480.0, 960.0])
    func neighbouringTickLabelsNeverTouch(width: Double) throws {
        let axes = Axes(xLabel: "samples", yLabel: "count", xRange: 0...123_456, yRange: -0.000_37...0.000_81)
        let figure = Figure(panels: [axes], width: width, height: width * 0.7)
        let (layout, canvas) = try layout(figure)
        let panel = layout.panels[0]
        let positions = panel.x.values.map { panel.xScale($0) }
        let widths = panel.x.labels.map { canvas.width(of: $0, style: Theme.tickLabel) }
        #expect(positions.count >= 2)
        for index in positions.indices.dropFirst() {
            let gap = (positions[index] - widths[index] / 2) - (positions[index - 1] + widths[index - 1] / 2)
            #expect(gap >= Theme.tickLabelMinGapX, "labels \(panel.x.labels) at width \(width)")
        }
        let line = canvas.lineMetrics(Theme.tickLabel)
        let yPositions = panel.y.values.map { panel.yScale($0) }
        for index in yPositions.indices.dropFirst() {
            #expect(yPositions[index - 1] - yPositions[index] >= line.ascent + line.descent + Theme.tickLabelMinGapY)
        }
    }

    @Test func longTextIsShortenedToFit() throws {
        let (_, canvas) = try layout(Figure(panels: []))
        let long = String(repeating: "fearful ", count: 20)
        let fitted = canvas.fitted(long, width: 120, style: Theme.panelTitle)
        #expect(fitted.hasSuffix("\u{2026}"))
        #expect(canvas.width(of: fitted, style: Theme.panelTitle) <= 120)
        #expect(canvas.fitted("calm", width: 120, style: Theme.panelTitle) == "calm")
    }
}
