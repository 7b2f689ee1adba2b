/// A vertical colour scale beside a panel: which colour stands for which value, for a heatmap or an
/// image drawn with the same ``Colormap`` and range.
package struct ColorBar: Sendable, Equatable {
    package var colormap: Colormap
    /// The values of the colour map's two ends.
    package var range: ClosedRange<Double>
    /// Drawn, rotated, beside the bar's tick labels; empty for none.
    package var label: String

    package init(colormap: Colormap, range: ClosedRange<Double>, label: String = "") {
        self.colormap = colormap
        self.range = range
        self.label = label
    }
}
