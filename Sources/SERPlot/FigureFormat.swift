import SERSettings

/// A file format a ``Figure`` can be written in.
///
/// The raw value is both the file extension and the name used in `report.figure_formats`.
package enum FigureFormat: String, Sendable, CaseIterable, SettingEnum {
    /// A raster image, drawn at a pixel density chosen when writing (2 device pixels per point by default).
    case png
    /// Scalable vector graphics, in points, with text as glyph outlines.
    case svg
    /// A one-page PDF, in points, with the DejaVu Sans subset embedded.
    case pdf
}
