/// The values a setting allows beyond its type — a range, an even number, names given once — said
/// in words for messages and `serreport config`, and with a value outside it, so a test can walk
/// every key of the schema and check that an out-of-range value is refused.
///
/// A bound may depend on the other settings of the same group (`n_mfcc` at most `n_mels`): every
/// closure receives the group as resolved.
package struct Allowed<Group, Value>: @unchecked Sendable {
    /// "an even number from 16 to 65536".
    package let describe: (Group) -> String
    package let accepts: (Value, Group) -> Bool
    /// A value the rule refuses, when there is one.
    package let violation: (Group) -> Value?

    package init(
        describe: @escaping (Group) -> String, accepts: @escaping (Value, Group) -> Bool,
        violation: @escaping (Group) -> Value?
    ) {
        self.describe = describe
        self.accepts = accepts
        self.violation = violation
    }

    /// Every rule at once.
    package static func all(_ rules: Allowed...) -> Allowed {
        Allowed(
            describe: { group in rules.map { $0.describe(group) }.joined(separator: "; ") },
            accepts: { value, group in rules.allSatisfy { $0.accepts(value, group) } },
            violation: { group in rules.lazy.compactMap { $0.violation(group) }.first })
    }
}

extension Allowed where Value == Int {
    /// From `range.lowerBound` to `range.upperBound`, both included.
    package static func range(_ range: ClosedRange<Int>, or also: [Int] = []) -> Allowed {
        let words = also.map(String.init).joined(separator: ", ")
        return Allowed(
            describe: { _ in (also.isEmpty ? "" : "\(words), or ") + "\(range.lowerBound) to \(range.upperBound)" },
            accepts: { value, _ in range.contains(value) || also.contains(value) },
            violation: { _ in range.upperBound < Int.max ? range.upperBound + 1 : range.lowerBound - 1 })
    }

    /// An even number in `range` (an odd `n_fft` changes librosa's frame count).
    package static func even(_ range: ClosedRange<Int>) -> Allowed {
        Allowed(
            describe: { _ in "an even number from \(range.lowerBound) to \(range.upperBound)" },
            accepts: { value, _ in range.contains(value) && value % 2 == 0 },
            violation: { _ in range.lowerBound + (range.lowerBound % 2 == 0 ? 1 : 0) })
    }

    /// From `lowest` up to another setting of the group, named `name` in messages.
    package static func from(_ lowest: Int, upTo bound: KeyPath<Group, Int>, named name: String)
        -> Allowed
    {
        Allowed(
            describe: { group in "\(lowest) to \(name) (\(group[keyPath: bound]))" },
            accepts: { value, group in value >= lowest && value <= group[keyPath: bound] },
            violation: { group in group[keyPath: bound] + 1 })
    }
}

extension Allowed where Value == Double {
    /// Between `lower` and `upper`; each end included unless said otherwise.
    package static func range(
        _ lower: Double, _ upper: Double, includingLower: Bool = true, includingUpper: Bool = true
    ) -> Allowed {
        let from = includingLower ? "from \(lower.text)" : "more than \(lower.text)"
        let to = includingUpper ? "to \(upper.text)" : "less than \(upper.text)"
        return Allowed(
            describe: { _ in "\(from) \(to)" },
            accepts: { value, _ in
                (includingLower ? value >= lower : value > lower) && (includingUpper ? value <= upper : value < upper)
            },
            violation: { _ in upper + max(1, abs(upper)) })
    }
}

extension Allowed where Value == String {
    /// Any text but the empty one.
    package static var nonEmpty: Allowed {
        Allowed(describe: { _ in "not empty" }, accepts: { value, _ in !value.isEmpty }, violation: { _ in "" })
    }
}

extension Allowed {
    /// A list whose every element `element` allows.
    package static func each<Element>(_ element: Allowed<Group, Element>) -> Allowed where Value == [Element] {
        Allowed(
            describe: { group in "each " + element.describe(group) },
            accepts: { values, group in values.allSatisfy { element.accepts($0, group) } },
            violation: { group in element.violation(group).map { [$0] } })
    }

    /// A list that names nothing twice.
    package static func unique<Element: Hashable & SettingValue>() -> Allowed where Value == [Element] {
        Allowed(
            describe: { _ in "each named once" },
            accepts: { values, _ in Set(values).count == values.count },
            violation: { _ in nil })
    }

    /// A list with at least one element.
    package static func atLeastOne<Element>() -> Allowed where Value == [Element] {
        Allowed(describe: { _ in "at least one" }, accepts: { values, _ in !values.isEmpty }, violation: { _ in [] })
    }
}

extension Allowed where Value == [String: String] {
    /// A mapping whose names and values are not empty.
    package static var namesNotEmpty: Allowed {
        Allowed(
            describe: { _ in "names not empty" },
            accepts: { values, _ in values.allSatisfy { !$0.key.isEmpty && !$0.value.isEmpty } },
            violation: { _ in ["": ""] })
    }
}
