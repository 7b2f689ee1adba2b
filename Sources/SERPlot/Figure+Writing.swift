extension Figure {
    /// Draws the figure and writes it to `path` as `format`, replacing any file there. PNG images have
    /// `pixelDensity` pixels per point (2 gives crisp images on high-density screens and in print).
    ///
    /// The same figure always gives byte-identical files: nothing in them depends on the time, the
    /// process or the output path.
    package func write(to path: String, format: FigureFormat, pixelDensity: Double = 2) throws(PlotError) {
        try OutputFile.save(encoded(as: format, pixelDensity: pixelDensity, destination: path), to: path)
    }

    /// The figure encoded as `format`, as the bytes ``write(to:format:pixelDensity:)`` would write;
    /// `destination` only names the file in errors.
    package func encoded(as format: FigureFormat, pixelDensity: Double = 2, destination: String) throws(PlotError)
        -> [UInt8]
    {
        precondition(pixelDensity > 0 && pixelDensity.isFinite, "pixel density must be positive, got \(pixelDensity)")
        let canvas = try CairoCanvas(
            format: format, width: width, height: height, pixelDensity: pixelDensity, title: title,
            destination: destination
        )
        FigureLayout(figure: self, canvas: canvas).draw(self, on: canvas)
        return try canvas.finish()
    }
}
