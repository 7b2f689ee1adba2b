import Foundation

/// A cell's parameters flattened to dotted keys with their values as JSON text, e.g.
/// `features.mfcc.n_mfcc` → `20`: the canonical form hashed into cache keys, and what `status`
/// compares to say which setting changed.
package struct ParameterList: Sendable, Equatable, Codable {
    package var values: [String: String]

    package init(values: [String: String]) { self.values = values }

    package init(_ parameters: some Encodable) {
        var values: [String: String] = [:]
        if let data = try? JSONEncoder.stable.encode(parameters),
            let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        {
            Self.flatten(object, prefix: "", into: &values)
        }
        self.values = values
    }

    /// The keys equal to one of `prefixes` or under it (`process` selects `process.trim.top_db`).
    package func selecting(_ prefixes: [String]) -> ParameterList {
        ParameterList(
            values: values.filter { key, _ in prefixes.contains { key == $0 || key.hasPrefix($0 + ".") } })
    }

    /// One line per key, in key order.
    package var canonical: String {
        values.keys.sorted().map { "\($0)=\(values[$0]!)" }.joined(separator: "\n")
    }

    /// "features.mfcc.n_mfcc 20 → 40" for each key whose value differs from `earlier` (added keys
    /// read "(new)", removed keys "(removed)"), in key order.
    package func changes(since earlier: ParameterList) -> [String] {
        let keys = Set(values.keys).union(earlier.values.keys).sorted()
        func shown(_ value: String?) -> String? {
            guard let value, value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") else { return value }
            return String(value.dropFirst().dropLast())
        }
        return keys.compactMap { key in
            switch (shown(earlier.values[key]), shown(values[key])) {
            case (let old?, let new?) where old != new: "\(key) \(old) → \(new)"
            case (nil, let new?): "\(key) \(new) (new)"
            case (let old?, nil): "\(key) \(old) (removed)"
            default: nil
            }
        }
    }

    private static func flatten(_ object: Any, prefix: String, into values: inout [String: String]) {
        if let dictionary = object as? [String: Any] {
            for (key, value) in dictionary {
                flatten(value, prefix: prefix.isEmpty ? key : "\(prefix).\(key)", into: &values)
            }
        } else {
            let data = try? JSONSerialization.data(
                withJSONObject: object, options: [.fragmentsAllowed, .sortedKeys, .withoutEscapingSlashes])
            values[prefix] = data.map { String(decoding: $0, as: UTF8.self) } ?? "\(object)"
        }
    }
}
