import Foundation
import Testing

@testable import SERPlot

/// Box-plot statistics and automatic histogram bins against numpy and matplotlib
/// (Fixtures/statistics.json, made by Fixtures/make_fixtures.py).
@Suite struct StatisticsTests {
    struct Case: Decodable {
        let name: String
        let values: [Double]
        let edges: [Double]
        let counts: [Int]
        let q1, median, q3, whislo, whishi: Double
        let fliers: [Double]
    }

    struct Fixture: Decodable {
        let cases: [Case]
    }

    static let cases: [Case] = {
        guard let url = Bundle.module.url(forResource: "Fixtures/statistics", withExtension: "json"),
            let data = try? Data(contentsOf: url), let fixture = try? JSONDecoder().decode(Fixture.self, from: data)
        else { return [] }
        return fixture.cases
    }()

    private func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * max(1, abs(b)) }

    @Test func fixtureHasEveryCase() {
        #expect(Self.cases.map(\.name) == ["normal_200", "skewed_57", "small_5", "durations_720"])
    }

    @Test(arguments: cases.map(\.name))
    func boxStatisticsMatchMatplotlib(name: String) throws {
        let fixture = try #require(Self.cases.first { $0.name == name })
        let stats = try #require(BoxStatistics(fixture.values))
        #expect(close(stats.lowerQuartile, fixture.q1))
        #expect(close(stats.median, fixture.median))
        #expect(close(stats.upperQuartile, fixture.q3))
        #expect(close(stats.lowerWhisker, fixture.whislo))
        #expect(close(stats.upperWhisker, fixture.whishi))
        #expect(stats.outliers == fixture.fliers)
        #expect(stats.count == fixture.values.count)
    }

    @Test(arguments: cases.map(\.name))
    func automaticBinsMatchNumpy(name: String) throws {
        let fixture = try #require(Self.cases.first { $0.name == name })
        let histogram = Histogram(fixture.values)
        #expect(histogram.edges.count == fixture.edges.count)
        for (edge, expected) in zip(histogram.edges, fixture.edges) { #expect(close(edge, expected)) }
        #expect(histogram.counts == fixture.counts)
        #expect(histogram.counts.reduce(0, +) == fixture.values.count)
    }

    @Test func nonFiniteValuesAreLeftOut() throws {
        let stats = try #require(BoxStatistics([1, 2, .nan, 3, .infinity, 4]))
        #expect(stats.count == 4)
        #expect(stats.median == 2.5)
        #expect(BoxStatistics([.nan]) == nil)
        #expect(Histogram([.nan, 1, 1]).counts == [2])
        #expect(Histogram([.nan, 1, 1]).edges == [0.5, 1.5])
    }

    @Test func lastBinIncludesItsUpperEdge() {
        let histogram = Histogram([0, 1, 2, 3, 4], edges: [0, 2, 4])
        #expect(histogram.counts == [2, 3])
    }
}
