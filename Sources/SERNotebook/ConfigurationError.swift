/// The one error type of SERNotebook's configuration: which key, from which source, and why.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Where the offending text came from: a file path or `--set`.
    public let source: String
    /// The dotted key path, empty when the whole source is at fault.
    public let key: String
    public let reason: String

    public init(source: String, key: String, reason: String) {
        self.source = source
        self.key = key
        self.reason = reason
    }

    public var description: String {
        key.isEmpty ? "\(source): \(reason)" : "\(source): \(key): \(reason)"
    }
}
