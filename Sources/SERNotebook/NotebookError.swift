/// The one error type of SERNotebook: a plan that cannot run, a cache that cannot be written, a
/// state file that cannot be read. One line that says what and where.
public struct NotebookError: Error, CustomStringConvertible, Sendable, Equatable {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
