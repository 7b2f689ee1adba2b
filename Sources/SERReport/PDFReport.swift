import SERPlot

/// Renders a ``ReportDocument`` to `report.pdf` with Cairo and Pango: no browser, no LaTeX.
///
/// A4 portrait pages: a title page (title, subtitle, highlights, notices, provenance), the contents
/// with page numbers, each section from a new page (state and timing, narrative, error, parameters,
/// figures, tables), then the skipped files; every page but the first has a footer with the page
/// number and the title. Figures are embedded from their PDF files as vectors (their text stays
/// text) and fall back to their PNG images; a figure whose files cannot be read becomes a box that
/// says so. The same document and figure files always give byte-identical output.
package struct PDFReport: Sendable {
    package init() {}

    /// Renders `document` and writes it atomically to `path`; figure paths in the document are
    /// relative to `folder`.
    package func write(_ document: ReportDocument, to path: String, folder: String) throws(ReportError) {
        let bytes = try render(document, folder: folder, destination: path)
        do {
            try OutputFile.save(bytes, to: path)
        } catch {
            throw ReportError(path: path, reason: "cannot write (\(error.reason))")
        }
    }

    /// The PDF file's bytes; `destination` only names the file in errors.
    package func render(_ document: ReportDocument, folder: String, destination: String) throws(ReportError) -> [UInt8]
    {
        let typesetter = PangoTypesetter()
        let figures = document.sections.map { $0.figures.map { FigureSource($0, folder: folder) } }
        func layout(_ contents: PDFLayout.Contents?) -> PDFLayout.Pages {
            PDFLayout(document: document, figures: figures, typesetter: typesetter, contents: contents).pages()
        }
        // The contents take the same room with or without page numbers, so the second pass, which
        // prints the first pass's numbers, puts everything on the same pages; a third is a safeguard.
        var laidOut = layout(nil)
        var printed: PDFLayout.Contents?
        for _ in 0..<3 where printed != laidOut.contents {
            printed = laidOut.contents
            laidOut = layout(printed)
        }
        let canvas = try PDFCanvas(
            width: PDFStyle.pageWidth, height: PDFStyle.pageHeight, title: document.title, typesetter: typesetter,
            destination: destination)
        for page in laidOut.pages { canvas.drawPage(page) }
        for entry in laidOut.outline { canvas.addOutline(entry) }
        return try canvas.finish()
    }
}
