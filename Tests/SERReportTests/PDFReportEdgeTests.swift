import Foundation
import SERReport
import SERTestSupport
import Testing

/// report.pdf from documents a build can produce but the sample does not: missing figure files, a
/// very long table, cells too long for a line.
@Suite struct PDFReportEdgeTests {
    private func section(figures: [ReportFigure] = [], tables: [ReportTable] = []) -> ReportSection {
        ReportSection(
            id: "s", title: "Only section", narrative: "Text.", parameters: [], timing: "", figures: figures,
            tables: tables)
    }

    private func document(_ sections: [ReportSection]) -> ReportDocument {
        ReportDocument(
            title: "Edge cases", subtitle: "", highlights: [], sections: sections, skipped: [], downloads: [],
            generator: "")
    }

    @Test func missingFigureFilesGiveABoxThatSaysSo() throws {
        let folder = try OutputFolder()
        try FileManager.default.createDirectory(atPath: folder.file("figures"), withIntermediateDirectories: true)
        try Data("not a PDF".utf8).write(to: URL(fileURLWithPath: folder.file("figures/broken.pdf")))
        let figures = [
            ReportFigure(
                title: "Gone", caption: "", image: "figures/gone.png", vector: "figures/gone.pdf", width: 400,
                height: 300,
                formats: []),
            ReportFigure(
                title: "Broken", caption: "", image: "figures/broken.png", vector: "figures/broken.pdf", width: 400,
                height: 300, formats: []),
        ]
        try PDFReport().write(document([section(figures: figures)]), to: folder.file("report.pdf"), folder: folder.path)
        let pdf = try PDFText(path: folder.file("report.pdf"))
        let text = pdf.pages.joined(separator: "\n")
        #expect(text.contains("figure missing: figures/gone.png"))
        #expect(text.contains("figure missing: figures/broken.png"))
    }

    @Test func thousandRowTablePaginates() throws {
        let folder = try OutputFolder()
        let rows = (1...1000).map { [SampleReport.clipName($0), "\(Double($0) / 7)"] }
        let table = ReportTable(caption: "Scores", columns: ["clip", "score"], rows: rows)
        try PDFReport().write(document([section(tables: [table])]), to: folder.file("report.pdf"), folder: folder.path)
        let pdf = try PDFText(path: folder.file("report.pdf"))
        let pages = (1...1000).map { pdf.pages(containing: SampleReport.clipName($0)) }
        #expect(pages.allSatisfy { $0.count == 1 })
        let tablePages = Set(pages.joined()).sorted()
        #expect(tablePages.count >= 15)
        #expect(tablePages == Array(tablePages[0]...tablePages[tablePages.count - 1]), "no gaps")
        #expect(tablePages.allSatisfy { pdf.pages[$0 - 1].contains("score") })
        expectNothingInTheBottomMargin(pdf)
    }

    @Test func longCellsWrapInsideTheirColumn() throws {
        let folder = try OutputFolder()
        let long = (1...60).map { "word\($0)" }.joined(separator: " ")
        let table = ReportTable(
            caption: "Reasons", columns: ["file", "reason"], rows: [["a.wav", long], ["b.wav", "ok"]])
        try PDFReport().write(document([section(tables: [table])]), to: folder.file("report.pdf"), folder: folder.path)
        let pdf = try PDFText(path: folder.file("report.pdf"))
        let page = try #require(pdf.pages(containing: "word60").first)
        #expect(pdf.pages[page - 1].contains("word1 "))
        let right = 595.276 - 56
        #expect(pdf.boxes[page - 1].allSatisfy { $0.x2 <= right + 1 }, "nothing past the right margin")
        #expect(pdf.pages[page - 1].split(separator: "\n").filter { $0.contains("word") }.count >= 3)
    }
}
