/// A struct of settings owned by the module that uses them (SERDSP's feature parameters, SERLearn's
/// model parameters): each property's initial value is the setting's default — declared there and
/// nowhere else — and ``schema`` gives each its key, its doc line and the values it allows.
///
/// Encoding goes through the schema, under the settings' own key names, so an encoded group is the
/// same tree a config file writes (`models/settings.json`, cache keys, `status` messages).
package protocol SettingGroup: Sendable, Encodable {
    /// Every setting at its default.
    init()
    static var schema: SettingSchema<Self> { get }
}

extension SettingGroup {
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: SettingKey.self)
        try Self.schema.encode(self, into: &container)
    }

    /// Reads a configuration tree into settings: every key known and well typed, then every value
    /// in its allowed range — or the first error, naming the key, the value, what is allowed and
    /// where the value came from.
    package static func resolve(_ node: ConfigNode) throws(SettingsError) -> ResolvedSettings<Self> {
        var value = Self()
        var sources: [String: ConfigSource] = [:]
        try schema.decode(node, at: "", into: &value, sources: &sources)
        try schema.check(value, at: "", sources: sources)
        return ResolvedSettings(value: value, sources: sources)
    }

    /// Every setting with its value, default, type, allowed values and doc line, in schema order.
    package var leaves: [SettingLeaf] { Self.schema.leaves(of: self, defaults: Self(), at: "") }
}

/// Settings as resolved, with where each value came from.
package struct ResolvedSettings<Group: SettingGroup>: Sendable {
    package var value: Group
    /// The source of each key a file or option set, by dotted key; other keys are defaults.
    package var sources: [String: ConfigSource]

    package init(value: Group, sources: [String: ConfigSource]) {
        self.value = value
        self.sources = sources
    }

    package func source(of key: String) -> ConfigSource { sources[key] ?? .builtIn }
}

/// A key of a settings mapping.
package struct SettingKey: CodingKey {
    package let stringValue: String
    package var intValue: Int? { nil }

    package init(_ name: String) { stringValue = name }
    package init?(stringValue: String) { self.stringValue = stringValue }
    package init?(intValue: Int) { nil }
}

/// One setting as `serreport config` and the README show it.
package struct SettingLeaf: Sendable {
    /// The dotted key: `features.mfcc.n_mfcc`.
    package var key: String
    /// The value and the default as YAML text.
    package var value: String
    package var defaultValue: String
    /// What values of its type look like ("a whole number"), and what its rule allows, if any.
    package var kind: String
    /// The names a closed set allows, when it is one.
    package var choices: [String]?
    package var allowed: String?
    package var doc: String
    /// A value the schema refuses for this key (out of range, or of the wrong type), as a node.
    package var refused: ConfigNode
}

extension SettingGroup {
    /// Checks these settings against their schema's rules, as ``resolve(_:)`` does; for values made
    /// in code rather than read from a file.
    package func validated() throws(SettingsError) {
        try Self.schema.check(self, at: "", sources: [:])
    }
}
