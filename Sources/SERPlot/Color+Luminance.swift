#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Color {
    /// The relative luminance of the colour (WCAG 2), 0 for black and 1 for white.
    package var luminance: Double {
        func linear(_ component: Double) -> Double {
            component <= 0.040_45 ? component / 12.92 : pow((component + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    /// Black or white, whichever reads better on this colour: for numbers written in heatmap cells.
    package var contrastingInk: Color {
        // The luminance where black and white text have the same WCAG contrast ratio.
        luminance > 0.179 ? Color(hex: 0x1A1A1A) : Color(hex: 0xFFFFFF)
    }

    /// The same colour at `alpha` opacity.
    package func withAlpha(_ alpha: Double) -> Color {
        Color(red: red, green: green, blue: blue, alpha: alpha)
    }
}
