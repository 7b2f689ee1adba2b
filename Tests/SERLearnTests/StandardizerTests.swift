import SERLearn
import Testing

@Suite struct StandardizerTests {
    @Test func matchesScikitLearnStandardScaler() throws {
        let fixture = try PCAFixture.load()
        let scaler = Standardizer(fitting: Matrix(rows: fixture.input))
        #expect(scaledError(scaler.mean, fixture.scalerMean) <= goldenTolerance)
        #expect(scaledError(scaler.scale, fixture.scalerScale) <= goldenTolerance)
        let standardized = scaler.transform(Matrix(rows: fixture.input))
        #expect(scaledError(standardized, fixture.standardized) <= goldenTolerance)
    }

    @Test func constantColumnIsOnlyCentred() {
        // The mean of three 0.1s rounds away from 0.1, so the variance is ~1e-34, not 0: the
        // rounding bound still marks the column constant instead of dividing by ~1e-17.
        let data = Matrix(rows: [[0.1, 2], [0.1, 4], [0.1, 6]])
        let scaler = Standardizer(fitting: data)
        #expect(scaler.scale[0] == 1)
        #expect(abs(scaler.transform(data)[2, 0]) < 1e-16)
        #expect(abs(scaler.scale[1] - (8.0 / 3).squareRoot()) < 1e-15)
    }

    @Test func overflowingVarianceGetsScaleOne() {
        let scaler = Standardizer(fitting: Matrix(rows: [[1e300], [-1e300]]))
        #expect(scaler.scale == [1])
    }
}
