import Foundation

/// Writing lines to standard error.
enum Standard {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((PrintedLine.escaped(line) + "\n").utf8))
    }
}

/// A failure to report as one line, without the usage text ArgumentParser adds to a ValidationError.
struct CommandError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
