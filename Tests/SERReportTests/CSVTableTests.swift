import CSV
import SERReport
import Testing

/// `features.csv`, `predictions.csv` and the other tables: written here, read by pandas and by the
/// CSV library that reads manifests.
@Suite("CSV tables")
struct CSVTableTests {
    static let awkward = [
        "plain", "with,comma", #"say "hi""#, "line\nbreak", "carriage\rreturn", "crlf\r\nend", "", "café ünï",
        "-1.5e-07", "nan",
    ]

    @Test("cells with a quote, a comma, CR or LF are quoted with quotes doubled; others are written as they are")
    func quoting() throws {
        var table = CSVTable(header: ["a", "b", "c"])
        table.append(["x,y", #"a"b"#, "1.25"])
        table.append(["", "line\nbreak", "crlf\r\n"])
        #expect(try table.text(name: "t.csv") == "a,b,c\n\"x,y\",\"a\"\"b\",1.25\n,\"line\nbreak\",\"crlf\r\n\"\n")
    }

    @Test("what is written reads back cell for cell through the CSV library that reads manifests")
    func roundTrip() throws {
        var table = CSVTable(header: Self.awkward.indices.map { "column \($0)" })
        table.append(Self.awkward)
        table.append(Self.awkward.reversed())
        let reader = try CSVReader(string: try table.text(name: "t.csv"), hasHeaderRow: true)
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        #expect(reader.headerRow == table.header)
        #expect(rows == table.rows)
    }

    @Test("a text cell a spreadsheet would run as a formula gets a leading quote; numbers and other text do not")
    func formulaCellsDefused() throws {
        var table = CSVTable(header: ["p_=HYPERLINK(\"x\")", "b"])
        table.append(["=cmd|' /C calc'!A0", "@SUM(1+1)"])
        table.append(["-0.25", "+3"])
        table.append(["-cmd|x", "\tx"])
        table.append(["plain", "-.5"])
        table.append(["-2+3", "+1+cmd|' /C calc'!A0"])
        #expect(
            try table.text(name: "t.csv")
                == "\"p_=HYPERLINK(\"\"x\"\")\",b\n'=cmd|' /C calc'!A0,'@SUM(1+1)\n-0.25,+3\n'-cmd|x,'\tx\nplain,-.5\n'-2+3,'+1+cmd|' /C calc'!A0\n"
        )
    }
}
