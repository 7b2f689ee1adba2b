import Testing

@testable import SERPlot

/// Legends, colour bars and colour maps.
@Suite struct KeyTests {
    private func layout(_ figure: Figure) throws -> (FigureLayout, CairoCanvas) {
        let canvas = try CairoCanvas(
            format: .png, width: figure.width, height: figure.height, pixelDensity: 1, title: "",
            destination: "test.png")
        return (FigureLayout(figure: figure, canvas: canvas), canvas)
    }

    private let entries = ["neutral", "calm", "happy", "sad", "angry", "fearful", "disgust", "surprised"].enumerated()
        .map { LegendEntry($1, color: Palette.okabeIto[$0]) }

    @Test func panelLegendSitsRightOfThePlotInsideTheFigure() throws {
        let axes = Axes(marks: [.line(xs: [0, 1], ys: [0, 1], color: Color(hex: 0))], legend: entries)
        let figure = Figure(panels: [axes])
        let (layout, canvas) = try layout(figure)
        let panel = layout.panels[0]
        let widest = entries.map { canvas.width(of: $0.label, style: Theme.legendLabel) }.max() ?? 0
        let legendRight = panel.plot.maxX + Theme.sideKeyGap + Theme.legendKey + Theme.legendKeyGap + widest
        #expect(legendRight <= figure.width - Theme.outerMargin)
        #expect(panel.plot.minY + Double(entries.count) * Theme.legendRowHeight <= panel.cell.maxY)
    }

    @Test(arguments: [300.0, 460.0, 900.0])
    func figureLegendWrapsWithinTheWidth(width: Double) throws {
        let figure = Figure(title: "t", panels: [Axes()], legend: entries, width: width, height: 300)
        let (layout, canvas) = try layout(figure)
        #expect(layout.legend.count == entries.count)
        for (entry, origin) in layout.legend {
            let right =
                origin.x + Theme.legendKey + Theme.legendKeyGap
                + canvas.width(of: entry.label, style: Theme.legendLabel)
            #expect(origin.x >= Theme.outerMargin - 1e-9 && right <= width - Theme.outerMargin + 1e-9)
        }
        let rows = Set(layout.legend.map(\.origin.y)).count
        let total =
            entries.map {
                Theme.legendKey + Theme.legendKeyGap + canvas.width(of: $0.label, style: Theme.legendLabel)
            }.reduce(0, +) + Double(entries.count - 1) * Theme.legendEntryGap
        #expect(total > width - 2 * Theme.outerMargin ? rows >= 2 : rows == 1)
        #expect(width == 300 ? rows >= 2 : true)
        #expect(layout.legend.map(\.origin.y).max()! < layout.panels[0].cell.minY)
    }

    @Test func colorBarGetsTicksAndRoom() throws {
        let axes = Axes(colorBar: ColorBar(colormap: .viridis, range: -80...0, label: "dB"))
        let figure = Figure(panels: [axes])
        let (layout, _) = try layout(figure)
        let ticks = try #require(layout.panels[0].colorBar)
        #expect(ticks.values.first == -80 && ticks.values.last == 0)
        #expect(ticks.labels.contains("\u{2212}40"))
        #expect(layout.panels[0].plot.maxX + 60 < figure.width)
    }

    @Test func figureColorBarSpansEveryRowBesideTheGrid() throws {
        let image = Mark.image(
            values: [0, -40, -80, -20], rows: 2, columns: 2, x: 0...1, y: 0...2, colormap: .magma, range: -80...0)
        let panels = (0..<6).map { Axes(title: "row \($0 / 2)", marks: [image], showsGrid: false) }
        let figure = Figure(
            columns: 2, panels: panels, colorBar: ColorBar(colormap: .magma, range: -80...0, label: "dB (floor −80)"),
            width: 700, height: 600)
        let (layout, canvas) = try layout(figure)
        let bar = try #require(layout.colorBar)
        #expect(layout.panels.allSatisfy { $0.colorBar == nil })
        #expect(bar.strip.minY == layout.panels[0].plot.minY && bar.strip.maxY == layout.panels[5].plot.maxY)
        #expect(bar.strip.minX > layout.panels[1].plot.maxX)
        #expect(bar.ticks.values.first == -80 && bar.ticks.values.last == 0 && bar.ticks.values.count >= 5)
        let widest = bar.ticks.labels.map { canvas.width(of: $0, style: Theme.tickLabel) }.max() ?? 0
        let line = canvas.lineMetrics(Theme.axisLabel)
        let labelRight =
            bar.strip.maxX + Theme.tickLength + Theme.tickLabelGap + widest + Theme.labelGap + line.ascent
            + line.descent
        #expect(labelRight <= figure.width - Theme.outerMargin)
    }

    @Test func divergingMapIsWhiteInTheMiddle() {
        let map = Colormap.redBlue
        #expect(map.table.count == 256)
        #expect(map.color(for: 0, in: -2...2).luminance > 0.85)
        #expect(map.color(at: 0).blue > map.color(at: 0).red && map.color(at: 1).red > map.color(at: 1).blue)
        #expect(map.color(at: 0).luminance < 0.1 && map.color(at: 1).luminance < 0.1)
    }

    @Test func colormapsRunFromDarkToLight() {
        for map in [Colormap.viridis, .magma] {
            #expect(map.table.count == 256)
            #expect(map.color(at: 0).luminance < 0.05)
            #expect(map.color(at: 1).luminance > 0.6)
            #expect(map.color(at: -3) == map.color(at: 0) && map.color(at: 7) == map.color(at: 1))
            #expect(map.color(at: .nan) == map.color(at: 0))
        }
        #expect(Colormap.viridis.rgb(at: 0) == 0x440154 && Colormap.viridis.rgb(at: 1) == 0xFDE725)
        #expect(Colormap.magma.rgb(at: 0) == 0x000004 && Colormap.magma.rgb(at: 1) == 0xFCFDBF)
        #expect(Colormap.viridis.color(for: 5, in: 0...10) == Colormap.viridis.color(at: 0.5))
    }

    @Test func cellTextContrastsWithItsCell() {
        #expect(Color(hex: 0x440154).contrastingInk == Color(hex: 0xFFFFFF))
        #expect(Color(hex: 0xFDE725).contrastingInk == Color(hex: 0x1A1A1A))
    }

    @Test func groupedBarsSitSideBySideAroundEachCategory() {
        let marks = Mark.groupedBars([(values: [1, 2], color: Color(hex: 0)), (values: [3, 4], color: Color(hex: 1))])
        #expect(marks.count == 2)
        let first = marks[0].xExtent!
        let second = marks[1].xExtent!
        #expect(first.upperBound <= second.lowerBound + 1e-12 || first.upperBound < 1)
        #expect(abs((first.lowerBound + second.upperBound - 1) / 2 - 0) < 0.5)
        #expect(marks[0].stickyY == [0])
    }

    @Test func stackedBarsStackInOrder() {
        let marks = Mark.stackedBars([(values: [1, 2], color: Color(hex: 0)), (values: [3, 4], color: Color(hex: 1))])
        #expect(marks[1].yExtent == 1...6)
    }
}
