/// Tick positions for one axis at a "nice" step: 1, 2 or 5 times a power of ten, like matplotlib's
/// `MaxNLocator(steps=[1, 2, 5, 10])`.
struct NiceTicks: Equatable {
    /// The distance between neighbouring ticks.
    let step: Double
    /// Every multiple of `step` inside the range, lowest first.
    let values: [Double]

    /// The ticks for `range` at the coarsest nice step that still gives at most `maxIntervals` steps
    /// across the whole range.
    init(range: ClosedRange<Double>, maxIntervals: Int) {
        let span = range.upperBound - range.lowerBound
        let step = span > 0 && span.isFinite ? Self.niceStep(atLeast: span / Double(max(maxIntervals, 1))) : 1
        self.init(range: range, step: step)
    }

    /// The multiples of `step` inside `range`.
    init(range: ClosedRange<Double>, step: Double) {
        self.step = step
        // Ticks are integer multiples of the step, so they never drift by accumulated rounding,
        // and a little tolerance keeps an end point that lands exactly on a multiple.
        let first = (range.lowerBound / step - 1e-9).rounded(.up)
        let last = (range.upperBound / step + 1e-9).rounded(.down)
        guard first.isFinite, last.isFinite, step > 0, last - first < Self.maxCount else {
            values = []
            return
        }
        // `+ 0` turns the -0 of a first multiple just below zero into 0.
        values = (0..<max(0, Int(last - first) + 1)).map { (first + Double($0)) * step + 0 }
    }

    /// More ticks than any axis can show; a step that would give more (a range of 1e300 at step 1) gives none.
    static let maxCount = 10_000.0

    /// The next nice step up: 1 → 2 → 5 → 10.
    static func coarserStep(than step: Double) -> Double { niceStep(atLeast: step * 1.01) }

    /// The next nice step down: 10 → 5 → 2 → 1.
    static func finerStep(than step: Double) -> Double { niceStep(atLeast: step * 0.4) }

    /// The smallest number of the form {1, 2, 5} × 10^k that is at least `raw` (1 for zero or less).
    static func niceStep(atLeast raw: Double) -> Double {
        guard raw.isFinite, raw > 0 else { return raw > 0 ? raw : 1 }
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
