import Foundation

/// Sizes as messages show them: `312 bytes`, `64 MiB`, `64.1 MiB`, `4 GiB`, `2.3 GiB`.
package enum ByteCount {
    package static func text(_ count: Int64) -> String {
        if count >= 1 << 30 { return scaled(count, 1 << 30, "GiB") }
        if count >= 1 << 20 { return scaled(count, 1 << 20, "MiB") }
        return count == 1 ? "1 byte" : "\(count) bytes"
    }

    /// Whole units without a decimal; others with one, rounded up, so that a size just over a limit
    /// never reads as the limit itself.
    private static func scaled(_ count: Int64, _ unit: Int64, _ name: String) -> String {
        if count % unit == 0 { return "\(count / unit) \(name)" }
        let tenths = (Double(count) * 10 / Double(unit)).rounded(.up)
        return String(format: "%.1f %@", tenths / 10, name)
    }
}
