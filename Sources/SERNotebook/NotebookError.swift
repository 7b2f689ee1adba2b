/// The one error type of SERNotebook: a plan that cannot run, a cache that cannot be written, a
/// state file that cannot be read. One line that says what and where.
package struct NotebookError: Error, CustomStringConvertible, Sendable, Equatable {
    package let message: String

    package init(_ message: String) { self.message = message }

    package var description: String { message }
}
