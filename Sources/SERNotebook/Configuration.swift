package import Yams

/// A configuration tree resolved from built-in defaults, an optional YAML file and `--set` overrides,
/// in that order of precedence (later wins), like a Quarto or DVC params file.
///
/// Every key a file or an override names must exist in the defaults: an unknown key is an error that
/// names the key and its source, never silently ignored. Decoding into a typed value reports a wrong
/// type the same way. The one exception is a mapping that is empty in the defaults (`map: {}`): it is
/// open, its keys are the user's own (emotion names in `labels.map`, say).
package struct Configuration {
    /// The merged tree.
    package private(set) var root: Node
    /// Which source last set each dotted key path (`"built-in defaults"`, a file path, or `--set`).
    package private(set) var origins: [String: String]
    /// The dotted key paths of the defaults' empty mappings, which take any keys.
    private let openMappings: Set<String>

    package static let defaultsSource = "built-in defaults"
    package static let overrideSource = "--set"

    /// Starts from the built-in defaults, written as YAML.
    package init(defaultsYAML: String) throws(ConfigurationError) {
        root = try Self.parse(defaultsYAML, source: Self.defaultsSource)
        origins = [:]
        openMappings = Self.emptyMappings(in: root, at: [])
        Self.recordOrigins(of: root, at: [], source: Self.defaultsSource, into: &origins)
    }

    /// Merges a YAML file's mappings over the current tree.
    package mutating func merge(yaml: String, source: String) throws(ConfigurationError) {
        let node = try Self.parse(yaml, source: source)
        if case .scalar(let scalar) = node, scalar.string.isEmpty || scalar.string == "~" { return }
        root = try merged(node, over: root, path: [], source: source)
        Self.recordOrigins(of: node, at: [], source: source, into: &origins)
    }

    /// Applies one `key.path=value` override. The value is read as YAML (`40`, `true`, `[a, b]`);
    /// where the default is a list, a bare `a,b` is read as the list `[a, b]`.
    package mutating func set(_ assignment: String) throws(ConfigurationError) {
        guard let equals = assignment.firstIndex(of: "=") else {
            throw ConfigurationError(source: Self.overrideSource, key: assignment, reason: "expected key.path=value")
        }
        let key = String(assignment[..<equals])
        let text = String(assignment[assignment.index(after: equals)...])
        let path = try existingPath(key)
        var value = try Self.parse(text.isEmpty ? "''" : text, source: Self.overrideSource)
        if case .sequence? = Self.lookup(path, in: root), case .scalar = value {
            let items = text.split(separator: ",").map { Node.scalar(.init(String($0).trimmingSpaces())) }
            value = .sequence(.init(items))
        }
        try apply(value, at: path)
    }

    /// Sets a key to a plain text value (a path, say), with no YAML interpretation.
    package mutating func set(_ key: String, text: String) throws(ConfigurationError) {
        try apply(.scalar(.init(text, Tag(.str), .singleQuoted)), at: existingPath(key))
    }

    private mutating func apply(_ value: Node, at path: [String]) throws(ConfigurationError) {
        var nested = value
        for component in path.reversed() { nested = .mapping(Node.Mapping([(Node(component), nested)])) }
        root = try merged(nested, over: root, path: [], source: Self.overrideSource)
        Self.recordOrigins(of: nested, at: [], source: Self.overrideSource, into: &origins)
    }

    /// Splits a dotted key and checks that the defaults know it (or that it names an entry of an open
    /// mapping).
    private func existingPath(_ key: String) throws(ConfigurationError) -> [String] {
        let path = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !path.contains(where: \.isEmpty) else {
            throw ConfigurationError(source: Self.overrideSource, key: key, reason: "empty key")
        }
        let parentPath = Array(path.dropLast())
        guard Self.lookup(path, in: root) != nil || openMappings.contains(parentPath.joined(separator: ".")) else {
            let parent = Self.lookup(parentPath, in: root) ?? root
            let reason = Self.unknownKeyReason(path[path.count - 1], parent: parent, parentPath: parentPath)
            throw ConfigurationError(source: Self.overrideSource, key: key, reason: reason)
        }
        return path
    }

    /// The node at a dotted key path.
    package func value(at key: String) -> Node? {
        Self.lookup(key.split(separator: ".").map(String.init), in: root)
    }

    /// Decodes the whole tree (or the subtree at `key`) into a typed value; a wrong type names the key
    /// and the source that set it.
    package func decode<T: Decodable>(_ type: T.Type, at key: String? = nil) throws(ConfigurationError) -> T {
        let node = key.flatMap { value(at: $0) } ?? root
        do {
            return try YAMLDecoder().decode(type, from: node)
        } catch let error as DecodingError {
            throw describe(error, prefix: key)
        } catch {
            throw ConfigurationError(source: Self.defaultsSource, key: key ?? "", reason: "\(error)")
        }
    }

    /// The tree as YAML text, keys in their defaults' order (for run.json and `--show-config`).
    package func yaml() -> String {
        (try? Yams.serialize(node: root)) ?? ""
    }

    private func describe(_ error: DecodingError, prefix: String?) -> ConfigurationError {
        let (codingPath, message): ([any CodingKey], String) =
            switch error {
            case .typeMismatch(let type, let context): (context.codingPath, "expected \(Self.describe(type))")
            case .valueNotFound(let type, let context): (context.codingPath, "expected \(Self.describe(type))")
            case .keyNotFound(let missing, let context): (context.codingPath + [missing], "missing")
            case .dataCorrupted(let context): (context.codingPath, context.debugDescription)
            @unknown default: ([], "\(error)")
            }
        let components = (prefix.map { [$0] } ?? []) + codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
        let key = components.joined(separator: ".")
        let found = value(at: key).map { " (found \(Self.inline($0)))" } ?? ""
        return ConfigurationError(source: origins[key] ?? Self.defaultsSource, key: key, reason: message + found)
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: "a whole number"
        case is Double.Type, is Float.Type: "a number"
        case is Bool.Type: "true or false"
        case is String.Type: "text"
        default: "\(type)"
        }
    }

    private static func inline(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): "'\(scalar.string)'"
        case .sequence: "a list"
        case .mapping: "a mapping"
        case .alias: "an alias"
        }
    }

    /// "unknown key; known keys under features: n_fft, hop_length (did you mean hop_length?)"
    private static func unknownKeyReason(_ key: String, parent: Node, parentPath: [String]) -> String {
        guard case .mapping(let mapping) = parent else { return "unknown key" }
        let known = mapping.keys.compactMap(\.string)
        let context = parentPath.isEmpty ? "" : " under \(parentPath.joined(separator: "."))"
        var reason = "unknown key; known keys\(context): \(known.joined(separator: ", "))"
        if let closest = known.min(by: { editDistance($0, key) < editDistance($1, key) }),
            editDistance(closest, key) <= 2
        {
            reason += " (did you mean \(closest)?)"
        }
        return reason
    }

    // MARK: - Tree operations

    private static func parse(_ text: String, source: String) throws(ConfigurationError) -> Node {
        do {
            return try Yams.compose(yaml: text) ?? .scalar(.init(""))
        } catch {
            let message = "\(error)".split(separator: "\n").first.map(String.init) ?? "invalid YAML"
            throw ConfigurationError(source: source, key: "", reason: "invalid YAML: \(message)")
        }
    }

    static func lookup(_ path: [String], in node: Node) -> Node? {
        var current = node
        for component in path {
            guard case .mapping(let mapping) = current, let next = mapping[component] else { return nil }
            current = next
        }
        return current
    }

    /// Overlays `new` on `base`: mappings merge key by key, anything else replaces. A key absent from
    /// `base` is unknown, unless `base` is an open mapping.
    private func merged(
        _ new: Node, over base: Node, path: [String], source: String
    ) throws(ConfigurationError) -> Node {
        guard case .mapping(let newMapping) = new else { return new }
        guard case .mapping(var baseMapping) = base else {
            throw ConfigurationError(
                source: source, key: path.joined(separator: "."),
                reason: "expected \(Self.inline(base)), found a mapping")
        }
        let isOpen = openMappings.contains(path.joined(separator: "."))
        for (keyNode, value) in newMapping {
            guard let key = keyNode.string else {
                throw ConfigurationError(source: source, key: path.joined(separator: "."), reason: "keys must be text")
            }
            guard let existing = baseMapping[key] else {
                guard isOpen else {
                    let reason = Self.unknownKeyReason(key, parent: base, parentPath: path)
                    throw ConfigurationError(
                        source: source, key: (path + [key]).joined(separator: "."), reason: reason)
                }
                baseMapping[key] = value
                continue
            }
            baseMapping[key] = try merged(value, over: existing, path: path + [key], source: source)
        }
        return .mapping(baseMapping)
    }

    /// The dotted paths of every empty mapping in a tree.
    private static func emptyMappings(in node: Node, at path: [String]) -> Set<String> {
        guard case .mapping(let mapping) = node else { return [] }
        if mapping.isEmpty { return [path.joined(separator: ".")] }
        var paths: Set<String> = []
        for (key, value) in mapping {
            if let key = key.string { paths.formUnion(emptyMappings(in: value, at: path + [key])) }
        }
        return paths
    }

    private static func recordOrigins(
        of node: Node, at path: [String], source: String, into origins: inout [String: String]
    ) {
        if !path.isEmpty { origins[path.joined(separator: ".")] = source }
        guard case .mapping(let mapping) = node else {
            if case .sequence(let sequence) = node {
                for index in sequence.indices {
                    origins[(path + [String(index)]).joined(separator: ".")] = source
                }
            }
            return
        }
        for (key, value) in mapping {
            if let key = key.string { recordOrigins(of: value, at: path + [key], source: source, into: &origins) }
        }
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}

/// Levenshtein distance, for "did you mean" suggestions on unknown keys.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    var previous = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
        var current = [i] + [Int](repeating: 0, count: b.count)
        for j in stride(from: 1, through: b.count, by: 1) {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        }
        previous = current
    }
    return a.isEmpty ? b.count : previous[b.count]
}
