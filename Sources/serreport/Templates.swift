import ArgumentParser
import Foundation
import SERCells
import SERReport

/// `serreport templates`: the report's templates, for a project to change.
struct Templates: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The report's templates: page, section, CSS and cell narratives.",
        discussion: """
            A build uses the templates in the folder report.templates names (default: templates, in the \
            working folder), file by file, and serreport's built-in copy of any file that folder lacks.
            """,
        subcommands: [TemplatesInit.self])
}

/// `serreport templates init [DIR]`: the built-in templates written out, for a project to edit.
struct TemplatesInit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write the built-in templates into DIR, to change the report's layout, style or text.",
        discussion: """
            Writes report.html.mustache (the page), section.html.mustache (one cell's section), \
            style.css.mustache (the page's CSS) and cells/<cell>.mustache (each section's text, also in \
            report.pdf). Prints each file it wrote. A file that exists with other text is kept (exit \
            status 1) unless --force; delete any file you do not change, and the built-in one is used.
            """)

    @Argument(
        help: ArgumentHelp(
            "The folder to write into (created if missing; default: report.templates, i.e. templates).",
            valueName: "dir"))
    var folder: String?

    @OptionGroup var common: CommonOptions

    @Flag(name: .long, help: "Overwrite files that exist with other text.")
    var force = false

    func run() throws {
        let folder = try self.folder ?? common.resolveSettings().report.templates
        let installed: [BuiltInTemplates.Installed]
        do {
            installed = try BuiltInTemplates.install(
                into: URL(fileURLWithPath: folder), shownAs: folder, force: force)
        } catch {
            throw CommandError(error.description)
        }
        var kept = false
        for file in installed {
            switch file {
            case .wrote(let path): print("wrote \(path)")
            case .unchanged(let path): print("unchanged \(path)")
            case .kept(let path):
                Standard.error("serreport: \(path): exists with other text; kept (--force overwrites it)")
                kept = true
            }
        }
        if kept { throw ExitCode.failure }
    }
}
