/// `librosa.feature.delta(data, width=9, order=1, mode="interp")`: each frame's local slope, the
/// least-squares slope over the 9 frames centred on it (`scipy.signal.savgol_filter` with `polyorder=1`,
/// `deriv=1`, coefficients `k / 60`); the first and last 4 frames take the slope fitted to the first or
/// last 9 frames, as `mode="interp"` does. librosa refuses rows shorter than 9 frames; here such a row
/// takes the slope fitted to all its frames (0 for one frame), so short clips still get a value.
package enum DeltaFeatures {
    /// The window of librosa's default `width`.
    package static let width = 9

    /// The delta of every row of `matrix`.
    package static func delta(_ matrix: FeatureMatrix) -> FeatureMatrix {
        let frames = matrix.frameCount
        var values = [Double](repeating: 0, count: matrix.rowCount * frames)
        let half = width / 2
        for row in 0..<matrix.rowCount {
            let x = matrix.row(row)
            let base = x.startIndex
            for t in 0..<frames {
                let start: Int
                let count: Int
                if frames < width {
                    (start, count) = (0, frames)
                } else {
                    (start, count) = (min(max(t - half, 0), frames - width), width)
                }
                values[row * frames + t] = slope(x[(base + start)..<(base + start + count)])
            }
        }
        return FeatureMatrix(rowCount: matrix.rowCount, frameCount: frames, values: values)
    }

    /// Least-squares slope of `window` against its index, 0 for fewer than two values.
    private static func slope(_ window: ArraySlice<Double>) -> Double {
        guard window.count > 1 else { return 0 }
        let n = Double(window.count)
        let centre = (n - 1) / 2
        var numerator = 0.0
        var denominator = 0.0
        for (offset, value) in window.enumerated() {
            let x = Double(offset) - centre
            numerator += x * value
            denominator += x * x
        }
        return numerator / denominator
    }
}
