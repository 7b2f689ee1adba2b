/// A figure: a suptitle over a grid of ``Axes`` panels (small multiples), filled row by row, at a size
/// in points, with an optional legend and colour bar shared by all panels and a caption. A plain
/// value; write it with ``write(to:format:pixelDensity:)``.
///
/// Rows take only the room their own panels need: a row without panel titles or x labels (as below
/// the first row of a grid whose columns are titled once) sits closer to its neighbours.
package struct Figure: Sendable {
    /// Drawn bold and centred across the top; empty for none.
    package var title: String
    /// Panels per row.
    package let columns: Int
    /// The panels in reading order: left to right, then top to bottom. A last row may be partly empty.
    package var panels: [Axes]
    /// Keys shared by every panel, drawn in centred rows under the title; empty for none.
    package var legend: [LegendEntry]
    /// A colour scale shared by every panel (images drawn with the same map and range), drawn once
    /// right of the grid, as tall as the plot areas from the first row to the last; nil for none.
    package var colorBar: ColorBar?
    /// A note in small grey type at the bottom left (a data source, a warning), wrapped at spaces onto
    /// as many lines as it needs (join words with a no-break space to keep them on one line); empty
    /// for none.
    package var caption: String
    /// Width in points (1/72 inch).
    package var width: Double
    /// Height in points.
    package var height: Double

    /// Rows in the grid: as many as the panels need.
    package var rows: Int { Self.rows(panels: panels.count, columns: columns) }

    /// A figure with `panels` laid out `columns` to a row. Without an explicit size each panel gets
    /// about 300 × 210 points (plus room for a legend or colour bar beside it, and for a shared colour
    /// bar beside the grid) and the caption one line.
    package init(
        title: String = "", columns: Int = 1, panels: [Axes], legend: [LegendEntry] = [], colorBar: ColorBar? = nil,
        caption: String = "", width: Double? = nil, height: Double? = nil
    ) {
        precondition(columns > 0, "a figure needs at least one column, got \(columns)")
        self.title = title
        self.columns = columns
        self.panels = panels
        self.legend = legend
        self.colorBar = colorBar
        self.caption = caption
        let rows = Self.rows(panels: panels.count, columns: columns)
        let sideKey = panels.contains { !$0.legend.isEmpty || $0.colorBar != nil } ? Theme.sideKeyAllowance : 0
        var bands = title.isEmpty ? 0 : Theme.suptitle.size + Theme.suptitleGap
        if !legend.isEmpty { bands += Theme.legendRowHeight + Theme.suptitleGap }
        if !caption.isEmpty { bands += Theme.caption.size + Theme.captionGap }
        let sharedKey = colorBar == nil ? 0 : Theme.sideKeyAllowance
        self.width = width ?? (Theme.panelWidth + sideKey) * Double(columns) + sharedKey + 2 * Theme.outerMargin
        self.height =
            height ?? (Theme.panelHeight + Theme.rowGap) * Double(rows) - Theme.rowGap + 2 * Theme.outerMargin + bands
        precondition(
            self.width > 0 && self.height > 0 && self.width.isFinite && self.height.isFinite,
            "figure size must be positive and finite, got \(self.width) × \(self.height)"
        )
    }

    private static func rows(panels: Int, columns: Int) -> Int { max(1, (panels + columns - 1) / columns) }
}
