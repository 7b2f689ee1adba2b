/// Why one clip could not be used: one line naming the file and the reason.
package struct ClipError: Error, CustomStringConvertible, Sendable {
    package let path: String
    package let reason: String
    /// False when the failure depends on the moment (``AudioError/isLasting``): not to be remembered.
    package let isLasting: Bool

    package init(path: String, reason: String) {
        self.init(path: path, reason: reason, isLasting: true)
    }

    package init(path: String, reason: String, isLasting: Bool) {
        self.path = path
        self.reason = reason
        self.isLasting = isLasting
    }

    package var description: String { "\(path): \(reason)" }
}
