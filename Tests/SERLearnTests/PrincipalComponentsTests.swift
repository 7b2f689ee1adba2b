import Foundation
import SERLearn
import Testing

@Suite struct PrincipalComponentsTests {
    @Test func matchesScikitLearnPCAOnStandardizedData() throws {
        let fixture = try PCAFixture.load()
        let standardized = Standardizer(fitting: Matrix(rows: fixture.input)).transform(Matrix(rows: fixture.input))
        let pca = try PrincipalComponents(fitting: standardized, componentCount: fixture.componentCount)
        #expect(scaledError(pca.mean, fixture.pcaMean) <= goldenTolerance)
        #expect(scaledError(pca.components, fixture.components) <= goldenTolerance)
        #expect(scaledError(pca.explainedVariance, fixture.explainedVariance) <= goldenTolerance)
        #expect(scaledError(pca.explainedVarianceRatio, fixture.explainedVarianceRatio) <= goldenTolerance)
        #expect(scaledError(pca.transform(standardized), fixture.transformed) <= goldenTolerance)
    }

    @Test func uncorrelatedAxesHaveAKnownAnswer() throws {
        // A 4 x 2 grid centred on the origin: x spreads over ±3, y over ±0.5, uncorrelated.
        let points = [-3.0, -1, 1, 3].flatMap { x in [-0.5, 0.5].map { y in [x + 10, y - 2] } }
        let pca = try PrincipalComponents(fitting: Matrix(rows: points), componentCount: 2)
        #expect(scaledError(pca.components.values, [1, 0, 0, 1]) <= 1e-15)
        #expect(scaledError(pca.explainedVariance, [40.0 / 7, 2.0 / 7]) <= 1e-14)
        #expect(scaledError(pca.explainedVarianceRatio, [40.0 / 42, 2.0 / 42]) <= 1e-14)
        #expect(scaledError(pca.mean, [10, -2]) <= 1e-15)
        #expect(scaledError(pca.transform(Matrix(rows: [[13, -1.5]])).values, [3, 0.5]) <= 1e-14)
    }

    @Test func largestLoadingIsPositive() throws {
        // Points on y = -2x: the axis is ±(1, -2)/√5, and scikit-learn makes the -2 positive.
        let points = (0..<5).map { Double($0) }.map { [$0, -2 * $0] }
        let pca = try PrincipalComponents(fitting: Matrix(rows: points), componentCount: 1)
        let root5 = 5.0.squareRoot()
        #expect(scaledError(pca.components.values, [-1 / root5, 2 / root5]) <= 1e-15)
    }

    @Test func fittingIsBitIdentical() async throws {
        let data = Self.pseudoRandomMatrix(rows: 400, columns: 40)
        let reference = try PrincipalComponents(fitting: data, componentCount: 5)
        let fits = try await withThrowingTaskGroup(of: PrincipalComponents.self) { group in
            for _ in 0..<8 {
                group.addTask { try PrincipalComponents(fitting: data, componentCount: 5) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        for fit in fits {
            #expect(Self.bits(fit) == Self.bits(reference))
        }
    }

    @Test(
        "many more features than clips (2,500 of 30): the components come from the 30 x 30 Gram matrix and are the covariance's"
    )
    func wideDataThroughTheGramMatrix() throws {
        var state: UInt64 = 9
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53) - 0.5
        }
        let (n, p) = (30, 2500)
        // Two strong directions plus noise.
        let a = (0..<p).map { _ in next() }
        let b = (0..<p).map { _ in next() }
        let rows = (0..<n).map { _ -> [Double] in
            let (x, y) = (4 * next(), 2 * next())
            return (0..<p).map { x * a[$0] + y * b[$0] + 0.05 * next() }
        }
        let data = Matrix(rows: rows)
        let pca = try PrincipalComponents(fitting: data, componentCount: 3)
        let projected = pca.transform(data)
        for i in 0..<3 {
            let axis = pca.components.row(i)
            #expect(abs(axis.reduce(0) { $0 + $1 * $1 } - 1) < 1e-9, "unit length")
            for j in 0..<i {
                let other = pca.components.row(j)
                #expect(abs(zip(axis, other).reduce(0) { $0 + $1.0 * $1.1 }) < 1e-9, "orthogonal")
            }
            let column = (0..<n).map { projected[$0, i] }
            let variance = column.reduce(0) { $0 + $1 * $1 } / Double(n - 1)
            #expect(abs(variance - pca.explainedVariance[i]) < 1e-9 * max(1, variance), "variance along axis \(i)")
            // svd_flip: the largest loading is positive.
            #expect(axis.max(by: { abs($0) < abs($1) })! > 0)
        }
        #expect(
            pca.explainedVariance[0] > pca.explainedVariance[1] && pca.explainedVariance[1] > pca.explainedVariance[2])
        // The total variance is the covariance's trace: the sum over columns of each column's variance.
        var total = 0.0
        for column in 0..<p {
            var mean = 0.0
            for row in rows { mean += row[column] }
            mean /= Double(n)
            var squares = 0.0
            for row in rows { squares += (row[column] - mean) * (row[column] - mean) }
            total += squares / Double(n - 1)
        }
        #expect(abs(pca.explainedVarianceRatio[0] - pca.explainedVariance[0] / total) < 1e-12)
        #expect(pca.explainedVarianceRatio[0] + pca.explainedVarianceRatio[1] > 0.95)
    }

    @Test func rejectsTooFewRows() {
        let error = #expect(throws: LearnError.self) {
            try PrincipalComponents(fitting: Matrix(rows: [[1, 2, 3]]), componentCount: 1)
        }
        #expect(error?.code == .tooFewRows)
        #expect(error?.description == "PCA needs at least 2 rows, got 1")
    }

    @Test(arguments: [0, 3])
    func rejectsComponentCountOutsideRange(componentCount: Int) {
        let data = Matrix(rows: [[1, 2], [3, 5], [4, 4]])
        let error = #expect(throws: LearnError.self) {
            try PrincipalComponents(fitting: data, componentCount: componentCount)
        }
        #expect(error?.code == .invalidComponentCount)
    }

    @Test(arguments: [Double.nan, .infinity, 1e300])
    func rejectsNonFiniteData(value: Double) {
        let data = Matrix(rows: [[1, 2], [3, value], [4, -value]])
        let error = #expect(throws: LearnError.self) {
            try PrincipalComponents(fitting: data, componentCount: 1)
        }
        #expect(error?.code == .nonFiniteValue)
    }

    /// Deterministic values in [-1, 1) with a little correlation between neighbouring columns.
    static func pseudoRandomMatrix(rows: Int, columns: Int) -> Matrix {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var values: [Double] = []
        for _ in 0..<(rows * columns) {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let uniform = Double(state >> 11) / Double(1 << 53) * 2 - 1
            values.append(uniform + 0.5 * (values.last ?? 0))
        }
        return Matrix(rows: rows, columns: columns, values: values)
    }

    static func bits(_ pca: PrincipalComponents) -> [UInt64] {
        (pca.components.values + pca.explainedVariance + pca.explainedVarianceRatio + pca.mean).map(\.bitPattern)
    }
}
