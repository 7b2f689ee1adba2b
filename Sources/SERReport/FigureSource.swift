/// What a ``ReportFigure`` is drawn from, decided once per render: its PDF file as vectors, its PNG
/// image, or a placeholder box when neither can be read.
enum FigureSource {
    /// The figure's PDF, open, with its page size in points.
    case vector(EmbeddedPDF)
    /// The figure's PNG file (its path on disk), drawn at its size in points.
    case raster(path: String)
    /// Neither file could be read; `path` is the image's path as the document gives it.
    case missing(path: String)

    /// The source for `figure`, whose paths are relative to `folder`: the PDF when there is one and
    /// Poppler reads it, else the PNG when Cairo reads it, else a placeholder.
    init(_ figure: ReportFigure, folder: String) {
        if let vector = figure.vector, let document = try? EmbeddedPDF(path: Self.resolve(vector, in: folder)) {
            self = .vector(document)
            return
        }
        let image = Self.resolve(figure.image, in: folder)
        self = PDFCanvas.canReadPNG(at: image) ? .raster(path: image) : .missing(path: figure.image)
    }

    /// The natural size in points: the PDF page's size, or the document's stated size.
    func size(of figure: ReportFigure) -> (width: Double, height: Double) {
        switch self {
        case .vector(let document): (document.width, document.height)
        case .raster, .missing: (Double(figure.width), Double(figure.height))
        }
    }

    private static func resolve(_ path: String, in folder: String) -> String {
        path.hasPrefix("/") || folder.isEmpty ? path : folder + "/" + path
    }
}
