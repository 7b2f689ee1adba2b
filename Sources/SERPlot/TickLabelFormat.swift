#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How the tick values of one axis are written: the same number of decimals on every label (as many as
/// the step needs, no more), a true minus sign, and thousands or millions as `k`/`M` once values reach
/// five digits, so labels stay short: `0.0 0.5 1.0`, `−20 0 20`, `0 5k 10k 15k`.
struct TickLabelFormat: Equatable {
    /// What every value is divided by before writing it: 1, 1000 or 1 000 000.
    let divisor: Double
    /// Written after the number: "", "k" or "M".
    let suffix: String
    /// Digits after the decimal point.
    let decimals: Int

    init(ticks: NiceTicks) {
        let largest = ticks.values.map(abs).max() ?? 0
        if largest >= 1e7, ticks.step >= 1e5 {
            (divisor, suffix) = (1e6, "M")
        } else if largest >= 1e4, ticks.step >= 100 {
            (divisor, suffix) = (1e3, "k")
        } else {
            (divisor, suffix) = (1, "")
        }
        decimals = Self.decimals(for: ticks.step / divisor)
    }

    /// The label for one tick value.
    func label(_ value: Double) -> String {
        let scaled = value / divisor
        let units = (scaled * NiceTicks.powerOfTen(decimals)).rounded()
        guard scaled.isFinite, abs(units) < 1e15 else { return "\(scaled)\(suffix)" }
        // Zero needs no unit: "0", not "0k".
        if units == 0 && !suffix.isEmpty { return "0" }
        let digits = String(Int64(abs(units)))
        let padded = String(repeating: "0", count: max(0, decimals + 1 - digits.count)) + digits
        let sign = units < 0 ? "\u{2212}" : ""
        guard decimals > 0 else { return "\(sign)\(padded)\(suffix)" }
        let split = padded.index(padded.endIndex, offsetBy: -decimals)
        return "\(sign)\(padded[..<split]).\(padded[split...])\(suffix)"
    }

    /// The labels for every tick.
    func labels(_ ticks: NiceTicks) -> [String] { ticks.values.map(label) }

    /// The fewest decimals that write every multiple of `step` exactly.
    private static func decimals(for step: Double) -> Int {
        var decimals = 0
        while decimals < 12 {
            let units = step * NiceTicks.powerOfTen(decimals)
            if abs(units - units.rounded()) < 1e-6 * max(1, units) { break }
            decimals += 1
        }
        return decimals
    }
}

extension TickLabelFormat {
    /// The label of 10^exponent on a log axis: `0.01`, `0.1`, `1`, `10`, `100`, `1k`, `10k`, `1M`, and
    /// `1e−7` / `1e9` beyond that.
    /// A 1, 2 or 5 times a power of ten, written as briefly as ``powerOfTen(_:)`` writes powers: `0.2`,
    /// `5`, `20`, `2k`.
    static func compact(_ value: Double) -> String {
        let exponent = Int(log10(value).rounded(.down))
        let mantissa = Int((value / NiceTicks.powerOfTen(exponent)).rounded())
        let power = powerOfTen(exponent)
        guard mantissa != 1 else { return power }
        if let dot = power.firstIndex(of: "."), power.hasSuffix("1") {
            return String(power[..<dot]) + "." + String(power[power.index(after: dot)...].dropLast()) + "\(mantissa)"
        }
        return "\(mantissa)" + power.dropFirst()
    }

    static func powerOfTen(_ exponent: Int) -> String {
        switch exponent {
        case 0...2: "1" + String(repeating: "0", count: exponent)
        case 3...5: "1" + String(repeating: "0", count: exponent - 3) + "k"
        case 6...8: "1" + String(repeating: "0", count: exponent - 6) + "M"
        case -6...(-1): "0." + String(repeating: "0", count: -exponent - 1) + "1"
        default: exponent < 0 ? "1e\u{2212}\(-exponent)" : "1e\(exponent)"
        }
    }
}
