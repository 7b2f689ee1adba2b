import COpenBLAS

/// The complex roots of a real polynomial as the eigenvalues of its companion matrix, through LAPACK
/// (OpenBLAS): the matrix balanced (`dgebal`, scaling only) and reduced by the double-shift Hessenberg QR
/// (`dlahqr`, what `dhseqr` runs for small matrices). That is numpy's `np.roots` (balanced `dgeev`), and what
/// openSMILE's `cFormantLpc` does with its own solver (adapted from GSL's `gsl_poly_complex_solve`, which
/// balances the companion matrix and runs the same QR). The only place SERDSP calls OpenBLAS.
///
/// The companion matrix of `x^p + c_1 x^(p-1) + … + c_p` is already upper Hessenberg (`-c` in its first
/// row, ones below the diagonal) and scaling keeps it so. Not Sendable: holds its buffers; one per task.
final class PolynomialRoots {
    let degree: Int
    private var matrix: [Double]
    private var scale: [Double]
    /// The real and imaginary parts of the roots of the last ``solve(_:)``, `degree` each.
    private(set) var real: [Double]
    private(set) var imaginary: [Double]

    init(degree: Int) {
        precondition(degree >= 1, "a polynomial needs degree 1 or more")
        self.degree = degree
        self.matrix = [Double](repeating: 0, count: degree * degree)
        self.scale = [Double](repeating: 0, count: degree)
        self.real = [Double](repeating: 0, count: degree)
        self.imaginary = [Double](repeating: 0, count: degree)
    }

    /// Finds the roots of `x^p + c[0] x^(p-1) + … + c[p-1]` (`c` has ``degree`` values); false when LAPACK
    /// does not converge (the roots are then not to be used).
    func solve(_ c: UnsafePointer<Double>) -> Bool {
        let p = degree
        for i in 0..<(p * p) { matrix[i] = 0 }
        // Column-major: element (row, column) at column * p + row.
        for column in 0..<p { matrix[column * p] = -c[column] }
        for row in 1..<max(p, 1) { matrix[(row - 1) * p + row] = 1 }
        var n = Int32(p)
        var low: Int32 = 1
        var high = Int32(p)
        var info: Int32 = 0
        var no: Int32 = 0
        var unused = 0.0
        var one: Int32 = 1
        matrix.withUnsafeMutableBufferPointer { h in
            scale.withUnsafeMutableBufferPointer { scale in
                copenblas_dgebal("S", &n, h.baseAddress, &n, &low, &high, scale.baseAddress, &info)
            }
            guard info == 0 else { return }
            real.withUnsafeMutableBufferPointer { wr in
                imaginary.withUnsafeMutableBufferPointer { wi in
                    copenblas_dlahqr(
                        &no, &no, &n, &low, &high, h.baseAddress, &n, wr.baseAddress, wi.baseAddress, &one, &one,
                        &unused, &one, &info)
                }
            }
        }
        return info == 0
    }
}

@available(*, unavailable, message: "holds its buffers; make one per task")
extension PolynomialRoots: Sendable {}
