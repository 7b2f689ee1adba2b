/// The one error type of settings: which key, from which source, and why, in one line —
/// `serreport.yml:12: features.n_fft: 1025 is out of range (allowed: an even number from 16 to 65536)`.
package struct SettingsError: Error, Sendable, Equatable, CustomStringConvertible {
    package let source: ConfigSource
    /// The dotted key path; empty when the whole source is at fault (a file that is not YAML).
    package let key: String
    package let reason: String

    package init(source: ConfigSource, key: String, reason: String) {
        self.source = source
        self.key = key
        self.reason = reason
    }

    /// One line: anything from a file or the command line has its control characters escaped.
    package var description: String {
        (key.isEmpty ? "\(source): \(reason)" : "\(source): \(key): \(reason)").escapingControlCharacters
    }
}

/// Why a node does not read as a setting's type; the schema adds the key.
package struct SettingValueError: Error, Sendable {
    package let reason: String
    /// The node at fault (an element of a list, say), for its source.
    package let source: ConfigSource

    package init(_ reason: String, at node: ConfigNode) {
        self.reason = reason
        self.source = node.source
    }
}
