import Foundation
import SERReport
import Testing

/// Which template a report uses: the project's file where its folder has one, the built-in copy for
/// every other file.
@Suite("Report templates: the project's folder file by file, the built-in copy otherwise")
struct ReportTemplatesTests {
    static let document = ReportDocument(
        title: "Speech <emotion> report", subtitle: "4 clips", highlights: [ReportPair("clips", "4")],
        sections: [
            ReportSection(
                id: "load", title: "Load", narrative: "Four clips & more.", parameters: [ReportPair("sr", "22050")],
                timing: "in 1 s", state: "ran", figures: [], tables: [])
        ],
        skipped: [ReportPair("bad.wav", "not audio")], downloads: [ReportLink(label: "run.json", href: "run.json")],
        generator: "serreport tests")

    @Test("no folder, a missing folder and the repository's own templates/ give the same page")
    func builtInFallback() throws {
        let builtIn = try HTMLReport().render(Self.document)
        #expect(builtIn.hasPrefix("<!DOCTYPE html>"))
        #expect(builtIn.contains("<title>Speech &lt;emotion&gt; report</title>"))
        let missing = ReportTemplates(folder: "no-such-folder-\(UUID())")
        #expect(try HTMLReport(templates: missing).render(Self.document) == builtIn)
        let repository = ReportTemplates(folder: EmbeddedTemplatesTests.folder.path)
        #expect(try HTMLReport(templates: repository).render(Self.document) == builtIn)
    }

    @Test("a project's style.css.mustache replaces the CSS and nothing else")
    func ownStyle() throws {
        let folder = try TemplateFolder(["style.css.mustache": "body { color: rebeccapurple; }\n"])
        let page = try HTMLReport(templates: folder.templates).render(Self.document)
        #expect(page.contains("<style>\nbody { color: rebeccapurple; }\n</style>"))
        #expect(!page.contains("--accent"))
        #expect(page.contains("<nav aria-label=\"Contents\">"), "the page itself is still the built-in one")
        #expect(page.contains("<details class=\"parameters\">"), "so is the section")
    }

    @Test("a project's page and section lay the report out their way, still escaped")
    func ownLayout() throws {
        let folder = try TemplateFolder([
            "report.html.mustache": "<h1>{{title}}</h1>\n{{#sections}}\n{{> section}}\n{{/sections}}\n",
            "section.html.mustache": "<article id=\"{{id}}\">{{#paragraphs}}{{.}}{{/paragraphs}}</article>\n",
        ])
        let page = try HTMLReport(templates: folder.templates).render(Self.document)
        #expect(
            page == "<h1>Speech &lt;emotion&gt; report</h1>\n<article id=\"load\">Four clips &amp; more.</article>\n")
    }

    @Test("cell narratives come from the project's cells/ where it has them; other cells' from the built-in copy")
    func narratives() throws {
        let folder = try TemplateFolder(["cells/load.mustache": "{{clips}} clips.\n", "cells/extra.mustache": "x"])
        let narratives = try CellNarratives(templates: folder.templates)
        #expect(narratives.text(for: "load", values: ["clips": "4"]) == "4 clips.")
        #expect(narratives.text(for: "extra", values: [:]) == "x")
        #expect(narratives.text(for: "extract", values: ["features": "82"]).contains("82 values per clip"))
        #expect(folder.templates.names(in: "cells").contains("cells/extra.mustache"))
    }

    @Test(
        "a template folder the user named that is missing, or a file, is an error; files named like no template are listed"
    )
    func folderChecked() throws {
        let folder = try TemplateFolder([
            "report.html.mustache": "{{title}}", "report.mustache": "x", "cells/load.mustache": "y",
            "cells/training.mustache": "z", ".hidden": "",
        ])
        #expect(
            try folder.templates.unusedFiles(defaultFolder: "templates")
                == ["templates/cells/training.mustache", "templates/report.mustache"])
        let typo = ReportTemplates(folder: "tpl_typo", relativeTo: folder.project)
        #expect(throws: ReportError.self) { try typo.unusedFiles(defaultFolder: "templates") }
        do {
            _ = try typo.unusedFiles(defaultFolder: "templates")
        } catch {
            #expect(error.description.hasPrefix("tpl_typo: no such template folder (report.templates"))
        }
        // The default folder may be absent: the built-in templates are used.
        #expect(
            try ReportTemplates(folder: "templates", relativeTo: folder.url).unusedFiles(defaultFolder: "templates")
                == [])
        let file = ReportTemplates(folder: "templates/report.html.mustache", relativeTo: folder.project)
        do {
            _ = try file.unusedFiles(defaultFolder: "templates")
            Issue.record("a file accepted as the template folder")
        } catch {
            #expect(
                error.description
                    == "templates/report.html.mustache: is not a folder (report.templates names a template folder)")
        }
    }
}
