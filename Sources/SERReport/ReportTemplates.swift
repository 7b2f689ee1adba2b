package import Foundation
import SERFiles

#if canImport(Glibc)
    import Glibc
#endif

/// Where the report's templates come from: a project's template folder (`report.templates`, default
/// `templates/`), file by file, and serreport's built-in copy (``BuiltInTemplates``) for every file the
/// folder does not have — the way Quarto or Jekyll let a site override one layout and keep the rest.
///
/// The files, as in the repository's `templates/`: `report.html.mustache` (the page),
/// `section.html.mustache` (one cell's section, a partial of the page), `style.css.mustache` (the CSS
/// the page inlines) and `cells/<cell>.mustache` (each section's narrative, also in the PDF).
package struct ReportTemplates: Sendable {
    /// The page's templates: the partial name each is registered under, and its file.
    package static let page: [(partial: String, file: String)] = [
        ("report", "report.html.mustache"), ("section", "section.html.mustache"), ("style", "style.css.mustache"),
    ]

    /// The largest template read: a template is text a person writes (the built-in ones are 3 KB at
    /// most). swift-mustache's parser measures each token's position from the start of the text, so its
    /// time grows with the square of a template's size: 64 KiB parses in well under a second.
    static let fileLimit = 64 << 10

    /// The project's folder as the user wrote it (what messages show) and where it is; `nil` for none.
    private let folder: (shown: String, url: URL)?
    /// Templates given as text, by name, ahead of the folder's (for fuzzing and tests).
    private var texts: [String: String] = [:]

    /// Serreport's own templates only.
    package static let builtIn = ReportTemplates(folder: nil)

    /// - Parameters:
    ///   - folder: the project's template folder, relative to `base` unless absolute; `nil`, a missing
    ///     folder or a missing file in it means the built-in copy of that file.
    ///   - base: what a relative `folder` is relative to (the working folder when `nil`).
    package init(folder: String?, relativeTo base: URL? = nil) {
        self.folder = folder.map { shown in
            if shown.hasPrefix("/") { return (shown, URL(fileURLWithPath: shown)) }
            let base = base ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            return (shown, base.appendingPathComponent(shown))
        }
    }

    /// The built-in templates with `texts` (by name, e.g. `report.html.mustache`) in place of theirs, as
    /// if a folder called `shown` held them: what a fuzz target or a test feeds without touching disk.
    package init(texts: [String: String], shownAs shown: String = "templates") {
        self.init(folder: nil)
        self.texts = texts.mapValues { $0 }
        textFolder = shown
    }

    /// What ``texts`` are shown as in messages.
    private var textFolder = ""

    /// The template at `name` (a path inside the folder, e.g. `cells/load.mustache`): the project's file
    /// when it has one, else the built-in one, else `nil`.
    package func file(_ name: String) throws(ReportError) -> TemplateFile? {
        if let text = texts[name] { return TemplateFile(name: name, path: Self.join(textFolder, name), text: text) }
        if let folder,
            let data = try Self.read(folder.url.appendingPathComponent(name).path, shown: Self.join(folder.shown, name))
        {
            let shown = Self.join(folder.shown, name)
            guard let text = String(data: data, encoding: .utf8) else {
                throw ReportError(path: shown, reason: "is not UTF-8 text")
            }
            return TemplateFile(name: name, path: shown, text: text)
        }
        return BuiltInTemplates.files[name].map { TemplateFile(name: name, path: "built-in \(name)", text: $0) }
    }

    /// The project's template at `path`, nil when it has none there (nothing there, or a part of the
    /// path is a file): only a regular file is a template, as a named pipe or a device would block the
    /// read, or never end.
    private static func read(_ path: String, shown: String) throws(ReportError) -> Data? {
        do {
            return try RegularFile.read(path, limit: fileLimit)
        } catch {
            if error.problem == .missing || error.problem == .system(ENOTDIR) { return nil }
            throw ReportError(path: shown, reason: error.reason(as: "a template file"))
        }
    }

    /// The names of every template in `subfolder` (e.g. `cells`), built-in or the project's, sorted.
    package func names(in subfolder: String) -> [String] {
        var names = Set(BuiltInTemplates.files.keys.filter { $0.hasPrefix(subfolder + "/") })
        names.formUnion(texts.keys.filter { $0.hasPrefix(subfolder + "/") })
        if let folder {
            let own = folder.url.appendingPathComponent(subfolder)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: own.path)) ?? []
            for file in files where file.hasSuffix(".mustache") && !file.hasPrefix(".") {
                names.insert("\(subfolder)/\(file)")
            }
        }
        return names.sorted()
    }

    /// Checks the project's folder before anything renders and returns what in it no template is named
    /// like (`cells/training.mustache`: a typo would otherwise leave the built-in text in place without a
    /// word). A folder the user named that is missing, or a file where the folder belongs, is an error;
    /// the default folder (`default`) may be absent.
    package func unusedFiles(defaultFolder: String) throws(ReportError) -> [String] {
        guard let folder else { return [] }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.url.path, isDirectory: &isFolder) else {
            if folder.shown == defaultFolder { return [] }
            throw ReportError(
                path: folder.shown,
                reason: "no such template folder (report.templates; `serreport templates init \(folder.shown)` "
                    + "makes one)")
        }
        guard isFolder.boolValue else {
            throw ReportError(path: folder.shown, reason: "is not a folder (report.templates names a template folder)")
        }
        let known = Set(BuiltInTemplates.files.keys)
        var unused: [String] = []
        let manager = FileManager.default
        for name in ((try? manager.contentsOfDirectory(atPath: folder.url.path)) ?? []).sorted()
        where !name.hasPrefix(".") {
            if name == "cells" {
                let cells = folder.url.appendingPathComponent("cells").path
                for cell in ((try? manager.contentsOfDirectory(atPath: cells)) ?? []).sorted()
                where !cell.hasPrefix(".") && !known.contains("cells/\(cell)") {
                    unused.append(Self.join(folder.shown, "cells/\(cell)"))
                }
            } else if !known.contains(name) {
                unused.append(Self.join(folder.shown, name))
            }
        }
        return unused
    }

    /// `folder/name`, without doubling a slash the folder already ends with.
    static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : "\(folder)/\(name)"
    }
}

/// One template's text and what messages call it: the project's file as the user names it
/// (`templates/report.html.mustache`) or `built-in report.html.mustache`.
package struct TemplateFile: Sendable {
    /// The path inside a template folder: `report.html.mustache`, `cells/load.mustache`.
    package let name: String
    /// The file as messages name it.
    package let path: String
    package let text: String
}
