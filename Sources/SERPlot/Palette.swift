/// An ordered list of categorical colours; index `i` always gives the same colour, so a class
/// (an emotion, a model) keeps its colour in every figure of a report.
package struct Palette: Sendable {
    /// The colours in order.
    package let colors: [Color]

    init(_ colors: [Color]) {
        precondition(!colors.isEmpty, "a palette needs at least one colour")
        self.colors = colors
    }

    /// The colour for category `index`; indices past the end wrap around.
    package subscript(index: Int) -> Color {
        let count = colors.count
        return colors[((index % count) + count) % count]
    }

    /// Okabe & Ito's eight colours, distinguishable with the common colour-vision deficiencies
    /// (Okabe & Ito, "Color Universal Design", 2008), ordered so the first ones read best on white:
    /// blue, orange, bluish green, vermillion, reddish purple, sky blue, yellow, black.
    package static let okabeIto = Palette([
        Color(hex: 0x0072B2),
        Color(hex: 0xE69F00),
        Color(hex: 0x009E73),
        Color(hex: 0xD55E00),
        Color(hex: 0xCC79A7),
        Color(hex: 0x56B4E9),
        Color(hex: 0xF0E442),
        Color(hex: 0x000000),
    ])
}
