import Testing

@testable import SERReport

/// How the PDF sizes and aligns table columns.
@Suite struct PDFTableTests {
    @Test func columnsKeepTheirWidthWhenTheyFit() {
        #expect(PDFTable.columnWidths(natural: [40, 60, 80], available: 300) == [40, 60, 80])
    }

    @Test func wideColumnsShareWhatNarrowOnesLeave() {
        let widths = PDFTable.columnWidths(natural: [40, 500, 900], available: 400)
        #expect(widths == [40, 180, 180])
        #expect(widths.reduce(0, +) == 400)
    }

    @Test func numericColumnsAreRecognised() {
        let table = PDFTable(
            caption: "", columns: ["a", "b", "c", "d"],
            rows: [["0.52", "12%", "x", ""], ["-3", " 4.5 ", "1", ""], ["1e-3", "", "2"]])
        #expect(table.isNumeric(0))
        #expect(table.isNumeric(1))
        #expect(!table.isNumeric(2))
        #expect(!table.isNumeric(3), "no numbers at all")
        #expect(table.cell(2, 3) == "", "short rows are padded")
    }
}
