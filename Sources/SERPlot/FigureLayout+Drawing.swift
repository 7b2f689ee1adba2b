extension FigureLayout {
    /// Draws the whole figure on a white background.
    func draw(_ figure: Figure, on canvas: CairoCanvas) {
        canvas.fill(Rect(x: 0, y: 0, width: figure.width, height: figure.height), color: Theme.background)
        if let suptitleOrigin {
            canvas.draw(
                canvas.fitted(figure.title, width: figure.width - 2 * Theme.outerMargin, style: Theme.suptitle),
                at: suptitleOrigin, style: Theme.suptitle, anchor: .middle
            )
        }
        for (entry, origin) in legend { drawLegendEntry(entry, at: origin, on: canvas) }
        for line in caption { canvas.draw(line.text, at: line.origin, style: Theme.caption, anchor: .start) }
        for panel in panels { panel.draw(on: canvas) }
        if let bar = figure.colorBar, let colorBar {
            drawColorBar(bar, ticks: colorBar.ticks, strip: colorBar.strip, on: canvas)
        }
    }
}
