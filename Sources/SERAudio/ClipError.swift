/// Why one clip could not be used: one line naming the file and the reason.
package struct ClipError: Error, CustomStringConvertible, Sendable {
    package let path: String
    package let reason: String

    package init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    package var description: String { "\(path): \(reason)" }
}
