/// One entry of a ``SettingSchema``: a setting, a section of settings, or a nested group.
package protocol SchemaEntry<Group>: Sendable {
    associatedtype Group

    /// The entry's key in its mapping.
    var key: String { get }
    /// Reads the entry's node (found under ``key`` at `path`) into the group.
    func decode(_ node: ConfigNode, at path: String, into group: inout Group, sources: inout [String: ConfigSource])
        throws(SettingsError)
    /// Checks the entry's value(s) against what is allowed.
    func check(_ group: Group, at path: String, sources: [String: ConfigSource]) throws(SettingsError)
    func encode(_ group: Group, into container: inout KeyedEncodingContainer<SettingKey>) throws
    func leaves(of group: Group, defaults: Group, at path: String) -> [SettingLeaf]
}

/// A setting: its key (librosa's or scikit-learn's name), where it lives in the group, a one-line
/// doc and what it allows beyond its type. Its default is the property's initial value.
package struct Setting<Group, Value: SettingValue>: SchemaEntry, @unchecked Sendable {
    package let key: String
    let keyPath: WritableKeyPath<Group, Value>
    let doc: String
    let allowed: Allowed<Group, Value>?

    package init(
        _ key: String, _ keyPath: WritableKeyPath<Group, Value>, _ doc: String, allowed: Allowed<Group, Value>? = nil
    ) {
        self.key = key
        self.keyPath = keyPath
        self.doc = doc
        self.allowed = allowed
    }

    package func decode(
        _ node: ConfigNode, at path: String, into group: inout Group, sources: inout [String: ConfigSource]
    ) throws(SettingsError) {
        do {
            group[keyPath: keyPath] = try Value.parse(node)
        } catch {
            throw SettingsError(source: error.source, key: path, reason: error.reason)
        }
        sources[path] = node.source
    }

    package func check(_ group: Group, at path: String, sources: [String: ConfigSource]) throws(SettingsError) {
        guard let allowed else { return }
        let value = group[keyPath: keyPath]
        guard allowed.accepts(value, group) else {
            throw SettingsError(
                source: sources[path] ?? .builtIn, key: path,
                reason: "\(value.text) is out of range (allowed: \(allowed.describe(group)))")
        }
    }

    package func encode(_ group: Group, into container: inout KeyedEncodingContainer<SettingKey>) throws {
        try container.encode(group[keyPath: keyPath], forKey: SettingKey(key))
    }

    package func leaves(of group: Group, defaults: Group, at path: String) -> [SettingLeaf] {
        let refused = allowed?.violation(group)?.node(from: .builtIn) ?? Self.wrongType
        return [
            SettingLeaf(
                key: path, value: group[keyPath: keyPath].text, defaultValue: defaults[keyPath: keyPath].text,
                kind: Value.kind, choices: Value.choices, allowed: allowed?.describe(group), doc: doc,
                refused: refused)
        ]
    }
}

extension Setting {
    /// A node of the wrong shape for the value's type: a mapping, or a scalar where a mapping is expected.
    static var wrongType: ConfigNode {
        let mapping = ConfigNode.map([], .builtIn)
        return (try? Value.parse(mapping)) == nil ? mapping : .scalar("not a mapping", .builtIn)
    }
}

/// A mapping of settings of the same group, e.g. `mfcc:` holding `n_mfcc` and `n_mels` of the
/// feature parameters: the file's nesting need not be the struct's.
package struct Section<Group>: SchemaEntry {
    package let key: String
    let schema: SettingSchema<Group>

    package init(_ key: String, _ entries: [any SchemaEntry<Group>]) {
        self.key = key
        schema = SettingSchema(entries)
    }

    package func decode(
        _ node: ConfigNode, at path: String, into group: inout Group, sources: inout [String: ConfigSource]
    ) throws(SettingsError) {
        try schema.decode(node, at: path, into: &group, sources: &sources)
    }

    package func check(_ group: Group, at path: String, sources: [String: ConfigSource]) throws(SettingsError) {
        try schema.check(group, at: path, sources: sources)
    }

    package func encode(_ group: Group, into container: inout KeyedEncodingContainer<SettingKey>) throws {
        var nested = container.nestedContainer(keyedBy: SettingKey.self, forKey: SettingKey(key))
        try schema.encode(group, into: &nested)
    }

    package func leaves(of group: Group, defaults: Group, at path: String) -> [SettingLeaf] {
        schema.leaves(of: group, defaults: defaults, at: path)
    }
}

/// Another module's ``SettingGroup`` under a key (`process:`, `features:`, `train:`).
package struct Nested<Group, Child: SettingGroup>: SchemaEntry, @unchecked Sendable {
    package let key: String
    let keyPath: WritableKeyPath<Group, Child>

    package init(_ key: String, _ keyPath: WritableKeyPath<Group, Child>) {
        self.key = key
        self.keyPath = keyPath
    }

    package func decode(
        _ node: ConfigNode, at path: String, into group: inout Group, sources: inout [String: ConfigSource]
    ) throws(SettingsError) {
        var child = group[keyPath: keyPath]
        try Child.schema.decode(node, at: path, into: &child, sources: &sources)
        group[keyPath: keyPath] = child
    }

    package func check(_ group: Group, at path: String, sources: [String: ConfigSource]) throws(SettingsError) {
        try Child.schema.check(group[keyPath: keyPath], at: path, sources: sources)
    }

    package func encode(_ group: Group, into container: inout KeyedEncodingContainer<SettingKey>) throws {
        try container.encode(group[keyPath: keyPath], forKey: SettingKey(key))
    }

    package func leaves(of group: Group, defaults: Group, at path: String) -> [SettingLeaf] {
        Child.schema.leaves(of: group[keyPath: keyPath], defaults: defaults[keyPath: keyPath], at: path)
    }
}
