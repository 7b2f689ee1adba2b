package import SERPlot

/// Colours and sizes the notebook's figures share beyond the emotion palette.
package enum FigureStyle {
    /// For quantities that belong to no emotion (durations, totals): a dark slate, unlike any emotion.
    package static let neutralInk = Color(hex: 0x4C566A)
    /// Fills behind a line in ``neutralInk`` (histogram bins).
    package static let lightInk = Color(hex: 0xA9B4C2)
    /// Reference lines (chance level, medians).
    package static let referenceLine = Color(hex: 0x7A7A7A)
    /// The outline of a marker that stands for many others (a class centroid among its clips).
    package static let markerEdge = Color(hex: 0x1A1A1A)
    /// Colours for models, in the order they are listed; distinct from one another, not tied to emotions.
    package static let modelColors: [Color] = [
        Color(hex: 0x3B5B92), Color(hex: 0xC1803B), Color(hex: 0x5E9E6E), Color(hex: 0x9C5B9E), Color(hex: 0x7F7F7F),
    ]

    /// The colour for the `index`-th model.
    package static func modelColor(_ index: Int) -> Color { modelColors[index % modelColors.count] }
}
