import Foundation
import SERAudio
import Testing

/// `serreport build`, `run`, `status`, `diff` and `--fail-under` end to end: the cache, the byte-identical
/// outputs, interrupted and concurrent builds, and the report's escaping.
@Suite("Cells and cache on the command line", .serialized)
struct RunnerCommandTests {
    /// Files that must be byte-identical between builds of the same corpus and settings.
    static func comparedFiles(_ report: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in ["metrics.json", "features.csv", "predictions.csv", "report.pdf"] {
            files[name] = try Data(contentsOf: report.appendingPathComponent(name))
        }
        for folder in ["figures", "models"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: report.appendingPathComponent(folder).path)
            {
                files["\(folder)/\(name)"] = try Data(contentsOf: report.appendingPathComponent("\(folder)/\(name)"))
            }
        }
        return files
    }

    /// Each cell's state and per-item counts from run.json.
    static func cells(_ report: URL) throws -> [String: (state: String, total: Int?, cached: Int?)] {
        let run = try #require(
            JSONSerialization.jsonObject(with: Data(contentsOf: report.appendingPathComponent("run.json")))
                as? [String: Any])
        var cells: [String: (String, Int?, Int?)] = [:]
        for cell in try #require(run["cells"] as? [[String: Any]]) {
            let items = cell["items"] as? [String: Any]
            cells[cell["id"] as! String] = (cell["state"] as! String, items?["total"] as? Int, items?["cached"] as? Int)
        }
        return cells
    }

    static func corpus() throws -> CorpusFixture {
        try CorpusFixture(emotions: ["angry", "sad", "happy"], speakers: ["s1", "s2", "s3", "s4"], badFiles: false)
    }

    /// Quick settings: two models, PNG and PDF figures.
    static let quick = ["--set", "train.models=rf,svm", "--set", "report.figure_formats=png,pdf", "--jobs", "2"]

    @Test(
        "two clean builds in different working folders and --out give byte-identical outputs; a second build is all cached"
    )
    func identicalAndCached() throws {
        let corpus = try Self.corpus()
        let first = try ScratchProject()
        let second = try ScratchProject()
        let a = first.url.appendingPathComponent("report")
        let b = second.url.appendingPathComponent("deeper/other-name")
        let runA = try CommandRun(["build", "--data", corpus.root.path, "--out", "report"] + Self.quick, in: first.url)
        #expect(runA.status == 0, "\(runA.stderr)")
        let runB = try CommandRun(["build", "--data", corpus.root.path, "--out", b.path] + Self.quick, in: second.url)
        #expect(runB.status == 0, "\(runB.stderr)")
        let filesA = try Self.comparedFiles(a)
        #expect(filesA.keys.contains("figures/evaluate-confusion-svm.png"))
        #expect(filesA == (try Self.comparedFiles(b)))
        for name in ["metrics.json", "features.csv", "predictions.csv"] {
            let text = String(decoding: filesA[name]!, as: UTF8.self)
            #expect(
                !text.contains(corpus.root.path) && !text.contains(first.url.path), "\(name) holds an absolute path")
        }
        #expect(try Self.cells(a).values.allSatisfy { $0.state == "ran" })

        let modified =
            try FileManager.default.attributesOfItem(atPath: a.appendingPathComponent("metrics.json").path)[
                .modificationDate] as? Date
        let again = try CommandRun(
            ["build", "--data", corpus.root.path, "--out", "report"] + Self.quick, in: first.url)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(
            try Self.cells(a).mapValues(\.state)
                == Dictionary(uniqueKeysWithValues: Self.cellNames.map { ($0, "cached") }))
        #expect(try Self.comparedFiles(a) == filesA)
        let unchanged =
            try FileManager.default.attributesOfItem(atPath: a.appendingPathComponent("metrics.json").path)[
                .modificationDate] as? Date
        #expect(unchanged == modified, "an unchanged output is not rewritten")
        let status = try CommandRun(
            ["status", "--data", corpus.root.path, "--out", "report"] + Self.quick.dropLast(2), in: first.url)
        #expect(status.stdout.split(separator: "\n").map { $0.hasSuffix("fresh") } == Array(repeating: true, count: 5))
    }

    static let cellNames = ["load", "process", "extract", "train", "evaluate"]

    @Test("changing a processing setting re-runs process and what follows, not load; status says why first")
    func processingChange() throws {
        let corpus = try Self.corpus()
        let project = try ScratchProject()
        let report = project.url.appendingPathComponent("report")
        let arguments = ["--data", corpus.root.path, "--out", "report"] + Self.quick
        #expect(try CommandRun(["build"] + arguments, in: project.url).status == 0)
        let changed = ["--set", "process.trim.top_db=50"]
        let status = try CommandRun(["status"] + arguments.dropLast(2) + changed, in: project.url)
        #expect(status.stdout.contains("load      fresh"))
        #expect(status.stdout.contains("process   stale: process.trim.top_db 60 → 50"))
        #expect(status.stdout.contains("evaluate  stale: train is stale"))
        let run = try CommandRun(["build"] + arguments + changed, in: project.url)
        #expect(run.status == 0, "\(run.stderr)")
        let cells = try Self.cells(report)
        #expect(cells["load"]?.state == "cached")
        for cell in ["process", "extract", "train", "evaluate"] { #expect(cells[cell]?.state == "ran", "\(cell)") }
        let features = ["--set", "features.mfcc.n_mfcc=13"]
        #expect(
            try CommandRun(["status"] + arguments.dropLast(2) + changed + features, in: project.url).stdout
                .contains("extract   stale: features.mfcc.n_mfcc 20 → 13"))
    }

    @Test("adding one clip decodes, processes and extracts that clip only; run evaluate re-runs evaluate alone")
    func addedClip() throws {
        let corpus = try Self.corpus()
        let project = try ScratchProject()
        let report = project.url.appendingPathComponent("report")
        let arguments = ["--data", corpus.root.path, "--out", "report"] + Self.quick
        #expect(try CommandRun(["build"] + arguments, in: project.url).status == 0)
        try AudioFile.write(
            CorpusFixture.burst(frequency: 333, amplitude: 0.4), sampleRate: 16000, format: .wav16,
            to: corpus.path("s5_sad.wav"))
        let manifest = try String(contentsOfFile: corpus.path("manifest.csv"), encoding: .utf8)
        try (manifest + "s5_sad.wav,sad,s5,male\n").write(
            toFile: corpus.path("manifest.csv"), atomically: true, encoding: .utf8)
        let status = try CommandRun(["status"] + arguments.dropLast(2), in: project.url)
        #expect(status.stdout.contains("load      stale: 1 clip added"), "\(status.stdout)")
        let run = try CommandRun(["build"] + arguments, in: project.url)
        #expect(run.status == 0, "\(run.stderr)")
        let cells = try Self.cells(report)
        for cell in ["load", "process", "extract"] {
            #expect(cells[cell]?.state == "ran")
            #expect(
                cells[cell]?.total == 13 && cells[cell]?.cached == 12, "\(cell): \(String(describing: cells[cell]))")
        }
        let evaluate = try CommandRun(["run", "evaluate"] + arguments, in: project.url)
        #expect(evaluate.status == 0, "\(evaluate.stderr)")
        #expect(
            try Self.cells(report).mapValues(\.state) == [
                "load": "cached", "process": "cached", "extract": "cached", "train": "cached", "evaluate": "ran",
            ])
        #expect(try CommandRun(["run", "nothing"] + arguments, in: project.url).stderr.contains("no such cell"))
    }

    @Test("kill -9 at any moment, then build again: it completes and its outputs equal an uninterrupted build's")
    func killed() throws {
        let corpus = try Self.corpus()
        let reference = try ScratchProject()
        #expect(
            try CommandRun(["build", "--data", corpus.root.path, "--out", "report"] + Self.quick, in: reference.url)
                .status == 0)
        let expected = try Self.comparedFiles(reference.url.appendingPathComponent("report"))
        for delay in [0.05, 0.3, 0.8, 1.5, 3.0] {
            let project = try ScratchProject()
            let process = Process()
            process.executableURL = CommandRun.binary
            process.arguments = ["build", "--data", corpus.root.path, "--out", "report", "--quiet"] + Self.quick
            process.currentDirectoryURL = project.url
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let again = try CommandRun(
                ["build", "--data", corpus.root.path, "--out", "report"] + Self.quick, in: project.url)
            #expect(again.status == 0, "after a kill at \(delay) s: \(again.stderr)")
            #expect(
                try Self.comparedFiles(project.url.appendingPathComponent("report")) == expected, "kill at \(delay) s")
        }
    }

    @Test("two builds started at once on one project both finish, with the same outputs")
    func concurrent() throws {
        let corpus = try Self.corpus()
        let project = try ScratchProject()
        let reference = try ScratchProject()
        #expect(
            try CommandRun(["build", "--data", corpus.root.path, "--out", "report"] + Self.quick, in: reference.url)
                .status == 0)
        let runs = [Process(), Process()]
        for process in runs {
            process.executableURL = CommandRun.binary
            process.arguments = ["build", "--data", corpus.root.path, "--out", "report", "--quiet"] + Self.quick
            process.currentDirectoryURL = project.url
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
        }
        for process in runs { try process.run() }
        for process in runs { process.waitUntilExit() }
        #expect(runs.map(\.terminationStatus) == [0, 0])
        #expect(
            try Self.comparedFiles(project.url.appendingPathComponent("report"))
                == Self.comparedFiles(reference.url.appendingPathComponent("report")))
    }

    @Test("a corpus file named <b>x</b>&.wav appears escaped in the HTML; the self-contained page inlines every figure")
    func escapedAndSelfContained() throws {
        let corpus = try CorpusFixture(emotions: ["angry", "sad"], speakers: ["s1", "s2", "s3"], badFiles: false)
        // "/" cannot be in a file name: this is the file `b>&.wav` in the folder `<b>x<`.
        let name = "<b>x</b>&.wav"
        try FileManager.default.createDirectory(atPath: corpus.path("<b>x<"), withIntermediateDirectories: true)
        try "not audio".write(toFile: corpus.path(name), atomically: true, encoding: .utf8)
        let manifest = try String(contentsOfFile: corpus.path("manifest.csv"), encoding: .utf8)
        try (manifest + "\"\(name)\",sad,s3,male\n").write(
            toFile: corpus.path("manifest.csv"), atomically: true, encoding: .utf8)
        let project = try ScratchProject()
        let run = try CommandRun(
            ["build", "--data", corpus.root.path, "--out", "report", "--set", "report.self_contained=true"]
                + Self.quick,
            in: project.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("figures inlined"))
        let html = try String(contentsOf: project.url.appendingPathComponent("report/index.html"), encoding: .utf8)
        #expect(html.contains("&lt;b&gt;x&lt;/b&gt;&amp;.wav"))
        #expect(!html.contains("<b>x</b>"))
        #expect(!html.contains("src=\"figures/"))
        #expect(html.contains("src=\"data:image/png;base64,") || html.contains("src=\"data:image/svg+xml;base64,"))
        #expect(html.contains("Content-Security-Policy"))
        let strict = try CommandRun(
            ["build", "--data", corpus.root.path, "--out", "report", "--strict"] + Self.quick, in: project.url)
        #expect(strict.status == 2)
    }

    @Test(
        "diff prints each model's metric change as a Markdown table or JSON; --fail-under exits 3 below the threshold")
    func diffAndThreshold() throws {
        let corpus = try Self.corpus()
        // The fixture's tones are told apart perfectly; two clips labelled with each other's emotion keep
        // every score below 1, so a threshold within 0…1 can fail.
        let manifestPath = corpus.path("manifest.csv")
        var rows = try String(contentsOfFile: manifestPath, encoding: .utf8).split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        if let other = rows.indices.dropFirst(2).first(where: { rows[$0][1] != rows[1][1] }) {
            (rows[1][1], rows[other][1]) = (rows[other][1], rows[1][1])
        }
        try (rows.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n").write(
            toFile: manifestPath, atomically: true, encoding: .utf8)
        let project = try ScratchProject()
        #expect(
            try CommandRun(["build", "--data", corpus.root.path, "--out", "a"] + Self.quick, in: project.url).status
                == 0)
        #expect(
            try CommandRun(
                ["build", "--data", corpus.root.path, "--out", "b", "--set", "train.models=rf"]
                    + Self.quick.dropFirst(2),
                in: project.url
            ).status == 0)
        let markdown = try CommandRun(["diff", "a", "b"], in: project.url)
        #expect(markdown.status == 0, "\(markdown.stderr)")
        let lines = markdown.stdout.split(separator: "\n")
        #expect(lines.first == "| model | UAR | accuracy | macro-F1 |")
        #expect(lines.contains { $0.hasPrefix("| rf") && $0.contains("(+0.000)") })
        #expect(lines.contains { $0.hasPrefix("| svm") && $0.contains("→ –") })
        let json = try CommandRun(["diff", "a", "b", "--format", "json"], in: project.url)
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let models = try #require(object["models"] as? [String: [String: [String: Double]]])
        #expect(models["rf"]?["uar"]?["delta"] == 0)
        #expect(try CommandRun(["diff", "a", "nowhere"], in: project.url).status == 1)
        // Scores outside 0…1, a best model that is not there, other emotions: named, not compared blindly.
        let metrics = project.url.appendingPathComponent("a/metrics.json")
        func edited(_ name: String, _ edit: (inout [String: Any]) -> Void) throws -> String {
            var object = try #require(
                JSONSerialization.jsonObject(with: Data(contentsOf: metrics)) as? [String: Any])
            edit(&object)
            let url = project.url.appendingPathComponent(name)
            try JSONSerialization.data(withJSONObject: object).write(to: url)
            return url.path
        }
        func setModel(_ object: inout [String: Any], _ key: String, _ value: Any) {
            var models = object["models"] as? [String: Any] ?? [:]
            var rf = models["rf"] as? [String: Any] ?? [:]
            rf[key] = value
            models["rf"] = rf
            object["models"] = models
        }
        let negative = try edited("negative.json") { setModel(&$0, "uar", -5) }
        let refused = try CommandRun(["diff", "a", negative], in: project.url)
        #expect(refused.status == 1)
        #expect(
            refused.stderr.contains("\(negative): models.rf.uar is -5.0, not a score from 0 to 1"), "\(refused.stderr)")
        let noBest = try edited("nobest.json") { $0["best"] = "zzz" }
        #expect(
            try CommandRun(["diff", "a", noBest], in: project.url).stderr.contains(
                "best names 'zzz', which is not one of its models"))
        let fewer = try edited("fewer.json") { object in
            var models = object["models"] as? [String: Any] ?? [:]
            for (name, value) in models {
                var model = value as? [String: Any] ?? [:]
                model["labels"] = Array((model["labels"] as? [String] ?? []).dropLast())
                models[name] = model
            }
            object["models"] = models
        }
        let warned = try CommandRun(["diff", "a", fewer], in: project.url)
        #expect(warned.status == 0, "\(warned.stderr)")
        #expect(warned.stdout.contains("**Warning:** the reports classify different emotions"), "\(warned.stdout)")
        let missingKey = try edited("nokey.json") { object in
            var models = object["models"] as? [String: Any] ?? [:]
            var rf = models["rf"] as? [String: Any] ?? [:]
            rf["uar"] = nil
            models["rf"] = rf
            object["models"] = models
        }
        #expect(try CommandRun(["diff", "a", missingKey], in: project.url).stderr.contains("no key models.rf.uar"))

        let metricsA = try #require(
            JSONSerialization.jsonObject(with: Data(contentsOf: metrics)) as? [String: Any])
        let bestUAR = try #require(
            ((metricsA["models"] as? [String: Any])?[metricsA["best"] as? String ?? ""] as? [String: Any])?["uar"]
                as? Double)
        #expect(bestUAR < 1, "the fixture's best model is not perfect, so a threshold above it can fail")
        let below = try CommandRun(
            ["build", "--data", corpus.root.path, "--out", "a", "--fail-under", "uar=\(min(1, bestUAR + 0.001))"]
                + Self.quick,
            in: project.url)
        #expect(below.status == 3)
        #expect(below.stderr.contains("below threshold: uar"))
        let above = try CommandRun(
            ["build", "--data", corpus.root.path, "--out", "a", "--fail-under", "uar=0", "macro_f1=0"] + Self.quick,
            in: project.url)
        #expect(above.status == 0, "\(above.stderr)")
        #expect(try CommandRun(["build", "--fail-under", "recall=1"], in: project.url).status != 0)
        for impossible in ["uar=1.01", "uar=-1", "uar=nan"] {
            #expect(try CommandRun(["build", "--fail-under", impossible], in: project.url).status == 64)
        }
    }

    @Test(
        "a cache that cannot be written: one warning naming it, the build finishes with the outputs of a cached build; the next build computes them again"
    )
    func unwritableCache() throws {
        let corpus = try Self.corpus()
        let project = try ScratchProject()
        // `.serreport/cache` as a regular file: every cache write fails with ENOTDIR, as root too (root
        // ignores a read-only folder's permission bits).
        try FileManager.default.createDirectory(
            at: project.url.appendingPathComponent(".serreport"), withIntermediateDirectories: true)
        try Data().write(to: project.url.appendingPathComponent(".serreport/cache"))
        let arguments = ["build", "--data", corpus.root.path, "--out", "report"] + Self.quick
        let run = try CommandRun(arguments, in: project.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stderr.split(separator: "\n").filter { $0.contains("warning") } == [
                "warning: .serreport/cache: cannot write (Not a directory); results of this build are not cached"
            ], "\(run.stderr)")
        #expect(run.stderr.contains(", 0 skipped"), "a cache problem skips no clip: \(run.stderr)")
        let report = project.url.appendingPathComponent("report")
        #expect(FileManager.default.fileExists(atPath: report.appendingPathComponent("index.html").path))
        #expect(try Self.cells(report).values.allSatisfy { $0.state == "ran" })

        let working = try ScratchProject()
        let reference = try CommandRun(arguments, in: working.url)
        #expect(reference.status == 0, "\(reference.stderr)")
        #expect(!reference.stderr.contains("warning"))
        #expect(try Self.comparedFiles(report) == Self.comparedFiles(working.url.appendingPathComponent("report")))

        let again = try CommandRun(arguments, in: project.url)
        #expect(again.status == 0, "\(again.stderr)")
        for (cell, outcome) in try Self.cells(report) {
            #expect(outcome.state == "ran" && (outcome.cached ?? 0) == 0, "\(cell) was computed again")
        }
    }

    @Test("list names the cells in order; clean empties the cache")
    func listAndClean() throws {
        let list = try CommandRun(["list"])
        #expect(
            list.stdout.split(separator: "\n").map { String($0.prefix(9)).trimmingCharacters(in: .whitespaces) }
                == Self.cellNames)
        // The summaries follow the settings: --set, and the working folder's serreport.yml.
        let seedLine = "extract   RMS, ZCR, MFCC, chroma and spectral contrast per clip"
        #expect(!list.stdout.contains(seedLine))
        #expect(try CommandRun(["list", "--set", "features.set=seed"]).stdout.contains(seedLine))
        let corpus = try Self.corpus()
        let project = try ScratchProject()
        try "features:\n  set: seed\n".write(
            to: project.url.appendingPathComponent("serreport.yml"), atomically: true, encoding: .utf8)
        #expect(try CommandRun(["list"], in: project.url).stdout.contains(seedLine))
        try FileManager.default.removeItem(at: project.url.appendingPathComponent("serreport.yml"))
        #expect(
            try CommandRun(
                ["build", "--data", corpus.root.path, "--out", "r", "--quiet"] + Self.quick, in: project.url
            ).status == 0)
        #expect(FileManager.default.fileExists(atPath: project.url.appendingPathComponent(".serreport/cache").path))
        #expect(try CommandRun(["clean"], in: project.url).stdout.hasPrefix("removed .serreport/"))
        // Only the build lock stays (a build may be waiting on it).
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: project.url.appendingPathComponent(".serreport").path)
                == ["lock"])
        let status = try CommandRun(["status", "--data", corpus.root.path, "--out", "r"], in: project.url)
        #expect(status.stdout.contains("load      stale: never built"))
    }
}

/// An empty working folder for one test's builds (its own `.serreport/`), removed afterwards.
final class ScratchProject {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("serreport-project-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
