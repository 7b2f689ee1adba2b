/// One tag of a Mustache template and the line it starts on, as ``MustacheTag/tags(in:)`` finds them:
/// what a parse error needs to name the section it is about, and what the partial check needs to see
/// which template includes which. swift-mustache keeps its tokens, and their positions, to itself.
struct MustacheTag: Equatable {
    enum Kind: Equatable {
        /// `{{#name}}`, `{{^name}}`, `{{$name}}`, `{{<name}}` (a parent partial): closed by `{{/name}}`.
        case open
        case close
        /// `{{>name}}`; `{{<name}}` is also recorded as one, right after its `open`.
        case partial
        /// Anything else: variables, comments, set-delimiter and `{{% }}` tags.
        case other
        /// An opening delimiter with no closing one after it: the last tag found.
        case unclosed
    }

    var kind: Kind
    /// The name inside the tag, without its sigil or spaces: `sections`, `empty(provenance)`, `*name`.
    var name: String
    /// The tag as written, delimiters and all (`{{/sections}}`); for an unclosed tag, up to its line's end.
    var written: String
    /// Counting from 1, as swift-mustache's parse errors do (`\r\n` is one line end).
    var line: Int

    /// Every tag of `text`, in order, found as swift-mustache's parser finds them: `{{`…`}}` (or the
    /// delimiters a `{{=<% %>=}}` tag set, until the section it is in ends), `{{{name}}}`, comments
    /// running to the first closing delimiter. Stops at a tag with no closing delimiter.
    static func tags(in text: String) -> [MustacheTag] {
        let characters = Array(text)
        var delimiters: (open: [Character], close: [Character]) = (Array("{{"), Array("}}"))
        var saved: [(open: [Character], close: [Character])] = []
        var tags: [MustacheTag] = []
        var index = 0
        var line = 1
        while index < characters.count {
            if characters[index].isNewline {
                line += 1
                index += 1
                continue
            }
            guard characters.hasPrefix(delimiters.open, at: index) else {
                index += 1
                continue
            }
            let start = index + delimiters.open.count
            guard let end = characters.firstIndex(of: delimiters.close, from: start) else {
                let written = String(characters[index...].prefix(while: { !$0.isNewline }))
                tags.append(MustacheTag(kind: .unclosed, name: "", written: written, line: line))
                break
            }
            let content = characters[start..<end]
            let after = end + delimiters.close.count
            let tag = { (kind: Kind, name: String) in
                MustacheTag(kind: kind, name: name, written: String(characters[index..<after]), line: line)
            }
            let name = String(content.dropFirst()).trimmingSpaces
            switch content.first {
            case "#", "^", "$", "<":
                saved.append(delimiters)
                tags.append(tag(.open, name))
                if content.first == "<" { tags.append(tag(.partial, name)) }
            case "/":
                tags.append(tag(.close, name))
                delimiters = saved.popLast() ?? delimiters
            case ">":
                tags.append(tag(.partial, name))
            case "=":
                tags.append(tag(.other, name))
                let parts = name.dropLast(name.hasSuffix("=") ? 1 : 0).split(whereSeparator: \.isWhitespace)
                if parts.count == 2 { delimiters = (Array(parts[0]), Array(parts[1])) }
            case "{", "!", "&", "%":
                tags.append(tag(.other, name))
            default:
                tags.append(tag(.other, String(content).trimmingSpaces))
            }
            line += content.count(where: \.isNewline)
            index = after
            if content.first == "{", characters.hasPrefix(["}"], at: index) { index += 1 }
        }
        return tags
    }

    /// The first place sections do not nest: a closing tag that does not close the innermost open
    /// section, or a section still open at the end (the innermost, where it opens).
    static func sectionProblem(in tags: [MustacheTag]) -> (line: Int, reason: String)? {
        var open: [MustacheTag] = []
        for tag in tags {
            switch tag.kind {
            case .open:
                open.append(tag)
            case .close:
                guard let innermost = open.popLast() else {
                    return (tag.line, "'\(tag.written)' closes no open section")
                }
                if innermost.name != tag.name {
                    return (
                        tag.line,
                        "'\(tag.written)' does not close section '\(innermost.name)' (opened on line \(innermost.line))"
                    )
                }
            case .partial, .other, .unclosed:
                continue
            }
        }
        return open.last.map { ($0.line, "unclosed section '\($0.name)'") }
    }

    /// The list a section's name looks up: the name inside a transform's parentheses
    /// (`reversed(rows)` → `rows`), else the name itself.
    static func listName(_ name: String) -> String {
        guard let open = name.lastIndex(of: "("), let close = name.firstIndex(of: ")"), open < close else {
            return name
        }
        return String(name[name.index(after: open)..<close])
    }

    /// The first section opened more than `maximumDepth` sections deep, if any.
    static func tooDeep(in tags: [MustacheTag], maximumDepth: Int) -> MustacheTag? {
        var depth = 0
        for tag in tags {
            switch tag.kind {
            case .open:
                depth += 1
                if depth > maximumDepth { return tag }
            case .close:
                depth -= 1
            case .partial, .other, .unclosed:
                continue
            }
        }
        return nil
    }
}

extension Array where Element == Character {
    fileprivate func hasPrefix(_ prefix: [Character], at index: Int) -> Bool {
        index + prefix.count <= count && self[index..<(index + prefix.count)].elementsEqual(prefix)
    }

    fileprivate func firstIndex(of needle: [Character], from start: Int) -> Int? {
        var index = start
        while index + needle.count <= count {
            if hasPrefix(needle, at: index) { return index }
            index += 1
        }
        return nil
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
