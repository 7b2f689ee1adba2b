import Foundation
import FuzzSupport
import SERReport

/// A project's report template as a user might write it: the first byte picks which file the rest
/// replaces (the page, the section partial, the CSS or a cell's narrative), then the templates are
/// read, checked and rendered with a small document. A template may be refused, with one line naming
/// its file and line; none may trap, hang or recurse without end.
func fuzzTemplates(_ data: Data) {
    guard let choice = data.first, let text = FuzzTarget.text(data.dropFirst()) else { return }
    let names = ["report.html.mustache", "section.html.mustache", "style.css.mustache", "cells/load.mustache"]
    let name = names[Int(choice) % names.count]
    let file = TemplateFolder.root.appendingPathComponent(name)
    guard (try? Data(text.utf8).write(to: file)) != nil else { return }
    defer { try? FileManager.default.removeItem(at: file) }
    let templates = ReportTemplates(folder: TemplateFolder.root.path)
    do {
        let html = try HTMLReport(templates: templates)
        let narratives = try CellNarratives(templates: templates)
        let narrative = narratives.text(for: "load", values: ["clips": "3", "emotions": "2", "notes": "<b>x</b>"])
        let section = ReportSection(
            id: "load", title: "Load", narrative: narrative, parameters: [ReportPair("corpus", "csv")],
            timing: "in 1 s", figures: [], tables: [ReportTable(caption: "c", columns: ["a"], rows: [["1"]])])
        let document = ReportDocument(
            title: "t", subtitle: "s", highlights: [ReportPair("clips", "3")], notices: ["n"], sections: [section],
            skipped: [ReportPair("x.wav", "silent")], downloads: [ReportLink(label: "a", href: "a")], generator: "fuzz")
        _ = html.render(document)
    } catch {
        FuzzTarget.expectOneLine(error.description, text)
    }
}

/// One scratch template folder for the whole run.
enum TemplateFolder {
    static let root: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("serreport-fuzz-templates-\(getpid())")
        try? FileManager.default.createDirectory(
            at: url.appendingPathComponent("cells"), withIntermediateDirectories: true)
        return url
    }()
}

#if FUZZING
    /// libFuzzer's entry point (only in `make fuzz` builds: a test bundle links every target).
    @_cdecl("LLVMFuzzerTestOneInput")
    func fuzzerTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
        fuzzTemplates(FuzzTarget.data(bytes, count))
        return 0
    }
#endif
