import Foundation
import FuzzSupport
import SERReport

/// A project's report template as a user might write it: the first byte picks which file the rest
/// replaces (the page, the section partial, the CSS or a cell's narrative), then the templates are
/// read (in memory), checked and rendered with a small document. A template may be refused, with one line naming
/// its file and line; none may trap, hang or recurse without end.
func fuzzTemplates(_ data: Data) {
    guard let choice = data.first, let text = FuzzTarget.text(data.dropFirst()) else { return }
    let names = ["report.html.mustache", "section.html.mustache", "style.css.mustache", "cells/load.mustache"]
    let name = names[Int(choice) % names.count]
    let templates = ReportTemplates(texts: [name: text])
    do {
        // A narrative is read with the cells' templates; a page template with the page's.
        guard name.hasPrefix("cells/") else {
            _ = try HTMLReport(templates: templates).render(sampleDocument)
            return
        }
        _ = try CellNarratives(templates: templates).text(
            for: "load", values: ["clips": "3", "emotions": "2", "notes": "<b>x</b>"])
    } catch {
        FuzzTarget.expectOneLine(error.description, text)
    }
}

/// A small document with one of everything the page shows.
let sampleDocument: ReportDocument = {
    let section = ReportSection(
        id: "load", title: "Load", narrative: "Three clips.\n\nTwo emotions.",
        parameters: [ReportPair("corpus", "csv")],
        timing: "in 1 s", figures: [], tables: [ReportTable(caption: "c", columns: ["a"], rows: [["1"]])])
    return ReportDocument(
        title: "t", subtitle: "s", highlights: [ReportPair("clips", "3")], notices: ["n"], sections: [section],
        skipped: [ReportPair("x.wav", "silent")], downloads: [ReportLink(label: "a", href: "a")], generator: "fuzz")
}()

#if FUZZING
    /// libFuzzer's entry point (only in `make fuzz` builds: a test bundle links every target).
    @_cdecl("LLVMFuzzerTestOneInput")
    func fuzzerTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
        fuzzTemplates(FuzzTarget.data(bytes, count))
        return 0
    }
#endif
