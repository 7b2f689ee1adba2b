/// The one error type of SERNotebook's configuration: which key, from which source, and why.
package struct ConfigurationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Where the offending text came from: a file path or `--set`.
    package let source: String
    /// The dotted key path, empty when the whole source is at fault.
    package let key: String
    package let reason: String

    package init(source: String, key: String, reason: String) {
        self.source = source
        self.key = key
        self.reason = reason
    }

    package var description: String {
        key.isEmpty ? "\(source): \(reason)" : "\(source): \(key): \(reason)"
    }
}
