import Foundation
import Testing

/// The report swapped in whole: kill -9 at any moment, two builds at once, `clean --outputs` and
/// `figures --gallery` by the same rules.
@Suite("Hostile: report folder swapped in whole", .serialized)
struct HostileReportSwapTests {
    /// A project template that changes index.html and report.pdf without running any cell.
    static func editTemplate(_ project: URL, on: Bool) throws {
        let template = project.appendingPathComponent("templates/cells/load.mustache")
        if on {
            try ReportScene.write("A narrative from this project's own template.\n", to: template)
        } else {
            try? FileManager.default.removeItem(at: template)
        }
    }

    @Test(
        "kill -9 at any moment of a cached rebuild leaves the complete old report or the complete new one, and the user's file"
    )
    func killedRebuild() throws {
        let corpus = try ReportScene.corpus()
        let build = ["build", "--data", corpus.root.path, "--out", "report", "--set", "train.models=rf", "--jobs", "2"]
        // The new report, from an uninterrupted cached rebuild elsewhere.
        let reference = try ScratchProject()
        #expect(try CommandRun(build, in: reference.url).status == 0)
        try ReportScene.write("mine", to: reference.url.appendingPathComponent("report/mine.txt"))
        try Self.editTemplate(reference.url, on: true)
        let clock = ContinuousClock()
        let start = clock.now
        #expect(try CommandRun(build, in: reference.url).status == 0)
        let rebuild = clock.now - start
        let new = ReportScene.snapshot(reference.url.appendingPathComponent("report"))

        let project = try ScratchProject()
        let out = project.url.appendingPathComponent("report")
        #expect(try CommandRun(build, in: project.url).status == 0)
        try ReportScene.write("mine", to: out.appendingPathComponent("mine.txt"))
        func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        }
        var outcomes: [String] = []
        for step in 0..<12 {
            try Self.editTemplate(project.url, on: false)
            let restoring = clock.now
            #expect(try CommandRun(build, in: project.url).status == 0)
            // Kills spread over the time a cached rebuild takes now (the machine may be busy).
            let took = max(seconds(rebuild), seconds(clock.now - restoring))
            let old = ReportScene.snapshot(out)
            try Self.editTemplate(project.url, on: true)
            // Kills spread over 0 to 1.5 × the rebuild's time; the last run is not killed, so the new report
            // is reached however slow the machine is at that moment (the check is that no kill leaves a mix).
            let delay = took * 1.5 * Double(step) / 10
            let killed = step < 11
            let process = Process()
            process.executableURL = CommandRun.binary
            process.arguments = build + ["--quiet"]
            process.currentDirectoryURL = project.url
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            if killed {
                Thread.sleep(forTimeInterval: delay)
                kill(process.processIdentifier, SIGKILL)
            }
            process.waitUntilExit()
            let now = ReportScene.snapshot(out)
            #expect(now == old || now == new, "a mix after a kill at \(delay) s: \(now.keys.sorted())")
            #expect(now["mine.txt"] == Data("mine".utf8))
            outcomes.append(now == new ? "new" : "old")
        }
        #expect(outcomes.contains("old") && outcomes.contains("new"), "\(outcomes)")
        let again = try CommandRun(build, in: project.url)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(ReportScene.snapshot(out) == new)
        #expect(ReportScene.leftovers(in: project.url).isEmpty, "a later build tidies what a killed one left")
    }

    @Test(
        "two builds with different settings writing one --out at once, from two working folders: both finish, the report is one of them whole"
    )
    func concurrentBuilds() throws {
        let corpus = try ReportScene.corpus()
        let settings = [["--set", "train.models=rf"], ["--set", "train.models=rf,svm"]]
        /// The report without index.html (it holds each cell's time): every other file is byte-identical.
        func report(_ folder: URL) -> [String: Data] {
            var files = ReportScene.snapshot(folder)
            files["index.html"] = files["index.html"].map { _ in Data() }
            return files
        }
        var expected: [[String: Data]] = []
        for extra in settings {
            let reference = try ScratchProject()
            let out = reference.url.appendingPathComponent("report")
            let build = ["build", "--data", corpus.root.path, "--out", out.path] + ReportScene.quick + extra
            #expect(try CommandRun(build, in: reference.url).status == 0)
            expected.append(report(out))
        }
        #expect(expected[0] != expected[1])
        let shared = try ScratchProject()
        let out = shared.url.appendingPathComponent("report")
        // Each project's cells are cached first, so both builds reach the report at about the same time.
        let projects = [try ScratchProject(), try ScratchProject()]
        for (project, extra) in zip(projects, settings) {
            let warm = ["build", "--data", corpus.root.path, "--out", "warm"] + ReportScene.quick + extra
            #expect(try CommandRun(warm, in: project.url).status == 0)
        }
        let runs = zip(projects, settings).map { project, extra in
            let process = Process()
            process.executableURL = CommandRun.binary
            process.arguments = ["build", "--data", corpus.root.path, "--out", out.path] + ReportScene.quick + extra
            process.currentDirectoryURL = project.url
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            return process
        }
        for process in runs { try process.run() }
        for process in runs { process.waitUntilExit() }
        #expect(runs.map(\.terminationStatus) == [0, 0])
        let built = report(out)
        #expect(built == expected[0] || built == expected[1], "a mix of two builds: \(built.keys.sorted())")
        #expect(ReportScene.leftovers(in: shared.url).isEmpty)
    }

    @Test("clean --outputs removes serreport's files only; a folder it did not write, or /, is left alone")
    func cleanOutputs() throws {
        let corpus = try ReportScene.corpus()
        let project = try ScratchProject()
        let out = project.url.appendingPathComponent("report")
        let build = ["build", "--data", corpus.root.path, "--out", "report"] + ReportScene.quick
        #expect(try CommandRun(build, in: project.url).status == 0)
        try ReportScene.write("mine", to: out.appendingPathComponent("models/my.pt"))
        let clean = try CommandRun(
            ["clean", "--outputs", "--data", corpus.root.path, "--out", "report"], in: project.url)
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(ReportScene.lines(clean.stdout).last?.hasPrefix("removed ") == true)
        #expect(
            ReportScene.lines(clean.stdout).last?.hasSuffix("from report/; kept 1 of yours") == true, "\(clean.stdout)")
        #expect(ReportScene.snapshot(out) == ["models/my.pt": Data("mine".utf8)])

        let again = try CommandRun(
            ["clean", "--outputs", "--data", corpus.root.path, "--out", "report"], in: project.url)
        #expect(again.stdout.hasSuffix("no files of serreport's in report/; nothing removed\n"), "\(again.stdout)")
        #expect(ReportScene.snapshot(out) == ["models/my.pt": Data("mine".utf8)])

        let root = try CommandRun(["clean", "--outputs", "--data", corpus.root.path, "--out", "/"], in: project.url)
        #expect(root.status == 1)
        #expect(root.stderr == "serreport: report: /: is the root folder; give the report a folder of its own\n")

        try FileManager.default.removeItem(at: out.appendingPathComponent("models/my.pt"))
        #expect(try CommandRun(build, in: project.url).status == 0)
        let whole = try CommandRun(
            ["clean", "--outputs", "--data", corpus.root.path, "--out", "report"], in: project.url)
        #expect(ReportScene.lines(whole.stdout).last?.hasPrefix("removed report/ (") == true, "\(whole.stdout)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test(
        "figures --gallery DIR keeps the user's files, stops at a file of theirs where a figure goes, refuses the working folder"
    )
    func gallery() throws {
        let corpus = try ReportScene.corpus()
        let project = try ScratchProject()
        let gallery = project.url.appendingPathComponent("gallery")
        try ReportScene.write("mine", to: gallery.appendingPathComponent("figures/mine.png"))
        let draw = ["figures", "--gallery", "gallery", "--data", corpus.root.path, "--jobs", "2"]
        let settings = ["--set", "report.figure_formats=png", "--set", "train.models=rf"]
        let first = try CommandRun(draw + settings, in: project.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "gallery/index.html\n")
        #expect(ReportScene.snapshot(gallery)["figures/mine.png"] == Data("mine".utf8))

        try ReportScene.write("mine", to: gallery.appendingPathComponent("figures/load-durations.svg"))
        let before = ReportScene.snapshot(gallery)
        let blocked = try CommandRun(draw + ["--set", "report.figure_formats=png,svg"], in: project.url)
        #expect(blocked.status == 1)
        #expect(
            blocked.stderr.hasPrefix(
                "serreport: report: gallery/figures/load-durations.svg: exists and serreport did not write it"),
            "\(blocked.stderr)")
        #expect(ReportScene.snapshot(gallery) == before)

        let here = try CommandRun(
            ["figures", "--gallery", ".", "--data", corpus.root.path] + settings, in: project.url)
        #expect(here.status == 1)
        #expect(here.stderr == "serreport: report: .: is the working folder; give the report a folder of its own\n")
    }
}
