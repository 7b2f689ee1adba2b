import Mustache

extension TemplateFile {
    /// Sections may nest this deep: swift-mustache parses and renders a section by recursion, so a
    /// pathological template could otherwise exhaust the stack. The built-in page nests 2 deep.
    static let maximumSectionDepth = 64
    /// Tags and lines a template may hold at most: swift-mustache's parser takes time proportional to
    /// their count times the template's length (it measures each from the start), so a file of tens of
    /// thousands would parse for minutes. The built-in page has under 50 tags and 60 lines.
    static let maximumTags = 5000
    static let maximumLines = 5000

    /// The template parsed, with its tags (for the partial check); `header` goes before the text on its
    /// first line (a `{{% }}` tag, which moves no line). A template that does not parse is an error
    /// naming this file, the line and what is wrong: `templates/report.html.mustache:12: unclosed
    /// section 'sections'`.
    func parsed(header: String = "") throws(ReportError) -> (template: MustacheTemplate, tags: [MustacheTag]) {
        let tags = MustacheTag.tags(in: text)
        if tags.count > Self.maximumTags {
            throw ReportError(
                path: path, line: tags[Self.maximumTags].line,
                reason: "more than \(Self.maximumTags) tags; a report template is a page a person writes")
        }
        let lines = text.utf8.count(where: { $0 == 0x0A }) + 1
        if lines > Self.maximumLines {
            throw ReportError(
                path: path,
                reason: "\(lines) lines, more than \(Self.maximumLines); a report template is a page a person writes")
        }
        if let deep = MustacheTag.tooDeep(in: tags, maximumDepth: Self.maximumSectionDepth) {
            throw ReportError(
                path: path, line: deep.line, reason: "sections nested more than \(Self.maximumSectionDepth) deep")
        }
        do {
            return (try MustacheTemplate(string: header + text), tags)
        } catch let error as MustacheTemplate.ParserError {
            let line = error.context.lineNumber
            let known = error.error as? MustacheTemplate.Error
            if known == nil || known == .unfinishedName, let unclosed = tags.last, unclosed.kind == .unclosed {
                throw ReportError(
                    path: path, line: unclosed.line, reason: "'\(unclosed.written)': the tag is not closed")
            }
            switch known {
            case .sectionCloseNameIncorrect?, .expectedSectionEnd?:
                if let problem = MustacheTag.sectionProblem(in: tags) {
                    throw ReportError(path: path, line: problem.line, reason: problem.reason)
                }
                throw ReportError(path: path, line: line, reason: "sections do not nest: a closing tag is missing")
            case let known?:
                throw ReportError(path: path, line: line, reason: Self.reason(known))
            case nil:
                throw ReportError(path: path, line: line, reason: "a tag is not closed")
            }
        } catch {
            throw ReportError(path: path, reason: "does not parse (\(error))")
        }
    }

    /// What each of swift-mustache's parse errors means, in a sentence a template author understands.
    private static func reason(_ error: MustacheTemplate.Error) -> String {
        switch error {
        case .unfinishedName:
            "a tag is not closed, or its name has a character Mustache does not allow (letters, digits, . - _ ? *)"
        case .sectionCloseNameIncorrect, .expectedSectionEnd: "sections do not nest"
        case .invalidSetDelimiter: "a set-delimiter tag must look like {{=<% %>=}}"
        case .transformAppliedToInheritanceSection: "a block ({{$name}}) cannot take a transform"
        case .illegalTokenInsideInheritSection, .textInsideInheritSection:
            "only blocks ({{$name}}…{{/name}}) may stand inside a parent ({{<name}}…{{/name}})"
        case .invalidConfigVariableSyntax: "a {{% }} tag must look like {{% CONTENT_TYPE: TEXT}}"
        case .unrecognisedConfigVariable: "unknown {{% }} setting (CONTENT_TYPE is the one there is)"
        }
    }
}
