import Glibc

/// The periodic Hann window `scipy.signal.get_window("hann", n, fftbins=True)`, in float64, as
/// `librosa.stft(window="hann")` uses it.
///
/// Computed the way scipy computes it (`0.5 + 0.5 * cos(linspace(-π, π, n + 1))`, last point
/// dropped) rather than as `0.5 - 0.5 cos(2πk/n)`, which differs in the last bit for about half
/// the points.
package enum HannWindow {
    package static func periodic(count n: Int) -> [Double] {
        guard n > 1 else { return [Double](repeating: 1, count: max(n, 0)) }
        let step = (Double.pi - -Double.pi) / Double(n)
        return (0..<n).map { k in 0.5 + 0.5 * cos(Double(k) * step + -Double.pi) }
    }
}
