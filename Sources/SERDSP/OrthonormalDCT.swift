import Glibc

/// The first `outputCount` coefficients of the orthonormal DCT-II of `inputCount` values,
/// `scipy.fft.dct(x, type=2, norm="ortho")[:outputCount]`:
/// `c_q = s_q Σ_m x_m cos(π q (2m + 1) / (2N))`, `s_0 = sqrt(1/N)`, `s_q = sqrt(2/N)`.
///
/// A precomputed float64 cosine table, float64 accumulation, one rounding to float32. That is the
/// exact DCT of the float32 input to float32 rounding, which is as close as any implementation can
/// be to scipy's (pocketfft's float32 transform carries its own rounding of a few ulp; an FFTW
/// REDFT10 in float32 would add different rounding of the same size, and in float64 would need the
/// same final rounding as this table). For 20 × 128 the table is also cheaper than a transform.
struct OrthonormalDCT: Sendable, Hashable {
    let inputCount: Int
    let outputCount: Int
    /// `inputCount × outputCount` scaled cosines, input-major: entry `m * outputCount + q` weighs
    /// input `m` in coefficient `q`.
    private let table: [Double]

    init(inputCount: Int, outputCount: Int) {
        precondition(inputCount > 0 && (0...inputCount).contains(outputCount), "invalid DCT size")
        self.inputCount = inputCount
        self.outputCount = outputCount
        let n = inputCount
        var table = [Double](repeating: 0, count: outputCount * n)
        for q in 0..<outputCount {
            let scale = q == 0 ? (1.0 / Double(n)).squareRoot() : (2.0 / Double(n)).squareRoot()
            for m in 0..<n {
                // cos(π j / 2N) has period 4N in j: reduce the integer first to keep the angle exact.
                let j = (q * (2 * m + 1)) % (4 * n)
                table[m * outputCount + q] = scale * cos(Double.pi * Double(j) / Double(2 * n))
            }
        }
        self.table = table
    }

    /// Transforms `inputCount` values at `input`, writing coefficient `q`, rounded to float32 and
    /// widened back, to `output[q * outputStride]`.
    ///
    /// Each coefficient is summed over the inputs in order; the coefficients are accumulated side
    /// by side (input-major table), so the sums are independent and vectorise instead of waiting on
    /// one another.
    func apply(_ input: UnsafePointer<Float>, into output: UnsafeMutablePointer<Double>, outputStride: Int) {
        table.withUnsafeBufferPointer { table in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: outputCount) { sums in
                sums.initialize(repeating: 0)
                let sums = sums.baseAddress!
                for m in 0..<inputCount {
                    let x = Double(input[m])
                    let weights = table.baseAddress! + m * outputCount
                    for q in 0..<outputCount { sums[q] += weights[q] * x }
                }
                for q in 0..<outputCount { output[q * outputStride] = Double(Float(sums[q])) }
            }
        }
    }
}
