/// The one error type of SERCorpus: why a corpus cannot be read, in one line naming the file or
/// folder (`data/: no manifest.csv in this folder`).
package struct CorpusError: Error, CustomStringConvertible, Sendable, Equatable {
    package let message: String

    package init(_ message: String) {
        self.message = message
    }

    package var description: String { message }
}
