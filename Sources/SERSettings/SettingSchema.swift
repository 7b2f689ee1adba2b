/// The settings of a ``SettingGroup``: its entries (settings, sections, nested groups) in the order
/// a config file lists them, and rules that tie several settings together.
package struct SettingSchema<Group>: Sendable {
    package let entries: [any SchemaEntry<Group>]
    package let rules: [Rule<Group>]

    package init(_ entries: [any SchemaEntry<Group>], rules: [Rule<Group>] = []) {
        self.entries = entries
        self.rules = rules
    }

    /// Sets every key the mapping names; an unknown key is an error that lists the known ones.
    func decode(
        _ node: ConfigNode, at prefix: String, into group: inout Group, sources: inout [String: ConfigSource]
    ) throws(SettingsError) {
        guard case .map(let pairs, _) = node else {
            throw SettingsError(
                source: node.source, key: prefix, reason: "expected a mapping of settings, found \(node.shown)")
        }
        for (key, value) in pairs {
            let path = Self.join(prefix, key)
            guard let entry = entries.first(where: { $0.key == key }) else {
                throw SettingsError(source: value.source, key: path, reason: unknownKeyReason(key, under: prefix))
            }
            try entry.decode(value, at: path, into: &group, sources: &sources)
        }
    }

    /// Checks every value against what its setting allows, then the rules.
    func check(_ group: Group, at prefix: String, sources: [String: ConfigSource]) throws(SettingsError) {
        for entry in entries { try entry.check(group, at: Self.join(prefix, entry.key), sources: sources) }
        for rule in rules {
            let path = Self.join(prefix, rule.key)
            if let reason = rule.problem(group) {
                throw SettingsError(source: sources[path] ?? .builtIn, key: path, reason: reason)
            }
        }
    }

    func encode(_ group: Group, into container: inout KeyedEncodingContainer<SettingKey>) throws {
        for entry in entries { try entry.encode(group, into: &container) }
    }

    func leaves(of group: Group, defaults: Group, at prefix: String) -> [SettingLeaf] {
        entries.flatMap { $0.leaves(of: group, defaults: defaults, at: Self.join(prefix, $0.key)) }
    }

    static func join(_ prefix: String, _ key: String) -> String { prefix.isEmpty ? key : "\(prefix).\(key)" }

    /// "unknown key; known keys under features: n_fft, hop_length, … (did you mean hop_length?)"
    private func unknownKeyReason(_ key: String, under prefix: String) -> String {
        let known = entries.map(\.key)
        let context = prefix.isEmpty ? "" : " under \(prefix)"
        var reason = "unknown key; known keys\(context): \(known.joined(separator: ", "))"
        if let closest = known.min(by: { editDistance($0, key) < editDistance($1, key) }),
            editDistance(closest, key) <= 2
        {
            reason += " (did you mean \(closest)?)"
        }
        return reason
    }
}

/// A check that ties settings together (spectral contrast's bands below the Nyquist frequency of
/// `sample_rate`), reported against `key`.
package struct Rule<Group>: @unchecked Sendable {
    /// The key the error names, relative to the group.
    package let key: String
    /// Why the group's values do not work together, or `nil`.
    package let problem: (Group) -> String?

    package init(_ key: String, _ problem: @escaping (Group) -> String?) {
        self.key = key
        self.problem = problem
    }
}

/// Levenshtein distance, for "did you mean" suggestions on unknown keys.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    guard !a.isEmpty else { return b.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + [Int](repeating: 0, count: b.count)
        for j in stride(from: 1, through: b.count, by: 1) {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        }
        previous = current
    }
    return previous[b.count]
}
