import SERSettings

/// The one error type of SERReport: which file failed, where in it when that is known, and why.
package struct ReportError: Error, CustomStringConvertible, Sendable {
    package let path: String
    /// The line of `path` the error is on (templates), counting from 1.
    package let line: Int?
    package let reason: String

    package init(path: String, line: Int? = nil, reason: String) {
        self.path = path
        self.line = line
        self.reason = reason
    }

    /// `path: reason`, or `path:line: reason` as compilers write it; always one line: control characters
    /// from a template's text (a tag name may hold a newline) are written as escapes (fuzz finding).
    package var description: String {
        let text = line.map { "\(path):\($0): \(reason)" } ?? "\(path): \(reason)"
        return text.escapingControlCharacters
    }
}
