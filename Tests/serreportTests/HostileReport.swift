import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One report built once (all four models, on a small corpus) for the hostile-file tests, and
/// copies of its `metrics.json` and `models/` for each test to damage. Immutable once built, so
/// shared by tests running at once (hence `@unchecked Sendable`: the corpus fixture is a class).
final class HostileReport: @unchecked Sendable {
    /// The corpus; it holds the built report in `report/`.
    let corpus: CorpusFixture
    var report: URL { corpus.root.appendingPathComponent("report") }
    /// A clip of the corpus, to predict.
    var clip: String { corpus.path("s1_sad.wav") }

    static let shared: Result<HostileReport, any Error> = Result { try HostileReport() }

    private init() throws {
        corpus = try CorpusFixture(
            emotions: ["angry", "sad", "happy"], speakers: ["s1", "s2", "s3", "s4"], badFiles: false)
        let run = try CommandRun(
            [
                "build", "--quiet", "--data", corpus.root.path, "--out",
                corpus.root.appendingPathComponent("report").path,
                "--set", "report.formats=html", "--set", "report.figure_formats=svg",
                "--set", "train.rf.n_estimators=10", "--set", "train.xgb.n_estimators=5",
                "--set", "train.models=[rf,xgb,svm,mlp,logreg]",
                // The seed's 82 values: the damage cases name feature counts.
                "--set", "features.set=seed",
            ], in: corpus.root)
        guard run.status == 0 else { throw HostileFixtureError("the fixture's build failed: \(run.stderr)") }
    }

    /// A new folder holding a copy of the report's `metrics.json` and `models/`, changed by `damage`
    /// (given the copy's `models` folder).
    func copy(_ damage: (URL) throws -> Void = { _ in }) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serreport-hostile-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: report.appendingPathComponent("metrics.json"), to: folder.appendingPathComponent("metrics.json"))
        try FileManager.default.copyItem(
            at: report.appendingPathComponent("models"), to: folder.appendingPathComponent("models"))
        try damage(folder.appendingPathComponent("models"))
        return folder
    }
}

/// A fixture that could not be made.
struct HostileFixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// One run of the built `serreport` that is stopped (SIGKILL) if it takes longer than `seconds`:
/// a hang is a result to assert on, not a test that never ends. Output goes through files, so a
/// child that fills a pipe cannot block it.
struct TimedRun {
    let status: Int32
    let stdout: String
    let stderr: String
    let timedOut: Bool
    /// Whether the process died of a signal (a trap, SIGSEGV, an abort) rather than exiting.
    let crashed: Bool

    init(_ arguments: [String], seconds: Double = 60) throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("serreport-timed-\(UUID())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("stdout")
        let err = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = CommandRun.binary
        process.arguments = arguments
        process.currentDirectoryURL = scratch
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        timedOut = process.isRunning
        if timedOut { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        status = process.terminationStatus
        crashed = process.terminationReason == .uncaughtSignal && !timedOut
        stdout = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
        stderr = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
    }

    /// The lines written to standard error.
    var errorLines: [Substring] { stderr.split(separator: "\n", omittingEmptySubsequences: true) }
}
