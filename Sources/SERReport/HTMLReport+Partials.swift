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
        if let repeated = firstRepeatedSection(in: "report", templates: templates) {
            throw ReportError(
                path: repeated.file.path, line: repeated.tag.line,
                reason: "'\(repeated.tag.written)' opens inside the section over the same name (line "
                    + "\(repeated.outer.line) of \(repeated.outerFile)): every item would render the whole list "
                    + "again, so the page grows exponentially with the nesting")
        }
    }

    /// The first partial tag, depth first, that includes a template already on `path` (the templates
    /// being rendered, outermost first), with the loop's names. Each partial name is followed once per
    /// template (its later tags lead to the same place), so a page of a million `{{> section}}` tags is
    /// a million steps, not a million times the partial's.
    private static func firstLoop(
        along path: [String], in templates: [String: (file: TemplateFile, tags: [MustacheTag])]
    ) -> (file: TemplateFile, tag: MustacheTag, names: [String])? {
        guard let name = path.last, let (file, tags) = templates[name] else { return nil }
        var followed: Set<String> = []
        for tag in tags where tag.kind == .partial && followed.insert(tag.name).inserted {
            if let start = path.firstIndex(of: tag.name) {
                return (file, tag, Array(path[start...]) + [tag.name])
            }
            if let loop = firstLoop(along: path + [tag.name], in: templates) { return loop }
        }
        return nil
    }

    /// The first section, through the partials the page includes, that opens inside a section of the same
    /// name (`{{#sections}}…{{#sections}}`). Mustache looks a name up through every enclosing item, so
    /// the inner one finds the outer list again and renders all of it once per outer item: nine such
    /// levels over five sections are two million renderings of a template a few hundred bytes long. The
    /// report's data has no list inside an item of the same name, so this never refuses a page that works.
    /// Partials form no loop (checked first).
    static func firstRepeatedSection(
        in name: String, templates: [String: (file: TemplateFile, tags: [MustacheTag])]
    ) -> (file: TemplateFile, tag: MustacheTag, outer: MustacheTag, outerFile: String)? {
        var search = RepeatedSectionSearch(templates: templates)
        return search.first(in: name, open: [])
    }
}

/// ``HTMLReport/firstRepeatedSection(in:templates:)``'s walk, remembering per partial the list names it
/// opens and the repetition it holds on its own: a partial included many times inside sections that it
/// does not open again is looked at once, not once per inclusion.
private struct RepeatedSectionSearch {
    typealias Found = (file: TemplateFile, tag: MustacheTag, outer: MustacheTag, outerFile: String)
    let templates: [String: (file: TemplateFile, tags: [MustacheTag])]
    private var opened: [String: Set<String>] = [:]
    private var own: [String: Found?] = [:]

    init(templates: [String: (file: TemplateFile, tags: [MustacheTag])]) {
        self.templates = templates
    }

    /// The list names a template opens, through its partials.
    mutating func lists(opened name: String) -> Set<String> {
        if let known = opened[name] { return known }
        var names: Set<String> = []
        var partials: Set<String> = []
        for tag in templates[name]?.tags ?? [] {
            if tag.kind == .open { names.insert(MustacheTag.listName(tag.name)) }
            if tag.kind == .partial { partials.insert(tag.name) }
        }
        for partial in partials { names.formUnion(lists(opened: partial)) }
        opened[name] = names
        return names
    }

    mutating func first(in name: String, open: [(name: String, tag: MustacheTag, file: String)]) -> Found? {
        guard let (file, tags) = templates[name] else { return nil }
        var open = open
        for tag in tags {
            switch tag.kind {
            case .open:
                let list = MustacheTag.listName(tag.name)
                if list != ".", let outer = open.last(where: { $0.name == list }) {
                    return (file, tag, outer.tag, outer.file)
                }
                open.append((list, tag, file.path))
            case .close:
                _ = open.popLast()
            case .partial:
                if !lists(opened: tag.name).isDisjoint(with: open.map(\.name)) {
                    if let found = first(in: tag.name, open: open) { return found }
                } else if let found = ownRepetition(tag.name) {
                    return found
                }
            case .other, .unclosed:
                continue
            }
        }
        return nil
    }

    /// The repetition a template holds whatever encloses it (none of its lists is open outside it).
    private mutating func ownRepetition(_ name: String) -> Found? {
        if let known = own[name] { return known }
        let found = first(in: name, open: [])
        own[name] = .some(found)
        return found
    }
}
