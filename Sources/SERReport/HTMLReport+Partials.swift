extension HTMLReport {
    /// Checks the partials the page's templates include, before anything renders: each must be one of
    /// them by its fixed name (Mustache prints nothing for a misspelt name, and `{{>*name}}` takes the
    /// name from the report's data), and none may include itself, directly or through another —
    /// swift-mustache follows partials with no depth limit, so such a loop would recurse until the
    /// stack overflows. An error names the file and line of the tag that does it.
    static func checkPartials(_ templates: [String: (file: TemplateFile, tags: [MustacheTag])]) throws(ReportError) {
        let names = ReportTemplates.page.map(\.partial)
        for name in names {
            guard let (file, tags) = templates[name] else { continue }
            for tag in tags where tag.kind == .partial && !names.contains(tag.name) {
                let reason =
                    tag.name.hasPrefix("*")
                    ? "'\(tag.written)' takes the partial's name from the report's data; name one of "
                        + names.joined(separator: ", ")
                    : "no partial named '\(tag.name)' (the page's partials: \(names.joined(separator: ", ")))"
                throw ReportError(path: file.path, line: tag.line, reason: reason)
            }
        }
        for name in names {
            if let loop = firstLoop(along: [name], in: templates) {
                throw ReportError(
                    path: loop.file.path, line: loop.tag.line,
                    reason: "partial '\(loop.tag.name)' includes itself (\(loop.names.joined(separator: " → ")))")
            }
        }
    }

    /// The first partial tag, depth first, that includes a template already on `path` (the templates
    /// being rendered, outermost first), with the loop's names.
    private static func firstLoop(
        along path: [String], in templates: [String: (file: TemplateFile, tags: [MustacheTag])]
    ) -> (file: TemplateFile, tag: MustacheTag, names: [String])? {
        guard let name = path.last, let (file, tags) = templates[name] else { return nil }
        for tag in tags where tag.kind == .partial {
            if let start = path.firstIndex(of: tag.name) {
                return (file, tag, Array(path[start...]) + [tag.name])
            }
            if let loop = firstLoop(along: path + [tag.name], in: templates) { return loop }
        }
        return nil
    }
}
