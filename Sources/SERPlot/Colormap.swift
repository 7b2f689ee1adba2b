/// A continuous colour scale from a 256-colour table, lowest value first: matplotlib's perceptually
/// uniform sequential maps, which read correctly in grey and with colour-vision deficiencies, and a
/// diverging map for signed values.
package struct Colormap: Sendable, Equatable {
    /// The table, as 0xRRGGBB.
    let table: [UInt32]
    /// The map's name, as matplotlib calls it.
    package let name: String

    /// matplotlib's default map: dark blue → green → yellow. For heatmaps and confusion matrices.
    package static let viridis = Colormap(table: ColormapTables.viridis, name: "viridis")
    /// Black → purple → orange → pale yellow: for spectrograms, as `librosa.display.specshow` draws them.
    package static let magma = Colormap(table: ColormapTables.magma, name: "magma")
    /// Dark blue → white → dark red (matplotlib's `RdBu_r`, from ColorBrewer): for signed values such
    /// as z-scores, with a range symmetric about 0 so that 0 is white.
    package static let redBlue = Colormap(table: ColormapTables.redBlue, name: "RdBu_r")

    /// The table entry for `fraction` of the way along the map (clamped to 0...1; NaN gives the lowest).
    package func rgb(at fraction: Double) -> UInt32 {
        let clamped = fraction.isNaN ? 0 : min(max(fraction, 0), 1)
        return table[min(table.count - 1, Int(clamped * Double(table.count)))]
    }

    /// The colour for `fraction` of the way along the map.
    package func color(at fraction: Double) -> Color { Color(hex: rgb(at: fraction)) }

    /// The colour for `value` when `range` spans the whole map.
    package func color(for value: Double, in range: ClosedRange<Double>) -> Color {
        color(at: Self.fraction(of: value, in: range))
    }

    /// Where `value` lies in `range`, 0 at the lower end and 1 at the upper (0 for an empty range).
    static func fraction(of value: Double, in range: ClosedRange<Double>) -> Double {
        let span = range.upperBound - range.lowerBound
        return span > 0 ? (value - range.lowerBound) / span : 0
    }
}
