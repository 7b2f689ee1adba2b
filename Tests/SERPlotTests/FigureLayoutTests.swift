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

    @Test func longCaptionWrapsAtSpacesWithinTheWidth() throws {
        let files = (1...8).map { "emotion\($0):\u{00A0}Actor_01/03-01-0\($0)-01-01-01-01.wav" }
        let figure = Figure(panels: [Axes()], caption: files.joined(separator: " · "), width: 500, height: 300)
        let (layout, canvas) = try layout(figure)
        #expect(layout.caption.count >= 3)
        for line in layout.caption {
            #expect(canvas.width(of: line.text, style: Theme.caption) <= 500 - 2 * Theme.outerMargin)
            #expect(!line.text.contains("\u{2026}"))
        }
        let text = layout.caption.map(\.text).joined(separator: " ")
        for file in files { #expect(text.contains(file)) }
        #expect(layout.caption.map(\.origin.y) == layout.caption.map(\.origin.y).sorted())
        #expect(layout.panels[0].cell.maxY < layout.caption[0].origin.y)
    }

    @Test func rowsWithoutTitlesOrXLabelsSitCloser() throws {
        let titledOnce = (0..<6).map { index in
            Axes(
                title: index < 2 ? "column \(index)" : "", xLabel: index >= 4 ? "time (s)" : "", xRange: 0...3.5,
                yRange: -1...1)
        }
        let titledEverywhere = (0..<6).map { _ in
            Axes(title: "column", xLabel: "time (s)", xRange: 0...3.5, yRange: -1...1)
        }
        let (compact, _) = try layout(Figure(columns: 2, panels: titledOnce, width: 400, height: 400))
        let (uniform, _) = try layout(Figure(columns: 2, panels: titledEverywhere, width: 400, height: 400))
        #expect(Set(compact.panels.map(\.plot.height)).count == 1)
        #expect(compact.panels[0].plot.height > uniform.panels[0].plot.height + 10)
        #expect(compact.panels[0].plot.minY == uniform.panels[0].plot.minY)
        #expect(abs(compact.panels[5].plot.maxY - uniform.panels[5].plot.maxY) < 1e-9)
        for row in 0..<3 { #expect(compact.panels[2 * row].plot.minY == compact.panels[2 * row + 1].plot.minY) }
        #expect(compact.panels[0].cell.maxY <= compact.panels[2].cell.minY)
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
