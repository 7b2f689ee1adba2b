/// Tick positions for one axis at a "nice" step: 1, 2 or 5 times a power of ten, like matplotlib's
/// `MaxNLocator(steps=[1, 2, 5, 10])`.
struct NiceTicks: Equatable {
    /// The distance between neighbouring ticks.
    let step: Double
    /// Every multiple of `step` inside the range, lowest first.
    let values: [Double]

    /// The ticks for `range` with at most `maxIntervals` steps across the whole range.
    init(range: ClosedRange<Double>, maxIntervals: Int) {
        let span = range.upperBound - range.lowerBound
        guard span > 0, span.isFinite else {
            step = 1
            values = range.lowerBound.isFinite ? [range.lowerBound] : []
            return
        }
        let step = Self.niceStep(atLeast: span / Double(max(maxIntervals, 1)))
        // Ticks are integer multiples of the step, so they never drift by accumulated rounding,
        // and a little tolerance keeps an end point that lands exactly on a multiple.
        let tolerance = step * 1e-9
        let first = (range.lowerBound / step - 1e-9).rounded(.up)
        let last = (range.upperBound / step + 1e-9).rounded(.down)
        var values: [Double] = []
        var multiple = first
        while multiple <= last {
            let value = multiple * step
            values.append(abs(value) < tolerance ? 0 : value)
            multiple += 1
        }
        self.step = step
        self.values = values
    }

    /// The smallest number of the form {1, 2, 5} × 10^k that is at least `raw` (which must be positive).
    static func niceStep(atLeast raw: Double) -> Double {
        var exponent = 0
        while powerOfTen(exponent) > raw { exponent -= 1 }
        while powerOfTen(exponent + 1) <= raw { exponent += 1 }
        let magnitude = powerOfTen(exponent)
        for factor in [1.0, 2.0, 5.0] where factor * magnitude >= raw * (1 - 1e-12) {
            return factor * magnitude
        }
        return powerOfTen(exponent + 1)
    }

    /// 10^exponent, correctly rounded (so `powerOfTen(-3) == 0.001`).
    static func powerOfTen(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(exponent) { result *= 10 }
        return exponent < 0 ? 1 / result : result
    }
}
