import CCairo
import Foundation
package import SERPlot

/// A figure written in all three formats, with what tests check of each: the PNG's pixel size and
/// how much of it is not background, the SVG's text, and the PDF's bytes.
package struct RenderedFigure {
    package let pngWidth: Int
    package let pngHeight: Int
    /// The share of PNG pixels that are not pure white.
    package let inkFraction: Double
    package let svg: String
    package let pdf: [UInt8]

    /// Writes `figure` as `name.png`, `name.svg` and `name.pdf` into `folder` and reads them back.
    package init(_ figure: Figure, name: String, in folder: OutputFolder) throws {
        for format in FigureFormat.allCases {
            try figure.write(to: folder.file("\(name).\(format.rawValue)"), format: format)
        }
        svg = String(decoding: try folder.bytes("\(name).svg"), as: UTF8.self)
        pdf = try folder.bytes("\(name).pdf")
        guard let image = cairo_image_surface_create_from_png(folder.file("\(name).png")),
            cairo_surface_status(image) == CAIRO_STATUS_SUCCESS, let data = cairo_image_surface_get_data(image)
        else {
            throw CocoaError(.fileReadCorruptFile)
        }
        defer { cairo_surface_destroy(image) }
        let width = Int(cairo_image_surface_get_width(image))
        let height = Int(cairo_image_surface_get_height(image))
        let stride = Int(cairo_image_surface_get_stride(image))
        var inked = 0
        for row in 0..<height {
            let pixels = UnsafeRawPointer(data + row * stride).bindMemory(to: UInt32.self, capacity: width)
            for column in 0..<width where pixels[column] & 0x00FF_FFFF != 0x00FF_FFFF { inked += 1 }
        }
        pngWidth = width
        pngHeight = height
        inkFraction = Double(inked) / Double(max(1, width * height))
    }

    /// Whether the SVG's text layer holds exactly `text` as one string.
    package func svgHasText(_ text: String) -> Bool {
        let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&apos;")
        return svg.contains(">\(escaped)</text>")
    }

    /// Every string in the SVG's text layer, in drawing order.
    package var svgTexts: [String] {
        svg.components(separatedBy: "</text>").dropLast().compactMap { chunk in
            chunk.range(of: ">", options: .backwards).map { String(chunk[$0.upperBound...]) }
        }
    }
}
