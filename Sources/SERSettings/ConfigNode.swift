/// A configuration tree as read from a YAML or JSON file or a `--set` option, before the schema
/// gives it types: text scalars, lists and mappings, each remembering where it came from.
package indirect enum ConfigNode: Sendable {
    case scalar(String, ConfigSource)
    case list([ConfigNode], ConfigSource)
    /// Keys in the order written; a key appears once.
    case map([(key: String, value: ConfigNode)], ConfigSource)

    package var source: ConfigSource {
        switch self {
        case .scalar(_, let source), .list(_, let source), .map(_, let source): source
        }
    }

    /// An empty mapping: no setting given.
    package static let empty = ConfigNode.map([], .builtIn)

    /// The value under `key` of a mapping.
    package subscript(key: String) -> ConfigNode? {
        guard case .map(let entries, _) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    /// `overlay` laid over this node: mappings merge key by key (the overlay's value wins), anything
    /// else is replaced.
    package func merging(_ overlay: ConfigNode) -> ConfigNode {
        guard case .map(var entries, _) = self, case .map(let added, let source) = overlay else { return overlay }
        for (key, value) in added {
            if let index = entries.firstIndex(where: { $0.key == key }) {
                entries[index].value = entries[index].value.merging(value)
            } else {
                entries.append((key, value))
            }
        }
        return .map(entries, source)
    }

    /// This node with the value at `path` (keys of nested mappings) replaced by `value` whole: what
    /// `--set key={}` does, where merging an empty mapping would change nothing.
    package func replacing(at path: ArraySlice<String>, with value: ConfigNode) -> ConfigNode {
        guard let key = path.first else { return value }
        guard case .map(var entries, let source) = self else {
            return ConfigNode.empty.replacing(at: path, with: value)
        }
        if let index = entries.firstIndex(where: { $0.key == key }) {
            entries[index].value = entries[index].value.replacing(at: path.dropFirst(), with: value)
        } else {
            entries.append((key, ConfigNode.empty.replacing(at: path.dropFirst(), with: value)))
        }
        return .map(entries, source)
    }

    /// How the node reads in a message: `'1025'`, `a list`, `a mapping`.
    package var shown: String {
        switch self {
        case .scalar(let text, _): "'\(text)'"
        case .list: "a list"
        case .map: "a mapping"
        }
    }
}

extension ConfigNode {
    /// The same tree with every node from `source`.
    package func from(_ source: ConfigSource) -> ConfigNode {
        switch self {
        case .scalar(let text, _): .scalar(text, source)
        case .list(let items, _): .list(items.map { $0.from(source) }, source)
        case .map(let entries, _): .map(entries.map { ($0.key, $0.value.from(source)) }, source)
        }
    }

    /// A mapping without `key`; any other node as it is.
    package func removing(_ key: String) -> ConfigNode {
        guard case .map(let entries, let source) = self else { return self }
        return .map(entries.filter { $0.key != key }, source)
    }
}
