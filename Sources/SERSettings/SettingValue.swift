/// A type a setting can have: read from a configuration node, written back as YAML text, and
/// encoded into `models/settings.json` and cache keys.
package protocol SettingValue: Sendable, Encodable {
    /// Reads a value from a node; the error says what was expected.
    static func parse(_ node: ConfigNode) throws(SettingValueError) -> Self
    /// What values of the type look like, for messages and `serreport config --json`: "a whole number".
    static var kind: String { get }
    /// The value as YAML flow text: `2048`, `scale`, `[rf, xgb]`, `{calm: neutral}`.
    var text: String { get }
    /// The value as a node that reads back as it (`parse(value.node(from: s)) == value`).
    func node(from source: ConfigSource) -> ConfigNode
    /// The names a closed set allows (a list's: its elements'), for listings; `nil` when open.
    static var choices: [String]? { get }
}

extension SettingValue {
    package func node(from source: ConfigSource) -> ConfigNode { .scalar(text, source) }
    package static var choices: [String]? { nil }
}

extension SettingValue {
    /// The text of a scalar node, or an error naming what was expected instead.
    package static func scalarText(_ node: ConfigNode) throws(SettingValueError) -> String {
        guard case .scalar(let text, _) = node else {
            throw SettingValueError("expected \(kind), found \(node.shown)", at: node)
        }
        return text
    }
}

extension Int: SettingValue {
    package static func parse(_ node: ConfigNode) throws(SettingValueError) -> Int {
        let text = try scalarText(node)
        guard let value = Int(text) else { throw SettingValueError("expected \(kind), found '\(text)'", at: node) }
        return value
    }

    package static var kind: String { "a whole number" }
    package var text: String { String(self) }
}

extension Double: SettingValue {
    /// A finite number: `0.1`, `1e-4`, `200`; NaN and infinities are refused.
    package static func parse(_ node: ConfigNode) throws(SettingValueError) -> Double {
        let text = try scalarText(node)
        guard let value = Double(text), value.isFinite else {
            throw SettingValueError("expected \(kind), found '\(text)'", at: node)
        }
        return value
    }

    package static var kind: String { "a number" }
    package var text: String { String(self) }
}

extension Bool: SettingValue {
    /// `true`/`false`, and YAML 1.1's `yes`/`no`/`on`/`off`.
    package static func parse(_ node: ConfigNode) throws(SettingValueError) -> Bool {
        let text = try scalarText(node)
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw SettingValueError("expected \(kind), found '\(text)'", at: node)
        }
    }

    package static var kind: String { "true or false" }
    package var text: String { self ? "true" : "false" }
}

extension Bool {
    /// The flag a YAML 1.1 scalar spells, or `nil`.
    fileprivate static func parse(_ node: ConfigNode, orNil: Void) -> Bool? { try? parse(node) }
}

extension String: SettingValue {
    package static func parse(_ node: ConfigNode) throws(SettingValueError) -> String { try scalarText(node) }
    package static var kind: String { "text" }
    package func node(from source: ConfigSource) -> ConfigNode { .scalar(self, source) }

    /// The text, single-quoted where YAML would read it otherwise (empty, `yes`, `#`, `: `, …).
    package var text: String {
        let plain =
            !isEmpty && first.map { !"!&*-?[]{}|>'\"%@`#,".contains($0) && !$0.isWhitespace } == true
            && last?.isWhitespace == false && !contains(": ") && !contains(" #") && !contains("\n")
            && Bool.parse(.scalar(self, .builtIn), orNil: ()) == nil && Double(self) == nil
            && !["null", "~", "Null", "NULL"].contains(self)
        return plain
            ? self : "'" + split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
    }
}

extension Array: SettingValue where Element: SettingValue {
    /// A YAML list, or one scalar: `a,b` (as `--set train.models=svm,rf` gives) is the list `[a, b]`,
    /// an empty scalar the empty list.
    package static func parse(_ node: ConfigNode) throws(SettingValueError) -> [Element] {
        switch node {
        case .list(let items, _):
            var values: [Element] = []
            for item in items { values.append(try Element.parse(item)) }
            return values
        case .scalar(let text, let source):
            var values: [Element] = []
            for item in text.split(separator: ",") {
                values.append(try Element.parse(.scalar(String(item).trimmingCharacters(in: " "), source)))
            }
            return values
        case .map:
            throw SettingValueError("expected a list of \(Element.kind), found a mapping", at: node)
        }
    }

    package static var kind: String { "a list of \(Element.kind)" }
    package static var choices: [String]? { Element.choices }
    package var text: String { "[" + map(\.text).joined(separator: ", ") + "]" }
    package func node(from source: ConfigSource) -> ConfigNode { .list(map { $0.node(from: source) }, source) }
}

extension Dictionary: SettingValue where Key == String, Value: SettingValue {
    /// A mapping whose keys are the user's own (emotion names in `labels.map`).
    package static func parse(_ node: ConfigNode) throws(SettingValueError) -> [String: Value] {
        guard case .map(let entries, _) = node else {
            throw SettingValueError("expected a mapping of name: \(Value.kind), found \(node.shown)", at: node)
        }
        var values: [String: Value] = [:]
        for (key, value) in entries { values[key] = try Value.parse(value) }
        return values
    }

    package static var kind: String { "a mapping of name: \(Value.kind)" }
    package var text: String {
        "{" + keys.sorted().map { "\($0): \(self[$0]!.text)" }.joined(separator: ", ") + "}"
    }

    package func node(from source: ConfigSource) -> ConfigNode {
        .map(keys.sorted().map { ($0, self[$0]!.node(from: source)) }, source)
    }
}

/// A closed set of names (`protocol: speaker-independent`, `models: [rf, svm]`): reading any other
/// name is an error that lists the allowed ones.
package protocol SettingEnum: SettingValue, CaseIterable, RawRepresentable where RawValue == String {}

extension SettingEnum {
    package static func parse(_ node: ConfigNode) throws(SettingValueError) -> Self {
        let text = try scalarText(node)
        guard let value = Self(rawValue: text) else {
            throw SettingValueError("'\(text)' is not \(kind)", at: node)
        }
        return value
    }

    package static var kind: String { "one of " + allCases.map(\.rawValue).joined(separator: ", ") }
    package static var choices: [String]? { allCases.map(\.rawValue) }
    package var text: String { rawValue }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        var text = Substring(self)
        while text.first == set { text.removeFirst() }
        while text.last == set { text.removeLast() }
        return String(text)
    }
}
