import Foundation
import SERAudio
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// One way a report's saved files can be damaged, and what `predict` must then say.
struct HostileModelCase: Sendable, CustomTestStringConvertible {
    let name: String
    /// `--model`, or nil for the report's best.
    let model: String?
    /// The damaged file, relative to the report folder: the one the error must name.
    let file: String
    /// Words the one-line error must contain after `serreport: FILE: `.
    let reason: String
    let damage: @Sendable (URL) throws -> Void

    var testDescription: String { name }

    init(
        _ name: String, model: String? = nil, file: String, _ reason: String,
        damage: @escaping @Sendable (URL) throws -> Void
    ) {
        self.name = name
        self.model = model
        self.file = file
        self.reason = reason
        self.damage = damage
    }
}

/// `predict` against report folders whose saved model files were cut short, emptied, edited to lie,
/// swapped for a directory or a FIFO (issue 12): exactly one line on standard error naming the file
/// and the reason, exit status 1, and never a trap, a hang or a huge allocation.
@Suite("Hostile: model files")
struct HostileModelFileTests {
    let fixture: HostileReport

    init() throws { fixture = try HostileReport.shared.get() }

    /// Runs `predict` on a damaged copy of the report and checks the outcome.
    func expectOneLineError(
        _ hostile: HostileModelCase, files: [String]? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let folder = try fixture.copy(hostile.damage)
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try TimedRun(
            ["predict", "--report", folder.path] + (hostile.model.map { ["--model", $0] } ?? [])
                + (files ?? [fixture.clip]))
        #expect(!run.timedOut, "predict hung", sourceLocation: sourceLocation)
        #expect(!run.crashed, "predict crashed: \(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.status == 1, "exit status \(run.status): \(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.errorLines.count == 1, "not one line: \(run.stderr)", sourceLocation: sourceLocation)
        // `FILE: reason`, or `FILE:LINE: reason` from the settings schema.
        let prefix = "serreport: \(folder.path)/\(hostile.file):"
        let line = String(run.errorLines.first ?? "")
        #expect(line.hasPrefix(prefix), "\(line) does not start with \(prefix)", sourceLocation: sourceLocation)
        #expect(line.contains(hostile.reason), "\(line) lacks '\(hostile.reason)'", sourceLocation: sourceLocation)
        #expect(run.stdout.isEmpty, "predicted from a damaged report: \(run.stdout)", sourceLocation: sourceLocation)
    }

    @Test("a damaged saved file is one line naming it and the reason", arguments: HostileModelCase.all)
    func damagedFile(_ hostile: HostileModelCase) throws {
        try expectOneLineError(hostile)
    }

    @Test("an undamaged copy of the report predicts with every model")
    func undamaged() throws {
        let folder = try fixture.copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        for model in ["rf", "xgb", "svm", "mlp", "logreg"] {
            let run = try TimedRun(["predict", "--report", folder.path, "--model", model, "--json", fixture.clip])
            #expect(run.status == 0 && run.stderr.isEmpty, "\(model): \(run.stderr)")
            #expect(run.stdout.contains(#""model":"\#(model)""#), "\(model): \(run.stdout)")
        }
    }

    @Test("--model naming a model that was not trained, or none serreport has, is one line")
    func modelNotTrained() throws {
        let folder = try fixture.copy { models in
            try FileManager.default.removeItem(at: models.appendingPathComponent("xgb.json"))
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = try TimedRun(["predict", "--report", folder.path, "--model", "xgb", fixture.clip])
        #expect(missing.status == 1)
        #expect(
            missing.errorLines == [
                "serreport: --model xgb: the report has no Boosted trees model (\(folder.path)/models/xgb.json: "
                    + "no such file; trained: rf, svm, mlp, logreg)"
            ], "\(missing.stderr)")
        let unknown = try TimedRun(["predict", "--report", folder.path, "--model", "knn", fixture.clip])
        #expect(unknown.status == 1)
        #expect(
            unknown.errorLines == [
                "serreport: --model knn: no such model (rf, xgb, svm, mlp, logreg, gru, fusion, cnn)"
            ],
            "\(unknown.stderr)")
    }

    @Test("a report folder that does not exist, or is a file or a FIFO, is one line")
    func noReport() throws {
        let absent = FileManager.default.temporaryDirectory.appendingPathComponent("serreport-absent-\(UUID())").path
        let run = try TimedRun(["predict", "--report", absent, fixture.clip])
        #expect(run.status == 1)
        #expect(
            run.errorLines == ["serreport: \(absent): no such report folder (make one with `serreport build`)"],
            "\(run.stderr)")
        let file = try TimedRun(["predict", "--report", fixture.clip, fixture.clip])
        #expect(file.status == 1)
        #expect(
            file.errorLines == ["serreport: \(fixture.clip): is a regular file, not a report folder"], "\(file.stderr)")
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("serreport-fifo-\(UUID())").path
        #expect(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        let pipe = try TimedRun(["predict", "--report", fifo, fixture.clip])
        #expect(!pipe.timedOut && pipe.status == 1)
        #expect(
            pipe.errorLines == ["serreport: \(fifo): is a named pipe (FIFO), not a report folder"], "\(pipe.stderr)")
    }

    @Test("audio inputs that are a FIFO or a directory are one line each, without waiting; good files still predict")
    func lyingAudioInputs() throws {
        let folder = try fixture.copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("clip.wav").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let run = try TimedRun(["predict", "--report", folder.path, fifo, folder.path, fixture.clip], seconds: 60)
        #expect(!run.timedOut, "predict waited on the FIFO")
        #expect(run.status == 1, "\(run.stderr)")
        #expect(
            run.errorLines == [
                "serreport: \(fifo): is a named pipe (FIFO), not an audio file",
                "serreport: \(folder.path): is a folder, not an audio file",
            ], "\(run.stderr)")
        #expect(run.stdout.hasPrefix("\(fixture.clip): "), "\(run.stdout)")
    }

    @Test(
        "predict refuses what a build skips (silence, a click) and, with --same-speaker, a file given twice; the other files still predict"
    )
    func unusableAudioInputs() throws {
        let folder = try fixture.copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let silent = folder.appendingPathComponent("silent.wav").path
        let click = folder.appendingPathComponent("click.wav").path
        try AudioFile.write([Float](repeating: 0, count: 16000), sampleRate: 16000, format: .wav16, to: silent)
        try AudioFile.write([0.5, -0.5, 0.25], sampleRate: 16000, format: .wav16, to: click)
        let run = try TimedRun(["predict", "--report", folder.path, silent, click, fixture.clip], seconds: 120)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(
            run.errorLines == [
                "serreport: \(silent): silent (every sample is zero)",
                "serreport: \(click): too short (3 samples, 0.0001 s; at least 0.1 s needed)",
            ], "\(run.stderr)")
        #expect(run.stdout.hasPrefix("\(fixture.clip): "), "\(run.stdout)")
        let link = folder.appendingPathComponent("again.wav").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: fixture.clip)
        let twice = try TimedRun(
            ["predict", "--report", folder.path, "--same-speaker", fixture.clip, link], seconds: 120)
        #expect(twice.status == 1)
        #expect(
            twice.errorLines == [
                "serreport: \(link): is the same file as \(fixture.clip); --same-speaker normalises each of the "
                    + "speaker's clips once"
            ], "\(twice.stderr)")
    }
}
