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
        if let captionOrigin {
            canvas.draw(
                canvas.fitted(figure.caption, width: figure.width - 2 * Theme.outerMargin, style: Theme.caption),
                at: captionOrigin, style: Theme.caption, anchor: .start
            )
        }
        for panel in panels { panel.draw(on: canvas) }
    }
}
