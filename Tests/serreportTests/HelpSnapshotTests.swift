import Foundation
import Testing

/// Every command's `--help`, compared with the committed text in `Tests/serreportTests/Snapshots/`,
/// as swift-argument-parser's own tests do: a changed option or sentence shows up in review. Run with
/// `SERREPORT_RECORD_SNAPSHOTS=1` to write the snapshots anew (the test then fails once, saying so).
@Suite("--help snapshots")
struct HelpSnapshotTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Snapshots")
    static let commands = [
        "", "build", "run", "status", "list", "clean", "config", "diff", "features", "figures", "predict",
        "templates", "templates init",
    ]

    @Test("--help matches its snapshot", arguments: commands)
    func help(command: String) throws {
        let arguments = command.split(separator: " ").map(String.init) + ["--help"]
        // A fixed width, whatever terminal or CI runs the tests.
        let run = try CommandRun(arguments, environment: ["COLUMNS": "100", "LINES": "50"])
        #expect(run.status == 0, "\(run.stderr)")
        let name = command.isEmpty ? "serreport" : "serreport-" + command.replacingOccurrences(of: " ", with: "-")
        let snapshot = Self.folder.appendingPathComponent("\(name).txt")
        if ProcessInfo.processInfo.environment["SERREPORT_RECORD_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            try run.stdout.write(to: snapshot, atomically: true, encoding: .utf8)
            Issue.record("recorded \(snapshot.lastPathComponent); run again without SERREPORT_RECORD_SNAPSHOTS")
            return
        }
        let expected = try String(contentsOf: snapshot, encoding: .utf8)
        #expect(run.stdout == expected, "\(name): --help changed; re-record with SERREPORT_RECORD_SNAPSHOTS=1")
    }
}
