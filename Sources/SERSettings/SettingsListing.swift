/// Settings as people read them: YAML with every key's value and, per key, where the value came from
/// and its doc line (`serreport config`, like `git config --show-origin`), or the defaults with their
/// doc lines (the README's settings block, made from the schema so the two cannot drift).
package enum SettingsListing {
    /// The column trailing comments start at, when the key and value leave room.
    static let commentColumn = 36

    /// Nested YAML, one key per line, with `# <source> · <doc>` (or `# <doc>` without sources).
    package static func yaml(_ leaves: [SettingLeaf], source: ((String) -> ConfigSource)? = nil) -> String {
        var lines: [String] = []
        var open: [String] = []
        for leaf in leaves {
            let path = leaf.key.split(separator: ".").map(String.init)
            let parents = Array(path.dropLast())
            var shared = 0
            while shared < min(open.count, parents.count), open[shared] == parents[shared] { shared += 1 }
            for depth in shared..<parents.count {
                lines.append(String(repeating: "  ", count: depth) + parents[depth] + ":")
            }
            open = parents
            let entry = String(repeating: "  ", count: parents.count) + "\(path.last ?? ""): \(leaf.value)"
            let doc = leaf.doc + (leaf.choices.map { " (\($0.joined(separator: ", ")))" } ?? "")
            let comment = source.map { "\($0(leaf.key)) · \(doc)" } ?? doc
            let padding = max(1, commentColumn - entry.count)
            lines.append(entry + String(repeating: " ", count: padding) + "# " + comment)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One JSON object per key: key, value and default (YAML text), source, type, allowed, doc.
    package static func json(_ leaves: [SettingLeaf], source: (String) -> ConfigSource) -> [[String: String]] {
        leaves.map { leaf in
            var entry = [
                "key": leaf.key, "value": leaf.value, "default": leaf.defaultValue,
                "source": "\(source(leaf.key))", "type": leaf.kind, "doc": leaf.doc,
            ]
            if let allowed = leaf.allowed { entry["allowed"] = allowed }
            return entry
        }
    }
}
