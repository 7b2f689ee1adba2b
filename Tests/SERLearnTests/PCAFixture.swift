import Foundation
import SERLearn

/// `Fixtures/pca.json`: a 60 x 8 matrix and what scikit-learn's `StandardScaler` and
/// `PCA(n_components=2)` made of it (see `Fixtures/make_fixtures.py` for how to regenerate it).
struct PCAFixture: Decodable {
    let componentCount: Int
    let input: [[Double]]
    let scalerMean: [Double]
    let scalerScale: [Double]
    let standardized: [[Double]]
    let pcaMean: [Double]
    let components: [[Double]]
    let explainedVariance: [Double]
    let explainedVarianceRatio: [Double]
    let transformed: [[Double]]

    static func load() throws -> PCAFixture {
        guard let url = Bundle.module.url(forResource: "pca", withExtension: "json", subdirectory: "Fixtures") else {
            throw FixtureMissing(name: "pca.json")
        }
        return try JSONDecoder().decode(PCAFixture.self, from: Data(contentsOf: url))
    }
}

struct FixtureMissing: Error, CustomStringConvertible {
    let name: String
    var description: String { "fixture \(name) is not in the test bundle" }
}

/// The tolerance golden values must meet: relative for magnitudes above 1, absolute below.
let goldenTolerance = 1e-9

/// The largest difference between `actual` and `expected`, relative to `max(1, |expected|)`.
func scaledError(_ actual: some Collection<Double>, _ expected: some Collection<Double>) -> Double {
    precondition(actual.count == expected.count, "Compared lists differ in length")
    return zip(actual, expected).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
}

/// ``scaledError(_:_:)`` over all entries of a matrix and the rows it should equal.
func scaledError(_ actual: Matrix, _ expected: [[Double]]) -> Double {
    guard actual.rows == expected.count else { return .infinity }
    return scaledError(actual.values, expected.flatMap { $0 })
}
