package import SERSettings
import Yams

/// The settings a user gave, layered like a Quarto or DVC params file: a YAML config file, then
/// command-line options (`--data`, `--set key.path=value`), later ones winning key by key. Every
/// value remembers its source (`serreport.yml:12`, `--set`), and ``resolve(_:)`` reads the tree into
/// a typed ``SettingGroup`` — unknown keys, wrong types and out-of-range values are errors there,
/// before any cell runs. What nobody set keeps the default its setting declares.
///
/// apple/swift-configuration was weighed for this: it reads keys one at a time with the default at
/// the call site, so it cannot refuse a key nobody asks for, has no per-key range or doc, and keeps
/// no line numbers; the schema would be needed beside it anyway, and Yams (already here) gives lines.
package struct Configuration: Sendable {
    /// The merged tree of everything given so far.
    package private(set) var tree: ConfigNode = .empty

    /// Nodes one file may hold at most: a config has about 60 keys, and YAML aliases can make a
    /// small file expand to a huge tree.
    static let nodeLimit = 100_000
    /// Nesting one file may reach at most (the schema's deepest key is four levels down).
    static let depthLimit = 32

    package init() {}

    /// Lays a YAML (or JSON) file's mapping over the tree; an empty file changes nothing.
    package mutating func merge(yaml text: String, file: String) throws(SettingsError) {
        let node = try Self.node(yaml: text, source: .file(file, line: 0))
        if case .scalar(let text, _) = node, text.isEmpty { return }
        tree = tree.merging(node)
    }

    /// Applies one `key.path=value`. The value is read as YAML (`40`, `true`, `[a, b]`); a list
    /// setting also takes a bare `a,b`. A mapping is laid over what is set key by key, and `{}`
    /// empties it.
    package mutating func set(_ assignment: String) throws(SettingsError) {
        let source = ConfigSource.commandLine("--set")
        guard let equals = assignment.firstIndex(of: "=") else {
            throw SettingsError(source: source, key: assignment, reason: "expected key.path=value")
        }
        let key = String(assignment[..<equals])
        let text = String(assignment[assignment.index(after: equals)...])
        let value = text.isEmpty ? ConfigNode.scalar("", source) : try Self.node(yaml: text, source: source)
        try apply(value, at: key, source: source)
    }

    /// Sets a key to a text as given, with no YAML reading (`--data PATH`).
    package mutating func set(_ key: String, text: String, option: String) throws(SettingsError) {
        let source = ConfigSource.commandLine(option)
        try apply(.scalar(text, source), at: key, source: source)
    }

    /// The tree read into typed settings, checked.
    package func resolve<Group: SettingGroup>(_ type: Group.Type) throws(SettingsError) -> ResolvedSettings<Group> {
        try Group.resolve(tree)
    }

    private mutating func apply(_ value: ConfigNode, at key: String, source: ConfigSource) throws(SettingsError) {
        let path = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !path.contains(where: \.isEmpty) else {
            throw SettingsError(source: source, key: key, reason: "empty key")
        }
        // An empty mapping replaces what is there (`--set labels.map={}` clears the file's renames,
        // `--set train={}` puts train back to its defaults); anything else is laid over it key by key.
        if case .map(let entries, _) = value, entries.isEmpty {
            tree = tree.replacing(at: path[...], with: value)
            return
        }
        var nested = value
        for component in path.reversed() { nested = .map([(component, nested)], source) }
        tree = tree.merging(nested)
    }

    /// A YAML text as a tree whose nodes carry `source` with their line.
    package static func node(yaml text: String, source: ConfigSource) throws(SettingsError) -> ConfigNode {
        let composed: Node?
        do {
            composed = try Yams.compose(yaml: text)
        } catch {
            let message = "\(error)".split(separator: "\n").first.map(String.init) ?? "invalid YAML"
            throw SettingsError(source: source, key: "", reason: "invalid YAML: \(message)")
        }
        guard let composed else { return .scalar("", source) }
        var budget = nodeLimit
        return try convert(composed, source: source, depth: 0, budget: &budget)
    }

    private static func convert(_ node: Node, source: ConfigSource, depth: Int, budget: inout Int) throws(SettingsError)
        -> ConfigNode
    {
        var here = source
        if case .file(let path, _) = source, let line = node.mark?.line { here = .file(path, line: line) }
        budget -= 1
        guard budget >= 0, depth <= depthLimit else {
            throw SettingsError(source: here, key: "", reason: "too large or too deeply nested to be a settings file")
        }
        switch node {
        case .scalar(let scalar):
            // YAML's null reads as no text.
            let isNull = scalar.style == .plain && ["~", "null", "Null", "NULL", ""].contains(scalar.string)
            return .scalar(isNull ? "" : scalar.string, here)
        case .sequence(let sequence):
            var items: [ConfigNode] = []
            for item in sequence { items.append(try convert(item, source: source, depth: depth + 1, budget: &budget)) }
            return .list(items, here)
        case .mapping(let mapping):
            var entries: [(key: String, value: ConfigNode)] = []
            for (key, value) in mapping {
                guard case .scalar(let name) = key else {
                    throw SettingsError(source: here, key: "", reason: "a key must be a plain name")
                }
                entries.append(
                    (name.string, try convert(value, source: source, depth: depth + 1, budget: &budget)))
            }
            return .map(entries, here)
        case .alias:
            // `Yams.compose` puts the node an alias names in its place, so aliases work (within the node
            // budget above, which stops an alias bomb); an unresolved one cannot be read.
            throw SettingsError(source: here, key: "", reason: "a YAML alias that names no anchor")
        }
    }
}
