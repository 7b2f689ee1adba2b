/// One per-frame feature of one clip: `rowCount` coefficients × `frameCount` frames, row-major,
/// like librosa's `(n, T)` feature arrays.
///
/// Values are float64. Features librosa returns as float32 (rms, mfcc, chroma) hold exactly those
/// float32 values widened, as the reference JSON does (`astype(np.float64)`); zcr and contrast are
/// float64 in librosa too. Encodes as a JSON list of rows, `[[c0 over frames], [c1 ...], ...]`,
/// the shape of the reference's `frames` entries.
package struct FeatureMatrix: Sendable, Hashable {
    /// Coefficients (rows).
    package let rowCount: Int
    /// Frames (columns).
    package let frameCount: Int
    /// `rowCount * frameCount` values; row `r` is `values[r * frameCount ..< (r + 1) * frameCount]`.
    package let values: [Double]

    package init(rowCount: Int, frameCount: Int, values: [Double]) {
        precondition(rowCount >= 0 && frameCount >= 0, "matrix dimensions must not be negative")
        precondition(values.count == rowCount * frameCount, "matrix needs rowCount * frameCount values")
        self.rowCount = rowCount
        self.frameCount = frameCount
        self.values = values
    }

    /// A one-row matrix (rms, zcr).
    package init(row: [Double]) {
        self.init(rowCount: 1, frameCount: row.count, values: row)
    }

    /// The value of coefficient `row` in frame `frame`.
    package subscript(row: Int, frame: Int) -> Double {
        values[row * frameCount + frame]
    }

    /// Coefficient `index` over all frames.
    package func row(_ index: Int) -> ArraySlice<Double> {
        values[(index * frameCount)..<((index + 1) * frameCount)]
    }

    /// All rows, as the reference JSON lists them.
    package var rows: [[Double]] {
        (0..<rowCount).map { Array(row($0)) }
    }
}

extension FeatureMatrix: Codable {
    package init(from decoder: any Decoder) throws {
        let rows = try [[Double]](from: decoder)
        let frames = rows.first?.count ?? 0
        guard rows.allSatisfy({ $0.count == frames }) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "feature rows differ in length"))
        }
        self.init(rowCount: rows.count, frameCount: frames, values: rows.flatMap { $0 })
    }

    package func encode(to encoder: any Encoder) throws {
        try rows.encode(to: encoder)
    }
}
