import Glibc

/// `librosa.power_to_db(S)` with its defaults (`ref=1.0`, `amin=1e-10`, `top_db=80.0`):
/// `D = 10 * log10(max(amin, S))`, then `D = max(D, max(D) - top_db)` with the maximum taken over
/// the **whole** matrix, not per frame. A NaN anywhere makes the maximum NaN and so every output
/// NaN, as in numpy.
enum DecibelScale {
    /// On a float32 matrix (the mel spectrogram) in float32 arithmetic, or on a float64 one
    /// (spectral contrast's peaks or valleys) in float64.
    ///
    /// `log10` is rounded correctly (computed in float64, rounded once to `Value`); numpy's float32
    /// `log10` (SVML on AVX-512) differs from that by one ulp in about half the values.
    static func powerToDB<Value: BinaryFloatingPoint>(
        _ values: UnsafeMutableBufferPointer<Value>, amin: Value = 1e-10, topDB: Value? = 80
    ) {
        var peak = -Value.infinity
        var sawNaN = false
        for i in values.indices {
            let v = values[i]
            if v.isNaN {
                sawNaN = true
                continue
            }
            let db = 10 * Value(log10(Double(max(amin, v))))
            values[i] = db
            peak = max(peak, db)
        }
        clip(values, peak: peak, sawNaN: sawNaN, topDB: topDB)
    }

    /// `max(D, peak - top_db)` everywhere, or NaN everywhere if a value was NaN.
    private static func clip<Value: BinaryFloatingPoint>(
        _ values: UnsafeMutableBufferPointer<Value>, peak: Value, sawNaN: Bool, topDB: Value?
    ) {
        guard let topDB, !values.isEmpty else { return }
        if sawNaN {
            values.update(repeating: .nan)
            return
        }
        let floor = peak - topDB
        for i in values.indices where values[i] < floor { values[i] = floor }
    }
}
