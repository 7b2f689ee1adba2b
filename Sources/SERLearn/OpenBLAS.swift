import COpenBLAS

/// The module's only calls into OpenBLAS: LAPACK (the reference LAPACK bundled in OpenBLAS) and BLAS. Every
/// `info != 0` becomes a ``LearnError`` here, in ``check(_:_:)``.
///
/// Thread safety: `dsyevr_` keeps no global state and Debian's OpenBLAS (pthread build, 0.3.21) is
/// reentrant, so these functions may run on several threads at once. Output is bit-identical for
/// identical input on the same machine and OpenBLAS build and thread setting.
enum LAPACK {
    /// The `count` largest eigenvalues of a symmetric `order` x `order` matrix, in descending
    /// order, with unit eigenvectors as the rows of a `count` x `order` ``Matrix`` (signs as LAPACK
    /// returns them).
    ///
    /// Calls `dsyevr_` (JOBZ "V", RANGE "I", UPLO "L") twice: a workspace query (LWORK = LIWORK =
    /// -1), then the solve. `symmetric` holds the matrix column-major, only its lower triangle is
    /// read, and it must be finite.
    static func largestEigenpairs(
        ofSymmetric symmetric: [Double], order: Int, count: Int
    ) throws -> (values: [Double], vectors: Matrix) {
        precondition(symmetric.count == order * order && count >= 1 && count <= order, "Bad eigenproblem shape")
        _ = BLAS.singleThreaded
        guard Int32(exactly: max(order * order, 26 * order)) != nil else {
            throw LearnError(.lapackFailure, "An eigenproblem of order \(order) exceeds LAPACK's 32-bit sizes")
        }
        var n = Int32(order)
        var a = symmetric
        var lda = n
        var unusedLower = 0.0
        var unusedUpper = 0.0
        var lowestIndex = Int32(order - count + 1)
        var highestIndex = n
        // The safe minimum asks dsyevr for eigenvalues to high relative accuracy.
        var tolerance = Double.leastNormalMagnitude
        var found: Int32 = 0
        var eigenvalues = [Double](repeating: 0, count: order)
        var eigenvectors = [Double](repeating: 0, count: order * count)
        var ldz = n
        var support = [Int32](repeating: 0, count: 2 * count)
        var work = [0.0]
        var workCount: Int32 = -1
        var integerWork: [Int32] = [0]
        var integerWorkCount: Int32 = -1
        var info: Int32 = 0

        func callLAPACK() {
            copenblas_dsyevr(
                "V", "I", "L", &n, &a, &lda, &unusedLower, &unusedUpper, &lowestIndex, &highestIndex,
                &tolerance, &found, &eigenvalues, &eigenvectors, &ldz, &support,
                &work, &workCount, &integerWork, &integerWorkCount, &info)
        }

        callLAPACK()
        try check(info, "workspace query")
        workCount = max(Int32(exactly: work[0]) ?? 0, 26 * n, 1)
        integerWorkCount = max(integerWork[0], 10 * n, 1)
        work = [Double](repeating: 0, count: Int(workCount))
        integerWork = [Int32](repeating: 0, count: Int(integerWorkCount))
        callLAPACK()
        try check(info, "eigendecomposition")
        guard Int(found) == count else {
            throw LearnError(.lapackFailure, "LAPACK dsyevr found \(found) of \(count) requested eigenvalues")
        }

        // dsyevr returns ascending order; the largest come first here.
        let values = (0..<count).reversed().map { eigenvalues[$0] }
        let rows = (0..<count).reversed().flatMap { eigenvectors[($0 * order)..<(($0 + 1) * order)] }
        return (values, Matrix(rows: count, columns: order, values: rows))
    }

    /// Turns LAPACK's `info` into a ``LearnError``.
    private static func check(_ info: Int32, _ step: String) throws {
        guard info != 0 else { return }
        let reason = info < 0 ? "argument \(-info) is invalid" : "internal error \(info)"
        throw LearnError(.lapackFailure, "LAPACK dsyevr \(step) failed: \(reason)")
    }
}

/// BLAS through OpenBLAS, single-threaded (set once per process) so that sums are taken in the same
/// order on every machine: results are bit-identical whatever the core count, and models run in
/// parallel one per thread instead.
enum BLAS {
    static let singleThreaded: Void = { copenblas_set_num_threads(1) }()

    /// `c = alpha · op(a) · op(b) + beta · c` on row-major matrices: `op(a)` is `m × k`, `op(b)` is
    /// `k × n`, `c` is `m × n`; `transposeA`/`transposeB` say whether `a`/`b` are stored transposed.
    static func gemm(
        _ a: UnsafePointer<Double>, transposeA: Bool, _ b: UnsafePointer<Double>, transposeB: Bool,
        _ c: UnsafeMutablePointer<Double>, m: Int, n: Int, k: Int, alpha: Double = 1, beta: Double = 0
    ) {
        _ = singleThreaded
        copenblas_dgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(transposeA ? m : k), b, Int32(transposeB ? k : n), beta, c,
            Int32(n))
    }

    /// ``gemm(_:transposeA:_:transposeB:_:m:n:k:alpha:beta:)`` in single precision (`sgemm`), for the
    /// neural networks' layers.
    static func gemm(
        _ a: UnsafePointer<Float>, transposeA: Bool, _ b: UnsafePointer<Float>, transposeB: Bool,
        _ c: UnsafeMutablePointer<Float>, m: Int, n: Int, k: Int, alpha: Float = 1, beta: Float = 0
    ) {
        _ = singleThreaded
        copenblas_sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(transposeA ? m : k), b, Int32(transposeB ? k : n), beta, c,
            Int32(n))
    }
}
