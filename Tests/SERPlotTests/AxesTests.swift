import Testing

@testable import SERPlot

@Suite struct AxesTests {
    private func isClose(_ a: ClosedRange<Double>, _ b: ClosedRange<Double>) -> Bool {
        abs(a.lowerBound - b.lowerBound) < 1e-12 && abs(a.upperBound - b.upperBound) < 1e-12
    }

    @Test func fittedRangesAddFivePercentEachSide() {
        let axes = Axes(marks: [.line(xs: [0, 10], ys: [-2, 2], color: Palette.okabeIto[0])])
        #expect(axes.resolvedXRange == -0.5...10.5)
        #expect(isClose(axes.resolvedYRange, -2.2...2.2))
    }

    @Test func explicitRangesWin() {
        let axes = Axes(xRange: 0...3, yRange: -1...1, marks: [.line(xs: [0, 10], ys: [-2, 2], color: Color(hex: 0))])
        #expect(axes.resolvedXRange == 0...3)
        #expect(axes.resolvedYRange == -1...1)
    }

    @Test func rangesCoverEveryMarkAndIgnoreNonFiniteValues() {
        let axes = Axes(marks: [
            .line(xs: [1, .nan, 2], ys: [0, 100, .infinity], color: Color(hex: 0)),
            .envelope(xs: [4, 5], lower: [-3, -1], upper: [1, 3], color: Color(hex: 0)),
        ])
        #expect(isClose(axes.resolvedXRange, 0.8...5.2))
        #expect(isClose(axes.resolvedYRange, -3.3...3.3))
    }

    @Test func degenerateDataStillGivesARange() {
        #expect(Axes().resolvedXRange == 0...1)
        let flat = Axes(marks: [.line(xs: [2, 2], ys: [0, 0], color: Color(hex: 0))])
        #expect(flat.resolvedXRange == 1.5...2.5)
        #expect(flat.resolvedYRange == -0.5...0.5)
    }
}

@Suite struct PaletteTests {
    @Test func okabeItoHasEightDistinctColoursAndWraps() {
        let palette = Palette.okabeIto
        #expect(Set(palette.colors).count == 8)
        #expect(palette[0] == Color(hex: 0x0072B2))
        #expect(palette[8] == palette[0])
        #expect(palette[-1] == palette[7])
    }

    @Test func hexComponents() {
        let orange = Color(hex: 0xE69F00)
        #expect(orange.red == 230.0 / 255)
        #expect(orange.green == 159.0 / 255)
        #expect(orange.blue == 0)
        #expect(orange.alpha == 1)
    }
}
