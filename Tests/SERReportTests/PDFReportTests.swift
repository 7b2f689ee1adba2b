import Foundation
import SERReport
import SERTestSupport
import Testing

/// report.pdf rendered from a sample document and read back with Poppler: pages, text, contents,
/// vector figures, tables across pages, determinism and missing figures.
@Suite struct PDFReportTests {
    private let folder: OutputFolder
    private let document: ReportDocument
    private let pdf: PDFText

    init() throws {
        folder = try OutputFolder()
        document = try SampleReport.document(in: folder)
        try PDFReport().write(document, to: folder.file("report.pdf"), folder: folder.path)
        pdf = try PDFText(path: folder.file("report.pdf"))
    }

    @Test func isAnA4PDFWithAFooterOnEveryPageButTheFirst() throws {
        let bytes = try folder.bytes("report.pdf")
        #expect(Array(bytes.prefix(5)) == Array("%PDF-".utf8))
        #expect(!String(decoding: bytes, as: UTF8.self).contains("/CreationDate"))
        let count = pdf.pages.count
        #expect(count >= 8)
        for size in pdf.pageSizes {
            #expect(abs(size.width - 595.276) < 0.01 && abs(size.height - 841.89) < 0.01)
        }
        #expect(!pdf.pages[0].contains("1 / \(count)"))
        for page in 2...count {
            #expect(pdf.pages[page - 1].contains("\(page) / \(count)"), "footer on page \(page)")
            #expect(pdf.pages[page - 1].contains(SampleReport.title), "title in the footer of page \(page)")
        }
    }

    @Test func titlePageHasTitleHighlightsNoticesAndProvenance() {
        let first = pdf.pages[0]
        #expect(first.contains(SampleReport.title))
        #expect(first.contains("12 clips, 3 emotions, 2 speakers"))
        #expect(first.contains("best UAR") && first.contains("0.52 (svm)"))
        #expect(first.contains("speakers appear in both training and test folds"))
        #expect(first.contains("git commit") && first.contains("24192fc"))
    }

    @Test func contentsGiveThePagesWhereTheHeadingsAre() throws {
        let contents = pdf.pages[1]
        #expect(contents.hasPrefix("Contents"))
        let titles = document.sections.map(\.title) + ["Skipped files"]
        var previous = 2
        for title in titles {
            let line = try #require(
                contents.split(separator: "\n").first { $0.contains(title) }, "\(title) in the contents")
            let after = line[try #require(line.range(of: title)).upperBound...]
            let page = try #require(Int(after.filter(\.isNumber)), "page number after \(title)")
            #expect(page > previous, "\(title) after the previous part")
            // The heading is the first text on its page; nothing before that page but the contents names it.
            #expect(
                pdf.pages[page - 1].split(separator: "\n").first?.contains(title) == true, "\(title) on page \(page)")
            #expect(pdf.pages(containing: title).filter { $0 < page } == [2])
            previous = page
        }
        let bytes = String(decoding: try folder.bytes("report.pdf"), as: UTF8.self)
        for anchor in ["section-1", "section-2", "section-3", "skipped-files"] {
            #expect(bytes.contains("/Dest (\(anchor))"), "a contents link to \(anchor)")
            #expect(bytes.contains("(\(anchor)) ["), "\(anchor) is a named destination")
        }
    }

    @Test func vectorFiguresKeepTheirTextAndPNGsDoNot() throws {
        let load = try #require(pdf.pages(containing: "Frame energy").first { $0 > 2 })
        #expect(pdf.pages[load - 1].contains(SampleReport.vectorAxisLabel))
        #expect(pdf.pages[load - 1].contains("Energy of every frame, in decibels."))
        #expect(pdf.pages(containing: "Drawn from the PNG only.").count == 1)
        #expect(pdf.pages(containing: SampleReport.rasterAxisLabel).isEmpty)
    }

    @Test func failedSectionShowsItsError() throws {
        let page = try #require(pdf.pages(containing: "Evaluate the models").last)
        let text = pdf.pages[page - 1]
        #expect(text.contains("FAILED"))
        #expect(text.contains("Error"))
        #expect(text.contains("xgboost could not read models/xgb.json"))
    }

    @Test func longTableRunsOverPagesWithItsHeaderOnEach() throws {
        let pages = (1...SampleReport.tableRows).map { pdf.pages(containing: SampleReport.clipName($0)) }
        #expect(pages.allSatisfy { $0.count == 1 }, "every row exactly once")
        let tablePages = Set(pages.joined()).sorted()
        #expect(tablePages.count >= 4)
        #expect(zip(pages, pages.dropFirst()).allSatisfy { $0[0] <= $1[0] }, "rows in order")
        for page in tablePages {
            let text = pdf.pages[page - 1]
            #expect(text.contains("emotion") && text.contains("speaker") && text.contains("seconds"))
            #expect(text.contains("Clips (continued)") == (page != tablePages[0]))
        }
        expectNothingInTheBottomMargin(pdf)
    }

    @Test func sameDocumentGivesIdenticalBytes() throws {
        try PDFReport().write(document, to: folder.file("again.pdf"), folder: folder.path)
        let first = try folder.bytes("report.pdf")
        #expect(first.count > 10_000)
        #expect(first == (try folder.bytes("again.pdf")))
    }

    @Test func writingLeavesOnlyTheReport() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == ["figures", "report.pdf"])
        #expect(throws: ReportError.self) {
            try PDFReport().write(document, to: folder.file("no/such/folder/report.pdf"), folder: folder.path)
        }
    }
}

/// Text boxes sit above the content's bottom edge or in the footer below its rule, never between.
func expectNothingInTheBottomMargin(_ pdf: PDFText, sourceLocation: SourceLocation = #_sourceLocation) {
    let contentBottom = 841.89 - 70
    let footerRule = 841.89 - 52
    for (index, boxes) in pdf.boxes.enumerated() {
        let stray = boxes.filter { $0.y2 > contentBottom + 1 && $0.y1 < footerRule }
        #expect(
            stray.isEmpty, "page \(index + 1): \(stray.count) characters in the bottom margin",
            sourceLocation: sourceLocation)
    }
}
