package import Foundation

/// What every fuzz target shares: the bytes libFuzzer (or a replayed file) hands it, and the checks
/// that turn a broken promise into a crash libFuzzer reports — a parser may refuse an input, but only
/// with one non-empty line of text naming why.
package enum FuzzTarget {
    /// The input as `Data`.
    package static func data(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Data {
        guard let bytes, count > 0 else { return Data() }
        return Data(bytes: bytes, count: count)
    }

    /// The input as text, when it is UTF-8 (parsers of text files see only text).
    package static func text(_ data: Data) -> String? { String(data: data, encoding: .utf8) }

    /// Traps (a finding) unless `message` is one non-empty line.
    package static func expectOneLine(_ message: String, _ context: @autoclosure () -> String) {
        if message.isEmpty || message.contains("\n") || message.contains("\r") {
            fatalError("\(context()): the error is not one line: \(message.debugDescription)")
        }
    }

    /// Runs `body` on every file named on the command line (or every file in a named folder): how a
    /// fuzz target replays its seeds and findings without libFuzzer, e.g. in `swift test` or by hand.
    package static func replay(_ body: (Data) -> Void) {
        var count = 0
        for argument in CommandLine.arguments.dropFirst() {
            let url = URL(fileURLWithPath: argument)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
                FileHandle.standardError.write(Data("\(argument): no such file\n".utf8))
                exit(2)
            }
            let files =
                isFolder.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted().map {
                    url.appendingPathComponent($0)
                } : [url]
            for file in files {
                guard let data = try? Data(contentsOf: file) else { continue }
                body(data)
                count += 1
            }
        }
        print("replayed \(count) inputs")
    }
}
