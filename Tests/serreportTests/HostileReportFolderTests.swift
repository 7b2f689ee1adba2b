import Foundation
import Testing

/// What a hostile report-folder test needs: a small corpus, quick settings, a file-by-file picture of
/// a folder, and the temporary folders a build leaves beside it.
enum ReportScene {
    static let quick = ["--set", "train.models=rf", "--set", "report.figure_formats=png", "--jobs", "2", "--quiet"]

    static func corpus() throws -> CorpusFixture {
        try CorpusFixture(emotions: ["angry", "sad"], speakers: ["s1", "s2", "s3"], badFiles: false)
    }

    /// Every file under `folder` (relative path → bytes), `run.json` (times) left out unless asked for,
    /// and `.serreport-files` without its first line (which names the build).
    static func snapshot(_ folder: URL, runRecord: Bool = false) -> [String: Data] {
        var files: [String: Data] = [:]
        guard let walk = FileManager.default.enumerator(atPath: folder.path) else { return files }
        while let relative = walk.nextObject() as? String {
            if relative == "run.json" && !runRecord { continue }
            var isFolder: ObjCBool = false
            let path = folder.appendingPathComponent(relative).path
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
                let data = FileManager.default.contents(atPath: path) ?? Data()
                files[relative] = relative == ".serreport-files" ? Data(data.drop { $0 != 10 }) : data
            }
        }
        return files
    }

    /// The temporary folders of builds (`.<name>.serreport-…`) in `folder`.
    static func leftovers(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter {
            $0.contains(".serreport-new-") || $0.contains(".serreport-old-")
        }
    }

    static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    static func lines(_ text: String) -> [Substring] { text.split(separator: "\n") }
}

@Suite("Hostile: report folder", .serialized)
struct HostileReportFolderTests {
    @Test("a user's files in the report folder survive every build, one that drops a model too; stale report files go")
    func userFilesSurvive() throws {
        let corpus = try ReportScene.corpus()
        let project = try ScratchProject()
        let out = project.url.appendingPathComponent("report")
        let mine = ["models/my.pt": "weights", "figures/mine.png": "picture", "notes/deep/todo.txt": "todo"]
        for (name, text) in mine { try ReportScene.write(text, to: out.appendingPathComponent(name)) }
        let build = ["build", "--data", corpus.root.path, "--out", "report"] + ReportScene.quick
        let first = try CommandRun(build + ["--set", "train.models=rf,svm"], in: project.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("models/svm.model").path))
        let second = try CommandRun(build, in: project.url)
        #expect(second.status == 0, "\(second.stderr)")
        let files = ReportScene.snapshot(out)
        for (name, text) in mine { #expect(files[name] == Data(text.utf8), "\(name) is kept") }
        #expect(files["models/svm.model"] == nil && files["figures/evaluate-confusion-svm.png"] == nil)
        #expect(files["models/rf.json"] != nil && files["metrics.json"] != nil)
        #expect(ReportScene.leftovers(in: project.url).isEmpty)
    }

    @Test("a file or folder of the user's where a report file goes stops the build before any change, naming it")
    func collisionStops() throws {
        let corpus = try ReportScene.corpus()
        let project = try ScratchProject()
        let out = project.url.appendingPathComponent("report")
        let build = ["build", "--data", corpus.root.path, "--out", "report"] + ReportScene.quick
        #expect(try CommandRun(build, in: project.url).status == 0)
        let cases = [
            ("figures/evaluate-confusion-svm.png", ["--set", "train.models=rf,svm"], false),
            ("report.pdf", [], true),
        ]
        for (name, extra, isFolder) in cases {
            let path = out.appendingPathComponent(name)
            if isFolder {
                try FileManager.default.removeItem(at: path)
                try ReportScene.write("mine", to: path.appendingPathComponent("inside.txt"))
            } else {
                try ReportScene.write("mine", to: path)
            }
            let before = ReportScene.snapshot(out, runRecord: true)
            let run = try CommandRun(build + extra, in: project.url)
            #expect(run.status == 1)
            #expect(
                run.stderr
                    == "serreport: report: report/\(name): exists and serreport did not write it (it is not in "
                    + "report/.serreport-files); move it away or choose another folder\n")
            #expect(run.stdout.isEmpty)
            #expect(ReportScene.snapshot(out, runRecord: true) == before, "nothing changed for \(name)")
            #expect(ReportScene.leftovers(in: project.url).isEmpty)
        }
    }

    @Test("a failed cell after a good build replaces the report whole: its error, no stale metrics or models")
    func failedCellReplacesWhole() throws {
        let corpus = try ReportScene.corpus()
        let project = try ScratchProject()
        let out = project.url.appendingPathComponent("report")
        let build = ["build", "--data", corpus.root.path, "--out", "report"] + ReportScene.quick
        #expect(try CommandRun(build, in: project.url).status == 0)
        try ReportScene.write("mine", to: out.appendingPathComponent("models/my.pt"))
        let failed = try CommandRun(build + ["--set", "labels.keep=angry"], in: project.url)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("serreport: train: every clip has the same emotion"))
        let files = ReportScene.snapshot(out)
        #expect(files["models/my.pt"] == Data("mine".utf8))
        #expect(files["metrics.json"] == nil && files["models/rf.json"] == nil && files["predictions.csv"] == nil)
        let html = String(decoding: files["index.html"] ?? Data(), as: UTF8.self)
        #expect(html.contains("<strong>Train failed.</strong>"))
        let again = try CommandRun(build, in: project.url)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("metrics.json").path))
    }

    @Test("the cache replaced by a file after a good build: the next build warns and keeps metrics and models")
    func cacheFileKeepsReport() throws {
        let corpus = try ReportScene.corpus()
        let project = try ScratchProject()
        let out = project.url.appendingPathComponent("report")
        let build = ["build", "--data", corpus.root.path, "--out", "report"] + ReportScene.quick
        #expect(try CommandRun(build, in: project.url).status == 0)
        let before = ReportScene.snapshot(out)
        let cache = project.url.appendingPathComponent(".serreport/cache")
        try FileManager.default.removeItem(at: cache)
        try Data().write(to: cache)
        let run = try CommandRun(Array(build.dropLast()), in: project.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("warning: .serreport/cache: cannot write (Not a directory)"))
        let after = ReportScene.snapshot(out)
        for name in ["metrics.json", "models/rf.json", "predictions.csv", "features.csv", "report.pdf"] {
            #expect(after[name] == before[name], "\(name)")
        }
    }

    @Test("a full disk while the report is written: one line naming the file, exit 1, the old report complete")
    func fullDisk() throws {
        let corpus = try ReportScene.corpus()
        let project = try ScratchProject()
        let out = project.url.appendingPathComponent("report")
        let build = ["build", "--data", corpus.root.path, "--out", "report"] + ReportScene.quick
        #expect(try CommandRun(build, in: project.url).status == 0)
        try ReportScene.write("mine", to: out.appendingPathComponent("mine.txt"))
        let before = ReportScene.snapshot(out, runRecord: true)
        // Files over 16 KiB cannot be written (EFBIG, as a full disk gives ENOSPC): a new figure fails.
        let limited = "trap '' XFSZ; ulimit -f 32; exec \"$0\" \"$@\""
        let run = try CommandRun(
            executable: "/bin/sh",
            ["-c", limited, CommandRun.binary.path] + build + ["--set", "train.models=rf,svm"], in: project.url)
        #expect(run.status == 1)
        let errors = ReportScene.lines(run.stderr).filter { !$0.hasPrefix("warning: .serreport/") }
        #expect(errors.count == 1, "\(run.stderr)")
        #expect(
            errors.first.map {
                $0.hasPrefix("serreport: report: report/") && $0.hasSuffix(": cannot write (File too large)")
            }
                == true, "\(run.stderr)")
        #expect(ReportScene.snapshot(out, runRecord: true) == before)
        #expect(ReportScene.leftovers(in: project.url).isEmpty)
    }

    @Test("a corpus that cannot be opened, or has no usable clip, still gets a report whose load section says why")
    func loadFailureReport() throws {
        let project = try ScratchProject()
        let missing = try CommandRun(["build", "--data", "nowhere"] + ReportScene.quick, in: project.url)
        #expect(missing.status == 1)
        #expect(missing.stdout == "reports/nowhere/index.html\n")
        #expect(ReportScene.lines(missing.stderr).count == 1)
        #expect(missing.stderr.hasPrefix("serreport: load: nowhere: "), "\(missing.stderr)")
        let html = try String(
            contentsOf: project.url.appendingPathComponent("reports/nowhere/index.html"), encoding: .utf8)
        #expect(html.contains("<strong>Load failed.</strong> <code>nowhere: "))
        #expect(html.contains("Not run: load did not finish."))

        let bad = try CorpusFixture(emotions: [], speakers: [], badFiles: true)
        let unusable = try CommandRun(
            ["build", "--data", bad.root.path, "--out", "unusable"] + ReportScene.quick, in: project.url)
        #expect(unusable.status == 1)
        let page = try String(contentsOf: project.url.appendingPathComponent("unusable/index.html"), encoding: .utf8)
        #expect(page.contains("<strong>Load failed.</strong>"), "\(unusable.stderr)")
    }

    @Test(
        "--out may not be a file, under a file, /, the working folder or above it, the corpus or above it, or in .serreport"
    )
    func refusedOut() throws {
        let corpus = try ReportScene.corpus()
        let project = try ScratchProject()
        try Data("mine".utf8).write(to: project.url.appendingPathComponent("plain"))
        try ReportScene.write(
            "{{title}}", to: project.url.appendingPathComponent("site/templates/report.html.mustache"))
        let data = corpus.root.path
        let parentOfCorpus = corpus.root.deletingLastPathComponent().path
        let refused: [(String, String)] = [
            ("plain", "plain: exists and is a regular file, not a folder"),
            ("plain/report", "plain/report: cannot be a folder: \(project.url.path)/plain is a file"),
            ("/", "/: is the root folder; give the report a folder of its own"),
            (".", ".: is the working folder; give the report a folder of its own"),
            ("..", "..: holds the working folder; give the report a folder of its own"),
            (data, "\(data): is the corpus (\(data)); give the report a folder of its own"),
            (parentOfCorpus, "\(parentOfCorpus): holds the working folder; give the report a folder of its own"),
            (".serreport/report", ".serreport/report: is inside serreport's cache folder (.serreport/)"),
            ("site", "site: holds the report's templates (site/templates); give the report a folder of its own"),
            ("", "the report folder's path is empty; give the report a folder"),
        ]
        let corpusBefore = ReportScene.snapshot(corpus.root)
        for (out, message) in refused {
            let templates = ["--set", "report.templates=site/templates"]
            let run = try CommandRun(
                ["build", "--data", data, "--out", out] + templates + ReportScene.quick, in: project.url)
            #expect(run.status == 1, "\(out)")
            #expect(run.stderr == "serreport: report: \(message)\n")
        }
        let holder = try ScratchProject()
        let inside = holder.url.appendingPathComponent("corpus")
        try FileManager.default.copyItem(at: corpus.root, to: inside)
        let run = try CommandRun(
            ["build", "--data", inside.path, "--out", holder.url.path] + ReportScene.quick, in: project.url)
        #expect(
            run.stderr
                == "serreport: report: \(holder.url.path): holds the corpus (\(inside.path)); give the report a folder of its own\n"
        )
        #expect(ReportScene.snapshot(corpus.root) == corpusBefore)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: project.url.path).sorted() == [
                ".serreport", "plain", "site",
            ])
        #expect(try Data(contentsOf: project.url.appendingPathComponent("plain")) == Data("mine".utf8))
    }

    @Test("a read-only report folder: one line, nothing changed")
    func readOnlyFolder() throws {
        let corpus = try ReportScene.corpus()
        let project = try ScratchProject()
        let out = project.url.appendingPathComponent("report")
        // As root every folder is writable: run as `nobody`, who owns the project, so 0555 binds.
        let asNobody = getuid() == 0 ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: project.url.path)
        func build(_ extra: [String]) throws -> CommandRun {
            let arguments = ["build", "--data", corpus.root.path, "--out", "report"] + ReportScene.quick + extra
            return asNobody.isEmpty
                ? try CommandRun(arguments, in: project.url)
                : try CommandRun(
                    executable: asNobody[0], Array(asNobody.dropFirst()) + [CommandRun.binary.path] + arguments,
                    in: project.url)
        }
        let first = try build([])
        #expect(first.status == 0, "\(first.stderr)")
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: out.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: out.path) }
        let before = ReportScene.snapshot(out, runRecord: true)
        let run = try build(["--set", "train.models=rf,svm"])
        #expect(run.status == 1)
        #expect(run.stderr == "serreport: report: report: cannot write in it (Permission denied)\n")
        #expect(ReportScene.snapshot(out, runRecord: true) == before)
    }

    @Test(
        "--out through a symbolic link writes the folder it points at and keeps the link; a link to nowhere is refused")
    func symbolicLinkOut() throws {
        let corpus = try ReportScene.corpus()
        let project = try ScratchProject()
        let real = project.url.appendingPathComponent("shared/real")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        let link = project.url.appendingPathComponent("report")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "shared/real")
        let build = ["build", "--data", corpus.root.path, "--out", "report"] + ReportScene.quick
        for _ in 0..<2 { #expect(try CommandRun(build, in: project.url).status == 0) }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "shared/real")
        #expect(FileManager.default.fileExists(atPath: real.appendingPathComponent("metrics.json").path))
        try FileManager.default.createSymbolicLink(
            atPath: project.url.appendingPathComponent("nowhere").path, withDestinationPath: "missing/folder")
        let dangling = try CommandRun(
            ["build", "--data", corpus.root.path, "--out", "nowhere"] + ReportScene.quick, in: project.url)
        #expect(dangling.status == 1)
        #expect(
            dangling.stderr
                == "serreport: report: nowhere: is a symbolic link to missing/folder, which does not exist\n")
    }

    @Test("a report folder from before records (no .serreport-files) is taken over by name; the user's files stay")
    func formerReportFolder() throws {
        let corpus = try ReportScene.corpus()
        let project = try ScratchProject()
        let out = project.url.appendingPathComponent("report")
        let build = ["build", "--data", corpus.root.path, "--out", "report"] + ReportScene.quick
        #expect(try CommandRun(build + ["--set", "train.models=rf,svm"], in: project.url).status == 0)
        try FileManager.default.removeItem(at: out.appendingPathComponent(".serreport-files"))
        try ReportScene.write("half", to: out.appendingPathComponent("report.pdf.4711.tmp"))
        try ReportScene.write("mine", to: out.appendingPathComponent("models/my.pt"))
        let run = try CommandRun(build, in: project.url)
        #expect(run.status == 0, "\(run.stderr)")
        let files = ReportScene.snapshot(out)
        #expect(files["models/my.pt"] == Data("mine".utf8))
        #expect(files["report.pdf.4711.tmp"] == nil && files["models/svm.model"] == nil)
        #expect(files[".serreport-files"] != nil)
    }
}
