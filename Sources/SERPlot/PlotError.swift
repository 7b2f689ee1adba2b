/// The one error type of SERPlot: what failed, on which output file, and why.
///
/// Its description is a single line a person can act on, e.g.
/// `/nonexistent/dir/x.png: cannot write figure (No such file or directory)`.
package struct PlotError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What kind of failure this is; new codes can be added without breaking callers.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: Hashable, Sendable {
            case rendering, writing
        }
        private let kind: Kind

        /// Cairo could not draw the figure (for example, out of memory or an oversized surface).
        package static let rendering = Code(kind: .rendering)
        /// The figure was drawn but its file could not be written (missing folder, no permission, full disk).
        package static let writing = Code(kind: .writing)

        package var description: String { "\(kind)" }
    }

    package let code: Code
    /// The output file the failure is about, as the caller named it.
    package let path: String
    /// Why, in a few words.
    package let reason: String

    package init(_ code: Code, path: String, reason: String) {
        self.code = code
        self.path = path
        self.reason = reason
    }

    package var description: String {
        switch code {
        case .writing: "\(path): cannot write figure (\(reason))"
        default: "\(path): cannot render figure (\(reason))"
        }
    }
}
