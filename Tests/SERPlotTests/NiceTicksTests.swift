import Testing

@testable import SERPlot

@Suite struct NiceTicksTests {
    @Test(arguments: [
        (0.3, 0.5), (0.5, 0.5), (0.51, 1.0), (1.0, 1.0), (1.2, 2.0), (2.0, 2.0), (2.1, 5.0), (4.99, 5.0),
        (5.01, 10.0), (7.0, 10.0), (0.0021, 0.005), (1234.0, 2000.0),
    ])
    func stepIsTheSmallestNiceNumberAtLeastTheRawStep(raw: Double, expected: Double) {
        #expect(NiceTicks.niceStep(atLeast: raw) == expected)
    }

    @Test func powersOfTenAreExact() {
        #expect(NiceTicks.powerOfTen(-3) == 0.001)
        #expect(NiceTicks.powerOfTen(0) == 1)
        #expect(NiceTicks.powerOfTen(4) == 10_000)
    }

    @Test func threeSecondsInFiveIntervals() {
        let ticks = NiceTicks(range: 0...3, maxIntervals: 5)
        #expect(ticks.step == 1)
        #expect(ticks.values == [0, 1, 2, 3])
    }

    @Test func symmetricAmplitudeKeepsZeroExact() {
        let ticks = NiceTicks(range: -1.1...1.1, maxIntervals: 5)
        #expect(ticks.step == 0.5)
        #expect(ticks.values == [-1, -0.5, 0, 0.5, 1])
        #expect(ticks.values[2].sign == .plus)
    }

    @Test func endPointsThatAreMultiplesAreKept() {
        let ticks = NiceTicks(range: 0.2...0.8, maxIntervals: 3)
        #expect(ticks.step == 0.2)
        #expect(ticks.values.count == 4)
        #expect(abs(ticks.values[0] - 0.2) < 1e-12)
        #expect(abs(ticks.values[3] - 0.8) < 1e-12)
    }

    @Test func ticksStartAtTheFirstMultipleInsideTheRange() {
        let ticks = NiceTicks(range: 0.1...0.7, maxIntervals: 3)
        #expect(ticks.values.count == 3)
        #expect(abs(ticks.values[0] - 0.2) < 1e-12)
        #expect(abs(ticks.values[2] - 0.6) < 1e-12)
    }

    @Test func everyTickIsInsideTheRangeAndAtMostMaxIntervalsApart() {
        for (range, intervals) in [(-3.7...12.2, 6), (0.0001...0.00093, 8), (-50_000.0...0, 3), (17.0...17.5, 8)] {
            let ticks = NiceTicks(range: range, maxIntervals: intervals)
            let slack = (range.upperBound - range.lowerBound) * 1e-9
            #expect(ticks.values.allSatisfy { $0 >= range.lowerBound - slack && $0 <= range.upperBound + slack })
            #expect((range.upperBound - range.lowerBound) / ticks.step <= Double(intervals))
            #expect(ticks.values.count >= 2)
        }
    }

    @Test func zeroIsPositiveZero() {
        let ticks = NiceTicks(range: -0.4...1, maxIntervals: 3)
        #expect(ticks.values == [0, 0.5, 1])
        #expect(ticks.values[0].sign == .plus)
    }

    @Test(arguments: [
        -1e308...1e308, 0...Double.infinity, 1e20...(1e20 + 1e5), -Double.greatestFiniteMagnitude...0,
    ])
    func extremeRangesEndWithFewTicks(range: ClosedRange<Double>) {
        let axis = TickedAxis(range: range, length: 200, spacing: 36, minGap: 8) { Double($0.count) * 5 }
        #expect(axis.values.count <= 7)
        #expect(axis.labels.count == axis.values.count)
    }

    @Test func narrowAxesGetAtLeastThreeTicks() {
        // A 3.5 s time axis in a 110-point panel: step 2 gives only 0 and 2.
        let time = TickedAxis(range: 0...3.5, length: 110, spacing: 36, minGap: 8) { Double($0.count) * 5 }
        #expect(time.values == [0, 1, 2, 3])
        // A short y axis of a box plot.
        let rms = TickedAxis(range: 0.015...0.065, length: 70, spacing: 30, minGap: 2) { _ in 10 }
        #expect(rms.values.count >= 3 && rms.values.count <= 6)
        // Never so fine that ticks come closer than half the spacing.
        let tight = TickedAxis(range: 0...1.5, length: 40, spacing: 36, minGap: 2) { _ in 5 }
        #expect(tight.values == [0, 1])
    }

    @Test func emptyRangeGivesOneTick() {
        #expect(NiceTicks(range: 2...2, maxIntervals: 5).values == [2])
    }
}

@Suite struct TickLabelFormatTests {
    private func labels(_ range: ClosedRange<Double>, _ intervals: Int) -> [String] {
        let ticks = NiceTicks(range: range, maxIntervals: intervals)
        return TickLabelFormat(ticks: ticks).labels(ticks)
    }

    @Test func decimalsFollowTheStep() {
        #expect(labels(-1...1, 4) == ["\u{2212}1.0", "\u{2212}0.5", "0.0", "0.5", "1.0"])
        #expect(labels(0...3, 3) == ["0", "1", "2", "3"])
        #expect(labels(0...0.06, 3) == ["0.00", "0.02", "0.04", "0.06"])
    }

    @Test func largeValuesUseThousands() {
        #expect(labels(0...20_000, 4) == ["0", "5k", "10k", "15k", "20k"])
        #expect(labels(0...11_000, 6) == ["0", "2k", "4k", "6k", "8k", "10k"])
        #expect(labels(0...30_000_000, 3) == ["0", "10M", "20M", "30M"])
    }

    @Test func fourDigitValuesStayPlain() {
        #expect(labels(0...8000, 4) == ["0", "2000", "4000", "6000", "8000"])
    }

    @Test func smallStepsKeepSignificantDigits() {
        #expect(labels(0.0001...0.0004, 3) == ["0.0001", "0.0002", "0.0003", "0.0004"])
    }
}
