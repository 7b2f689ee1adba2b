import Foundation

/// A fresh folder for one test's files, removed when the value goes away; set `SERPLOT_PREVIEW_DIR`
/// to keep the files in that folder instead, to look at them.
package final class OutputFolder {
    package let path: String
    private let temporary: Bool

    package init() throws {
        if let preview = ProcessInfo.processInfo.environment["SERPLOT_PREVIEW_DIR"], !preview.isEmpty {
            path = preview
            temporary = false
        } else {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("serplot-\(UUID().uuidString)").path
            temporary = true
        }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    package func file(_ name: String) -> String { "\(path)/\(name)" }

    package func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: file(name))))
    }

    deinit {
        if temporary { try? FileManager.default.removeItem(atPath: path) }
    }
}
