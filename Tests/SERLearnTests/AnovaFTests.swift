import Testing

@testable import SERLearn

/// Golden values from scikit-learn 1.9:
/// `f_classif([[1,2,5],[2,1,5],[3,4,5],[4,3,5],[10,2.5,5],[11,3.5,5]], [0,0,1,1,2,2])`
/// → `[89.33333333, 4.33333333, nan]`.
@Suite("ANOVA F (scikit-learn's f_classif)")
struct AnovaFTests {
    static let labels = [0, 0, 1, 1, 2, 2]

    @Test("F per feature is scikit-learn's; a constant feature has none")
    func golden() throws {
        let first = try #require(AnovaF.score([1, 2, 3, 4, 10, 11], labels: Self.labels))
        let second = try #require(AnovaF.score([2, 1, 4, 3, 2.5, 3.5], labels: Self.labels))
        #expect(abs(first - 89.33333333) < 1e-7)
        #expect(abs(second - 4.33333333) < 1e-7)
        #expect(AnovaF.score([5, 5, 5, 5, 5, 5], labels: Self.labels) == nil)
    }

    @Test("one class, as many values as classes, or a NaN: no score")
    func undefined() {
        #expect(AnovaF.score([1, 2, 3], labels: [0, 0, 0]) == nil)
        #expect(AnovaF.score([1, 2], labels: [0, 1]) == nil)
        #expect(AnovaF.score([1, 2, .nan, 4], labels: [0, 0, 1, 1]) == nil)
    }
}
