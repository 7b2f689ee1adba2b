import SERLearn
import Testing

@Suite struct MatrixTests {
    @Test func rowsAreStoredRowMajor() {
        var matrix = Matrix(rows: [[1, 2, 3], [4, 5, 6]])
        #expect(matrix.rows == 2 && matrix.columns == 3)
        #expect(matrix.values == [1, 2, 3, 4, 5, 6])
        #expect(matrix[1, 0] == 4)
        #expect(Array(matrix.row(1)) == [4, 5, 6])
        matrix[0, 2] = 9
        #expect(matrix == Matrix(rows: 2, columns: 3, values: [1, 2, 9, 4, 5, 6]))
    }

    @Test func emptyRowsMakeAnEmptyMatrix() {
        let matrix = Matrix(rows: [])
        #expect(matrix.rows == 0 && matrix.columns == 0 && matrix.values.isEmpty)
    }
}
