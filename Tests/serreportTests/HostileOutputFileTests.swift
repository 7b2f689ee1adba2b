import Foundation
import Testing

/// A command run that is killed if it takes longer than `seconds` (a hang is a failure, not a stuck test).
struct BoundedRun {
    let status: Int32?
    let stderr: String

    init(_ arguments: [String], in folder: URL, seconds: Double = 60) throws {
        let process = Process()
        process.executableURL = CommandRun.binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("serreport-stderr-\(UUID())")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errors) }
        let handle = try FileHandle(forWritingTo: errors)
        process.standardError = handle
        process.standardOutput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        if finished.wait(timeout: .now() + seconds) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
            status = nil
        } else {
            status = process.terminationStatus
        }
        try handle.close()
        stderr = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
    }
}

extension ScratchProject {
    /// A character device node (like /dev/null's) in `folder`, made with mknod(1); `nil` when this
    /// process may not make one (not root).
    static func deviceNode(in folder: URL) throws -> String? {
        guard getuid() == 0 else { return nil }
        let path = folder.appendingPathComponent("device").path
        let mknod = Process()
        mknod.executableURL = URL(fileURLWithPath: "/usr/bin/mknod")
        mknod.arguments = [path, "c", "1", "3"]
        try mknod.run()
        mknod.waitUntilExit()
        return mknod.terminationStatus == 0 ? path : nil
    }
}

@Suite("Hostile: files a command writes where the user says", .serialized)
struct HostileOutputFileTests {
    @Test("features --out through a symbolic link writes the file it points at; the link stays a link")
    func featuresThroughLink() throws {
        let corpus = try ReportScene.corpus()
        let project = try ScratchProject()
        let target = project.url.appendingPathComponent("kept/features.jsonl")
        try ReportScene.write("old", to: target)
        let link = project.url.appendingPathComponent("out.jsonl")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "kept/features.jsonl")
        let run = try CommandRun(
            ["features", corpus.path("s1_sad.wav"), "--json", "--summary", "--out", "out.jsonl"], in: project.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "kept/features.jsonl")
        #expect(try String(contentsOf: target, encoding: .utf8).hasPrefix("{"))
    }

    @Test(
        "features --out at a FIFO, a device, a folder or an input file stops at once with one line; nothing is written")
    func featuresRefused() throws {
        let corpus = try ReportScene.corpus()
        let project = try ScratchProject()
        let fifo = project.url.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let input = corpus.path("s1_sad.wav")
        let audio = try Data(contentsOf: URL(fileURLWithPath: input))
        // A device node of this test's own (never the machine's /dev/null: a regression would replace it).
        let device = try ScratchProject.deviceNode(in: project.url)
        var refused = [
            ("pipe", "serreport: --out pipe: is a named pipe (FIFO), not a regular file; give a file to write"),
            (".", "serreport: --out .: is a folder, not a regular file; give a file to write"),
            (input, "serreport: --out \(input): is the input file \(input); give another file to write"),
        ]
        if let device {
            refused.append(
                (device, "serreport: --out \(device): is a character device, not a regular file; give a file to write"))
        }
        for (out, message) in refused {
            let run = try BoundedRun(["features", input, "--json", "--out", out], in: project.url, seconds: 60)
            #expect(run.status == 1, "\(out) hung or passed")
            #expect(run.stderr == message + "\n")
        }
        let both = try CommandRun(["features", input, "--out", "same.wav", "--dump-wave", "same.wav"], in: project.url)
        #expect(both.stderr == "serreport: --dump-wave same.wav: is also --out's file; give each its own file\n")
        let dump = try BoundedRun(["features", input, "--dump-wave", "pipe"], in: project.url, seconds: 60)
        #expect(
            dump.status == 1 && dump.stderr.hasPrefix("serreport: --dump-wave pipe: is a named pipe (FIFO)"),
            "\(dump.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == audio, "the input is untouched")
    }

    @Test(
        "features --out that cannot be written (a folder that is a file) says so in one line, and a failed file leaves --out as it was"
    )
    func featuresWriteErrors() throws {
        let corpus = try ReportScene.corpus()
        let project = try ScratchProject()
        try ReportScene.write("mine", to: project.url.appendingPathComponent("plain"))
        let under = try CommandRun(
            ["features", corpus.path("s1_sad.wav"), "--out", "plain/out.txt"], in: project.url)
        #expect(under.status == 1)
        #expect(
            under.stderr
                == "serreport: --out plain/out.txt: cannot write (\(project.url.path)/plain is not a folder)\n")
        try ReportScene.write("previous", to: project.url.appendingPathComponent("out.txt"))
        let failed = try CommandRun(["features", corpus.path("nothing.wav"), "--out", "out.txt"], in: project.url)
        #expect(failed.status == 1)
        #expect(
            try String(contentsOf: project.url.appendingPathComponent("out.txt"), encoding: .utf8) == "previous")
    }

    @Test("a FIFO as a project template stops the build at once with one line, before any cell runs")
    func templateFIFOInBuild() throws {
        let project = try ScratchProject()
        let templates = project.url.appendingPathComponent("templates/cells")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        #expect(mkfifo(templates.appendingPathComponent("load.mustache").path, 0o644) == 0)
        let run = try BoundedRun(["build", "--out", "report"], in: project.url, seconds: 60)
        #expect(run.status == 1, "hung or passed")
        #expect(
            run.stderr
                == "serreport: report: templates/cells/load.mustache: is a named pipe (FIFO), not a template file\n"
        )
        #expect(!FileManager.default.fileExists(atPath: project.url.appendingPathComponent("report").path))
    }

    @Test(
        "templates init: a FIFO where a template goes stops at once, under a file is one line, a link is written through"
    )
    func templatesInit() throws {
        let project = try ScratchProject()
        let templates = project.url.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        #expect(mkfifo(templates.appendingPathComponent("style.css.mustache").path, 0o644) == 0)
        let fifo = try BoundedRun(["templates", "init", "--force"], in: project.url, seconds: 60)
        #expect(fifo.status == 1)
        #expect(
            fifo.stderr
                == "serreport: templates/style.css.mustache: is a named pipe (FIFO), not a template file; move it away\n"
        )
        #expect(try FileManager.default.contentsOfDirectory(atPath: templates.path) == ["style.css.mustache"])
        try FileManager.default.removeItem(at: templates.appendingPathComponent("style.css.mustache"))

        try ReportScene.write("mine", to: project.url.appendingPathComponent("plain"))
        let under = try CommandRun(["templates", "init", "plain/templates"], in: project.url)
        #expect(under.status == 1)
        #expect(
            under.stderr == "serreport: plain/templates: cannot be a folder: \(project.url.path)/plain is a file\n")

        let shared = project.url.appendingPathComponent("shared.css")
        try ReportScene.write("body {}\n", to: shared)
        try FileManager.default.createSymbolicLink(
            atPath: templates.appendingPathComponent("style.css.mustache").path, withDestinationPath: "../shared.css")
        let forced = try CommandRun(["templates", "init", "--force"], in: project.url)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(
            try FileManager.default.destinationOfSymbolicLink(
                atPath: templates.appendingPathComponent("style.css.mustache").path) == "../shared.css")
        #expect(try String(contentsOf: shared, encoding: .utf8) != "body {}\n", "written through the link")
    }
}
