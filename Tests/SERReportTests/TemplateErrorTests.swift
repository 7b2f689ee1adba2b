import Foundation
import SERReport
import Testing

/// A template that does not parse, or that would include itself, stops the report with one error
/// naming the file and line — never a crash, a hang or a silently empty page.
@Suite("A broken template is one error naming the file and the line")
struct TemplateErrorTests {
    @Test(
        "the page, its section partial and its CSS",
        arguments: [
            (
                "report.html.mustache", "<main>\n{{#sections}}\n<p>{{title}}</p>\n</main>\n",
                "templates/report.html.mustache:2: unclosed section 'sections'"
            ),
            (
                "section.html.mustache", "<section>\n{{#figures}}\n{{/tables}}\n</section>\n",
                "templates/section.html.mustache:3: '{{/tables}}' does not close section 'figures' (opened on line 2)"
            ),
            (
                "report.html.mustache", "<p>\n{{/sections}}\n",
                "templates/report.html.mustache:2: '{{/sections}}' closes no open section"
            ),
            (
                "report.html.mustache", "<h1>\n{{title}}</h1>\n<p>{{subtitle</p>\n",
                "templates/report.html.mustache:3: '{{subtitle</p>': the tag is not closed"
            ),
            (
                "style.css.mustache", "body {}\n{{=<% %>=}}\n<%#a%>\n<%/b%>\n",
                "templates/style.css.mustache:4: '<%/b%>' does not close section 'a' (opened on line 3)"
            ),
            (
                "report.html.mustache", "<p>\n{{% CONTENT_TYPE: PDF}}\n",
                "templates/report.html.mustache:2: unknown {{% }} setting (CONTENT_TYPE is the one there is)"
            ),
        ])
    func parseErrors(file: String, text: String, message: String) throws {
        let folder = try TemplateFolder([file: text])
        do {
            _ = try HTMLReport(templates: folder.templates)
            Issue.record("no error; expected \(message)")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test(
        "partials: an unknown or data-named one, or one that includes itself, directly or through another",
        arguments: [
            (
                ["report.html.mustache": "<main>\n{{> sectoin}}\n</main>\n"],
                "templates/report.html.mustache:2: no partial named 'sectoin' (the page's partials: report, section, style)"
            ),
            (
                ["section.html.mustache": "<section>\n{{#figures}}{{> section}}{{/figures}}\n</section>\n"],
                "templates/section.html.mustache:2: partial 'section' includes itself (section → section)"
            ),
            (
                ["section.html.mustache": "<section>\n<h2>{{title}}</h2>\n{{> report}}\n</section>\n"],
                "templates/section.html.mustache:3: partial 'report' includes itself (report → section → report)"
            ),
            (
                ["style.css.mustache": "body {}\n{{<report}}{{/report}}\n"],
                "templates/style.css.mustache:2: partial 'report' includes itself (report → style → report)"
            ),
            (
                ["section.html.mustache": "<section>\n{{>*id}}\n</section>\n"],
                "templates/section.html.mustache:2: '{{>*id}}' takes the partial's name from the report's data; "
                    + "name one of report, section, style"
            ),
        ])
    func partialErrors(files: [String: String], message: String) throws {
        let folder = try TemplateFolder(files)
        do {
            _ = try HTMLReport(templates: folder.templates)
            Issue.record("no error; expected \(message)")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("sections nested deeper than 64 are refused before swift-mustache recurses through them")
    func deepNesting() throws {
        let text = "<p>\n" + String(repeating: "{{#a}}", count: 2000) + String(repeating: "{{/a}}", count: 2000)
        let folder = try TemplateFolder(["section.html.mustache": text])
        do {
            _ = try HTMLReport(templates: folder.templates)
            Issue.record("no error")
        } catch {
            #expect(error.description == "templates/section.html.mustache:2: sections nested more than 64 deep")
        }
        let fine =
            (0..<64).map { "{{#a\($0)}}" }.joined() + "x" + (0..<64).reversed().map { "{{/a\($0)}}" }.joined()
        let deepButFine = try TemplateFolder(["section.html.mustache": fine])
        #expect(throws: Never.self) { try HTMLReport(templates: deepButFine.templates) }
    }

    @Test("a cell narrative's error names its file; a file that is not UTF-8 says so")
    func narrativeAndEncoding() throws {
        let folder = try TemplateFolder(["cells/load.mustache": "Our {{clips}} clips.\n{{#notes}}{{notes}}\n"])
        do {
            _ = try CellNarratives(templates: folder.templates)
            Issue.record("no error")
        } catch {
            #expect(error.description == "templates/cells/load.mustache:2: unclosed section 'notes'")
        }
        let binary = try TemplateFolder()
        try Data([0xFF, 0xFE, 0x00]).write(to: binary.url.appendingPathComponent("style.css.mustache"))
        do {
            _ = try HTMLReport(templates: binary.templates)
            Issue.record("no error")
        } catch {
            #expect(error.description == "templates/style.css.mustache: is not UTF-8 text")
        }
    }

    @Test(
        "a section inside a section over the same name is refused before rendering: nine levels over the report's sections would render two million times"
    )
    func repeatedSection() throws {
        let nine =
            String(repeating: "{{#sections}}", count: 9) + "{{title}} " + String(repeating: "{{/sections}}", count: 9)
        let folder = try TemplateFolder(["report.html.mustache": nine])
        do {
            _ = try HTMLReport(templates: folder.templates)
            Issue.record("no error")
        } catch {
            #expect(
                error.description
                    == "templates/report.html.mustache:1: '{{#sections}}' opens inside the section over the same name "
                    + "(line 1 of templates/report.html.mustache): every item would render the whole list again, so "
                    + "the page grows exponentially with the nesting")
        }
        // Through a partial: the built-in page opens `sections` and includes `section`, which opens it again.
        let throughPartial = try TemplateFolder([
            "section.html.mustache": "<h2>{{title}}</h2>\n{{#figures}}{{#sections}}x{{/sections}}{{/figures}}"
        ])
        do {
            _ = try HTMLReport(templates: throughPartial.templates)
            Issue.record("no error")
        } catch {
            #expect(error.description.hasPrefix("templates/section.html.mustache:2: '{{#sections}}' opens inside"))
            #expect(error.description.contains("report.html.mustache"))
        }
        // Distinct lists nest, and a transform of a list counts as that list.
        let distinct = try TemplateFolder([
            "section.html.mustache":
                "{{#tables}}{{#rows}}{{#reversed(tables)}}x{{/reversed(tables)}}{{/rows}}{{/tables}}"
        ])
        #expect(throws: ReportError.self) { try HTMLReport(templates: distinct.templates) }
        let fine = try TemplateFolder([
            "section.html.mustache": "{{#tables}}{{#rows}}{{#cells}}{{.}}{{/cells}}{{/rows}}{{/tables}}"
        ])
        #expect(throws: Never.self) { try HTMLReport(templates: fine.templates) }
    }

    @Test("a partial in a cell narrative is refused (none is given to it, so Mustache would print nothing)")
    func narrativePartial() throws {
        let folder = try TemplateFolder(["cells/load.mustache": "HELLO\n{{> nope}} WORLD"])
        do {
            _ = try CellNarratives(templates: folder.templates)
            Issue.record("no error")
        } catch {
            #expect(
                error.description.hasPrefix(
                    "templates/cells/load.mustache:2: '{{> nope}}': a cell's narrative includes no partials"))
        }
    }

    @Test(
        "a page including its partials thousands of times is checked in one pass each, not once per inclusion; more tags or lines than a page holds are refused before parsing",
        .timeLimit(.minutes(2))
    )
    func manyPartialInclusions() throws {
        let folder = try TemplateFolder([
            "report.html.mustache": "{{#sections}}" + String(repeating: "{{> section}}", count: 2000) + "{{/sections}}",
            "section.html.mustache": "{{#figures}}" + String(repeating: "{{> style}}", count: 2000) + "{{/figures}}",
        ])
        #expect(throws: Never.self) { try HTMLReport(templates: folder.templates) }
        let repeated = try TemplateFolder([
            "report.html.mustache": String(repeating: "{{> section}}", count: 2000),
            "section.html.mustache": "{{#rows}}" + String(repeating: "{{> style}}", count: 1000) + "{{/rows}}",
            "style.css.mustache": "{{#rows}}x{{/rows}}",
        ])
        do {
            _ = try HTMLReport(templates: repeated.templates)
            Issue.record("no error")
        } catch {
            #expect(error.description.hasPrefix("templates/style.css.mustache:1: '{{#rows}}' opens inside"))
        }
        let many = try TemplateFolder(["report.html.mustache": String(repeating: "{{title}}", count: 5001)])
        do {
            _ = try HTMLReport(templates: many.templates)
            Issue.record("no error")
        } catch {
            #expect(
                error.description
                    == "templates/report.html.mustache:1: more than 5000 tags; a report template is a page a person writes"
            )
        }
        let long = try TemplateFolder(["section.html.mustache": String(repeating: "x\n", count: 6000)])
        #expect(throws: ReportError.self) { try HTMLReport(templates: long.templates) }
        let big = try TemplateFolder(["style.css.mustache": String(repeating: "a", count: 70_000)])
        #expect(throws: ReportError.self) { try HTMLReport(templates: big.templates) }
    }
}
