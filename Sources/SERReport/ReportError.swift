/// The one error type of SERReport: which output failed and why.
package struct ReportError: Error, CustomStringConvertible, Sendable {
    package let path: String
    package let reason: String

    package init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    package var description: String { "\(path): \(reason)" }
}
