import Foundation
import SERTestSupport
import Testing

@testable import SERPlot

@Suite struct FigureWritingTests {
    private static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    private func bigEndian(_ bytes: [UInt8], at offset: Int) -> Int {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
    }

    private func contains(_ bytes: [UInt8], _ text: String) -> Bool {
        String(decoding: bytes, as: UTF8.self).contains(text)
    }

    @Test func pngHasTheSignatureAndPixelSize() throws {
        let folder = try OutputFolder()
        let figure = ExampleFigures.waveformsPerEmotion()
        #expect(figure.width == 920)
        #expect(figure.height == 478)
        try figure.write(to: folder.file("waveforms.png"), format: .png)
        try figure.write(to: folder.file("waveforms-3x.png"), format: .png, pixelDensity: 3)

        let png = try folder.bytes("waveforms.png")
        #expect(Array(png.prefix(8)) == Self.pngSignature)
        #expect(String(decoding: png[12..<16], as: UTF8.self) == "IHDR")
        #expect(bigEndian(png, at: 16) == 1840)
        #expect(bigEndian(png, at: 20) == 956)
        let large = try folder.bytes("waveforms-3x.png")
        #expect(bigEndian(large, at: 16) == 2760)
        #expect(bigEndian(large, at: 20) == 1434)
    }

    @Test func svgIsAnSVGDocumentInPoints() throws {
        let folder = try OutputFolder()
        try ExampleFigures.waveformsPerEmotion().write(to: folder.file("waveforms.svg"), format: .svg)
        let svg = try folder.bytes("waveforms.svg")
        #expect(Array(svg.prefix(5)) == Array("<?xml".utf8))
        #expect(contains(svg, #"<svg xmlns="http://www.w3.org/2000/svg""#))
        #expect(contains(svg, #"width="920pt" height="478pt""#))
        #expect(contains(svg, #"<g id="surface1">"#))
        #expect(contains(svg, "</svg>"))
    }

    @Test func pdfIsOnePageWithTitleAndNoDate() throws {
        let folder = try OutputFolder()
        try ExampleFigures.waveformsPerEmotion().write(to: folder.file("waveforms.pdf"), format: .pdf)
        let pdf = try folder.bytes("waveforms.pdf")
        #expect(Array(pdf.prefix(5)) == Array("%PDF-".utf8))
        #expect(Array(pdf.suffix(6)) == Array("%%EOF\n".utf8))
        #expect(contains(pdf, "/MediaBox [ 0 0 920 478 ]"))
        #expect(contains(pdf, "/Count 1"))
        #expect(contains(pdf, "/Title (One waveform per emotion)"))
        #expect(contains(pdf, "DejaVuSans"))
        #expect(!contains(pdf, "/CreationDate"))
    }

    @Test(arguments: FigureFormat.allCases)
    func sameFigureGivesIdenticalBytes(format: FigureFormat) throws {
        let folder = try OutputFolder()
        let figure = ExampleFigures.waveformsPerEmotion()
        let other = Figure(panels: [
            Axes(title: "other", marks: [.line(xs: [0, 1], ys: [1, 0], color: Color(hex: 0))])
        ])
        try figure.write(to: folder.file("first.\(format.rawValue)"), format: format)
        try other.write(to: folder.file("other.\(format.rawValue)"), format: format)
        try figure.write(to: folder.file("second.\(format.rawValue)"), format: format)

        let first = try folder.bytes("first.\(format.rawValue)")
        let second = try folder.bytes("second.\(format.rawValue)")
        #expect(first.count > 1000)
        #expect(first == second)
        #expect(first != (try folder.bytes("other.\(format.rawValue)")))
    }

    @Test func writingLeavesOnlyTheFigure() throws {
        let folder = try OutputFolder()
        let path = folder.file("only.png")
        try ExampleFigures.waveformsPerEmotion().write(to: path, format: .png)
        try ExampleFigures.waveformsPerEmotion().write(to: path, format: .png)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("only.") }
        #expect(names == ["only.png"])
    }

    @Test func unwritablePathNamesTheFileAndTheReason() {
        let path = "/nonexistent/dir/x.png"
        let error = #expect(throws: PlotError.self) {
            try ExampleFigures.waveformsPerEmotion().write(to: path, format: .png)
        }
        #expect(error?.code == .writing)
        #expect(error?.path == path)
        #expect(error?.description == "/nonexistent/dir/x.png: cannot write figure (No such file or directory)")
    }

    @Test func oversizedImageIsARenderingError() throws {
        let folder = try OutputFolder()
        let path = folder.file("huge.png")
        let error = #expect(throws: PlotError.self) {
            try Figure(panels: [Axes()], width: 20_000, height: 100).write(to: path, format: .png)
        }
        #expect(error?.code == .rendering)
        #expect(error?.description.hasPrefix("\(path): cannot render figure (cairo: ") == true)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func formatNamesAreFileExtensions() {
        #expect(FigureFormat.allCases.map(\.rawValue) == ["png", "svg", "pdf"])
        #expect(FigureFormat(rawValue: "svg") == .svg)
        #expect(FigureFormat(rawValue: "jpeg") == nil)
    }
}
