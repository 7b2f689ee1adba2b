import Foundation
import Testing

/// `serreport templates init`, and builds with a project's own templates: the page, its CSS, a
/// template that does not parse.
@Suite("Report templates on the command line", .serialized)
struct TemplateCommandTests {
    /// The repository's `templates/`: what the binary's built-in copy equals (SERReportTests checks).
    static let repositoryTemplates = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("templates")

    static let names = [
        "cells/evaluate.mustache", "cells/extract.mustache", "cells/load.mustache", "cells/process.mustache",
        "cells/train.mustache", "report.html.mustache", "section.html.mustache", "style.css.mustache",
    ]

    @Test("templates init writes the built-in set and says so; it keeps a changed file unless --force")
    func initWritesAndRefusesToOverwrite() throws {
        let project = try ScratchProject()
        let first = try CommandRun(["templates", "init"], in: project.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == Self.names.map { "wrote templates/\($0)\n" }.joined())
        for name in Self.names {
            let written = try Data(contentsOf: project.url.appendingPathComponent("templates/\(name)"))
            #expect(written == (try Data(contentsOf: Self.repositoryTemplates.appendingPathComponent(name))), "\(name)")
        }

        let style = project.url.appendingPathComponent("templates/style.css.mustache")
        try "body { color: rebeccapurple; }\n".write(to: style, atomically: true, encoding: .utf8)
        let again = try CommandRun(["templates", "init"], in: project.url)
        #expect(again.status == 1)
        #expect(
            again.stderr
                == "serreport: templates/style.css.mustache: exists with other text; kept (--force overwrites it)\n")
        #expect(again.stdout.contains("unchanged templates/report.html.mustache\n"))
        #expect(!again.stdout.contains("wrote"))
        #expect(try String(contentsOf: style, encoding: .utf8) == "body { color: rebeccapurple; }\n")

        let forced = try CommandRun(["templates", "init", "--force"], in: project.url)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stdout.contains("wrote templates/style.css.mustache\n"))
        #expect(
            try Data(contentsOf: style)
                == (try Data(contentsOf: Self.repositoryTemplates.appendingPathComponent("style.css.mustache"))))

        let elsewhere = try CommandRun(["templates", "init", "site/layout/"], in: project.url)
        #expect(elsewhere.status == 0, "\(elsewhere.stderr)")
        #expect(elsewhere.stdout.hasPrefix("wrote site/layout/cells/evaluate.mustache\n"))
        try Data().write(to: project.url.appendingPathComponent("plain-file"))
        let onFile = try CommandRun(["templates", "init", "plain-file"], in: project.url)
        #expect(onFile.status != 0)
        #expect(onFile.stderr.contains("plain-file: is a regular file, not a folder"))
    }

    @Test(
        "a project's style.css.mustache and report.html.mustache change index.html; a broken one fails the build with file:line"
    )
    func ownTemplatesInABuild() throws {
        let corpus = try CorpusFixture(badFiles: false)
        let project = try ScratchProject()
        let templates = project.url.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try "body { color: rebeccapurple; }\n".write(
            to: templates.appendingPathComponent("style.css.mustache"), atomically: true, encoding: .utf8)
        let page = """
            <!DOCTYPE html>
            <title>{{title}}</title>
            <style>{{> style}}</style>
            <h1 class="ours">{{title}}</h1>
            {{#sections}}
            {{> section}}
            {{/sections}}

            """
        try page.write(to: templates.appendingPathComponent("report.html.mustache"), atomically: true, encoding: .utf8)
        let build = [
            "build", "--data", corpus.root.path, "--out", "report", "--quiet", "--set", "report.formats=html",
            "--set", "train.models=rf", "--jobs", "2",
        ]
        let run = try CommandRun(build, in: project.url)
        #expect(run.status == 0, "\(run.stderr)")
        let index = project.url.appendingPathComponent("report/index.html")
        let html = try String(contentsOf: index, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<title>Speech emotion report: "))
        #expect(html.contains("<style>body { color: rebeccapurple; }\n</style>"))
        #expect(html.contains("<h1 class=\"ours\">Speech emotion report: "))
        #expect(!html.contains("--accent") && !html.contains("<nav"), "the built-in CSS and page are not used")
        #expect(html.contains("<section id=\"load\">"), "the section partial is still the built-in one")

        try page.replacingOccurrences(of: "{{/sections}}\n", with: "").write(
            to: templates.appendingPathComponent("report.html.mustache"), atomically: true, encoding: .utf8)
        let broken = try CommandRun(build, in: project.url)
        #expect(broken.status == 1)
        #expect(broken.stderr == "serreport: report: templates/report.html.mustache:5: unclosed section 'sections'\n")
        #expect(try String(contentsOf: index, encoding: .utf8) == html, "the last good report is left as it was")

        try FileManager.default.removeItem(at: templates.appendingPathComponent("report.html.mustache"))
        try "<section>{{> section}}</section>\n".write(
            to: templates.appendingPathComponent("section.html.mustache"), atomically: true, encoding: .utf8)
        let looping = try CommandRun(build, in: project.url)
        #expect(looping.status == 1)
        #expect(
            looping.stderr
                == "serreport: report: templates/section.html.mustache:1: partial 'section' includes itself (section → section)\n"
        )

        let site = project.url.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        try "<article>{{title}}</article>\n".write(
            to: site.appendingPathComponent("section.html.mustache"), atomically: true, encoding: .utf8)
        let elsewhere = try CommandRun(build + ["--set", "report.templates=site"], in: project.url)
        #expect(elsewhere.status == 0, "\(elsewhere.stderr)")
        let built = try String(contentsOf: index, encoding: .utf8)
        #expect(built.contains("<article>Load</article>") && built.contains("<nav"), "site/ instead of templates/")
    }
}
