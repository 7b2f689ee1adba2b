import Foundation
import Testing

@Suite("The command line", .serialized)
struct CommandLineTests {
    @Test(
        "--data, --out or --set holding bytes that are not UTF-8 (U+FFFD after decoding) is one line, and no report folder is made"
    )
    func notUTF8Arguments() throws {
        let project = try ScratchProject()
        for arguments in [
            ["build", "--data", "Sam\u{FFFD}ples"], ["build", "--out", "r\u{FFFD}"],
            ["build", "--set", "labels.keep=[h\u{FFFD}ppy]"],
        ] {
            let run = try CommandRun(arguments, in: project.url)
            #expect(run.status != 0)
            #expect(run.stderr.contains("holds bytes that are not UTF-8"), "\(arguments): \(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: project.url.appendingPathComponent("reports").path))
    }

    @Test(
        "report.templates in a config file is relative to the file, as data is; a template folder someone named must exist, the default may be absent"
    )
    func templateFolderSetting() throws {
        let project = try ScratchProject()
        let configFolder = project.url.appendingPathComponent("cfg")
        try FileManager.default.createDirectory(
            at: configFolder.appendingPathComponent("tpl"), withIntermediateDirectories: true)
        try "report:\n  templates: tpl\n".write(
            to: configFolder.appendingPathComponent("j.yml"), atomically: true, encoding: .utf8)
        let found = try CommandRun(["config", "--config", "cfg/j.yml"], in: project.url)
        #expect(found.status == 0, "\(found.stderr)")
        #expect(found.stdout.contains(configFolder.appendingPathComponent("tpl").path), "\(found.stdout)")
        try FileManager.default.removeItem(at: configFolder.appendingPathComponent("tpl"))
        let missing = try CommandRun(["config", "--config", "cfg/j.yml"], in: project.url)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("report.templates: ") && missing.stderr.contains("no such template folder"))
        let named = try CommandRun(["config", "--set", "report.templates=templates"], in: project.url)
        #expect(named.stderr.contains("--set: report.templates: templates: no such template folder"), "\(named.stderr)")
        #expect(try CommandRun(["config"], in: project.url).status == 0, "the default folder may be absent")
    }

    @Test("features: one JSON line per file in the reference's layout (features.set seed)")
    func featuresJSON() throws {
        let corpus = try CorpusFixture(badFiles: false)
        let run = try CommandRun([
            "features", corpus.path("s1_angry.wav"), corpus.path("s2_sad.wav"), "--json", "--set", "features.set=seed",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        let object = try #require(JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        let meta = try #require(object["meta"] as? [String: Any])
        let stages = try #require(meta["stages"] as? [String: Any])
        let load = try #require(stages["load"] as? [String: Any])
        #expect(load["sr"] as? Int == 22050)
        #expect(load["n"] as? Int == 31697)  // ceil(23000 * 22050 / 16000)
        #expect((stages["pad"] as? [String: Any])?["size"] as? Int == 66150)
        #expect(meta["n_frames"] as? Int == 130)
        let summary = try #require(object["summary"] as? [String: Any])
        let names = try #require(summary["names"] as? [String])
        #expect(names.first == "rms_mean_0")
        #expect(names.contains("mfcc_std_19"))
        #expect((summary["seed"] as? [Double])?.count == names.count)
        #expect(summary["values"] as? [Double] == summary["seed"] as? [Double])
        let frames = try #require(object["frames"] as? [String: [[Double]]])
        #expect(frames["mfcc"]?.count == 20)
        #expect(frames["mfcc"]?.first?.count == 130)
    }

    @Test("features --summary --raw: no frames, no processing")
    func featuresSummaryRaw() throws {
        let corpus = try CorpusFixture(badFiles: false)
        let run = try CommandRun(["features", corpus.path("s1_sad.wav"), "--json", "--summary", "--raw"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["frames"] == nil)
        let stages = try #require((object["meta"] as? [String: Any])?["stages"] as? [String: Any])
        #expect(stages["trim"] == nil)
        #expect(stages["pad"] == nil)
        #expect((stages["load"] as? [String: Any])?["n"] as? Int == 31697)
    }

    @Test("features --out FILE writes the JSON lines there, not to standard output")
    func featuresOut() throws {
        let corpus = try CorpusFixture(badFiles: false)
        let file = corpus.path("features.jsonl")
        let run = try CommandRun([
            "features", corpus.path("s1_sad.wav"), corpus.path("s2_sad.wav"), "--json", "--summary", "--out", file,
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.hasPrefix("{") && $0.hasSuffix("}") })
    }

    @Test(
        "features: each bad input is one line naming the file and the reason, exit non-zero",
        arguments: [
            ("missing.wav", "no such file"),
            ("text.wav", "not a readable audio file"),
            ("empty.wav", "empty file (0 bytes)"),
            ("zero.wav", "contains no audio samples"),
        ])
    func featuresBadInput(name: String, reason: String) throws {
        let corpus = try CorpusFixture()
        let run = try CommandRun(["features", corpus.path(name), "--json"])
        #expect(run.status != 0)
        #expect(run.stdout.isEmpty)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains(corpus.path(name)) == true)
        #expect(lines.first?.contains(reason) == true)
        #expect(!run.stderr.contains("Fatal error"))
    }

    @Test("build skips bad files with a line each, lists them in the report, and finishes")
    func buildSkipsBadFiles() throws {
        let corpus = try CorpusFixture()
        let out = corpus.root.appendingPathComponent("report")
        let run = try CommandRun(["build", "--data", corpus.root.path, "--out", out.path, "--jobs", "2"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == out.path + "/index.html\n")
        for name in ["text.wav", "empty.wav", "zero.wav", "missing.wav"] {
            #expect(run.stderr.split(separator: "\n").contains { $0.hasPrefix("skip \(name): ") })
        }
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("<code>zero.wav</code>"))
        #expect(html.contains("contains no audio samples"))
        let csv = try String(contentsOf: out.appendingPathComponent("features.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\n")
        #expect(rows.count == 5)
        #expect(rows.first?.hasPrefix("path,label,speaker,gender,rms_mean_0") == true)
        for format in ["png", "svg", "pdf"] {
            let figure = out.appendingPathComponent("figures/load-waveforms.\(format)")
            #expect(FileManager.default.fileExists(atPath: figure.path))
        }
        let strict = try CommandRun(["build", "--data", corpus.root.path, "--out", out.path, "--strict"])
        #expect(strict.status != 0)
    }

    @Test("build twice gives byte-identical features.csv and figures, whatever --jobs")
    func deterministic() throws {
        let corpus = try CorpusFixture(badFiles: false)
        let first = corpus.root.appendingPathComponent("a")
        let second = corpus.root.appendingPathComponent("b")
        #expect(try CommandRun(["build", "--data", corpus.root.path, "--out", first.path, "--jobs", "1"]).status == 0)
        #expect(try CommandRun(["build", "--data", corpus.root.path, "--out", second.path, "--jobs", "3"]).status == 0)
        let figures = try FileManager.default.contentsOfDirectory(atPath: first.appendingPathComponent("figures").path)
        #expect(figures.count >= 3 * 10)
        for file in ["features.csv"] + figures.sorted().map({ "figures/\($0)" }) {
            let a = try Data(contentsOf: first.appendingPathComponent(file))
            let b = try Data(contentsOf: second.appendingPathComponent(file))
            #expect(a == b, "\(file) differs")
        }
    }

    @Test("figures --gallery draws every figure type in every format, the same whatever --jobs")
    func gallery() throws {
        let corpus = try CorpusFixture(emotions: ["angry", "sad", "happy"], badFiles: false)
        let first = corpus.root.appendingPathComponent("gallery-1")
        let second = corpus.root.appendingPathComponent("gallery-2")
        // Noise reduction on (auto leaves it off for the extended set): its spectrogram figure is a type too.
        let denoise = ["--set", "process.denoise.enabled=on"]
        let run = try CommandRun(
            ["figures", "--gallery", first.path, "--data", corpus.root.path, "--jobs", "1"] + denoise)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == first.path + "/index.html\n")
        #expect(run.stderr.contains("figures (png, svg, pdf) drawn in"))
        let again = try CommandRun(
            ["figures", "--gallery", second.path, "--data", corpus.root.path, "--jobs", "2"] + denoise)
        #expect(again.status == 0, "\(again.stderr)")

        let files = try FileManager.default.contentsOfDirectory(atPath: first.appendingPathComponent("figures").path)
        let types = Set(files.map { String($0.prefix(while: { $0 != "." })) })
        #expect(types.count >= 14, "\(types.sorted())")
        for name in [
            "load-class-balance", "load-speakers", "load-durations", "load-waveforms", "process-steps",
            "process-spectrograms", "extract-energy", "extract-mfcc", "extract-chroma", "extract-contrast",
            "extract-mfcc-means", "extract-pca", "extract-voice", "train-mlp-loss", "evaluate-confusion-svm",
            "evaluate-models",
            "evaluate-f1", "evaluate-speakers",
        ] {
            for format in ["png", "svg", "pdf"] { #expect(files.contains("\(name).\(format)"), "\(name).\(format)") }
        }
        for file in files.sorted() {
            let a = try Data(contentsOf: first.appendingPathComponent("figures/\(file)"))
            let b = try Data(contentsOf: second.appendingPathComponent("figures/\(file)"))
            #expect(a == b, "\(file) differs between --jobs 1 and --jobs 2")
        }
        let html = try String(contentsOf: first.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("figures/evaluate-confusion-rf.png"))
        #expect(!html.contains("Illustrative numbers"))
    }

    @Test("build trains every model and writes metrics.json, predictions.csv and models/; predict uses them")
    func trainAndPredict() throws {
        let corpus = try CorpusFixture(
            emotions: ["angry", "sad", "happy"], speakers: ["s1", "s2", "s3", "s4"], badFiles: false)
        let out = corpus.root.appendingPathComponent("report")
        let run = try CommandRun(["build", "--data", corpus.root.path, "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let metrics = try #require(
            JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("metrics.json")))
                as? [String: Any])
        let models = try #require(metrics["models"] as? [String: [String: Any]])
        #expect(Set(models.keys) == ["rf", "svm", "mlp", "logreg"])
        for (name, model) in models {
            for key in ["accuracy", "uar", "macro_f1", "per_class", "confusion", "labels", "folds"] {
                #expect(model[key] != nil, "\(name) lacks \(key)")
            }
            #expect(model["labels"] as? [String] == ["happy", "sad", "angry"])
            #expect((model["folds"] as? [Any])?.count == 4)
        }
        #expect(models.keys.contains(metrics["best"] as? String ?? ""))
        let protocolInfo = try #require(metrics["protocol"] as? [String: Any])
        #expect(protocolInfo["used"] as? String == "speaker-independent")
        let predictions = try String(contentsOf: out.appendingPathComponent("predictions.csv"), encoding: .utf8)
        #expect(predictions.hasPrefix("path,speaker,model,fold,true,predicted,p_happy,p_sad,p_angry\n"))
        #expect(predictions.split(separator: "\n").count == 1 + 4 * 12)
        for file in ["rf.json", "logreg.json", "svm.model", "mlp.json", "scaler.json", "labels.json", "settings.json"] {
            #expect(
                FileManager.default.fileExists(atPath: out.appendingPathComponent("models/\(file)").path), "\(file)")
        }
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("figures/evaluate-confusion-svm.png") && html.contains("figures/train-mlp-loss.png"))

        let predict = try CommandRun(["predict", "--report", out.path, "--json", corpus.path("s1_sad.wav")])
        #expect(predict.status == 0, "\(predict.stderr)")
        let line = try #require(JSONSerialization.jsonObject(with: Data(predict.stdout.utf8)) as? [String: Any])
        #expect(line["file"] as? String == corpus.path("s1_sad.wav"))
        #expect(models.keys.contains(line["model"] as? String ?? ""))
        let probabilities = try #require(line["probabilities"] as? [String: Double])
        #expect(Set(probabilities.keys) == ["happy", "sad", "angry"])
        #expect(abs(probabilities.values.reduce(0, +) - 1) < 1e-3)
        let missing = try CommandRun(["predict", "--report", out.path, corpus.path("nothing.wav")])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("nothing.wav: no such file"))
    }

    @Test("a corpus with one emotion still gets a report with the earlier cells and the train error, and exits 1")
    func oneEmotionCannotTrain() throws {
        let corpus = try CorpusFixture(emotions: ["angry"], badFiles: false)
        let out = corpus.root.appendingPathComponent("report")
        let run = try CommandRun(["build", "--data", corpus.root.path, "--out", out.path])
        #expect(run.status == 1, "a failed cell is a failed build: \(run.stderr)")
        #expect(run.stderr.contains("serreport: train: every clip has the same emotion"))
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("<strong>Train failed.</strong> <code>every clip has the same emotion"))
        #expect(html.contains("Not run: train did not finish."))
        #expect(html.contains("figures/extract-mfcc.png"), "the cells before the failure are in the report")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("metrics.json").path))
    }

    @Test("config errors name the key and the file")
    func configErrors() throws {
        let corpus = try CorpusFixture(badFiles: false)
        try "features:\n  mfcc: {n_mfc: 13}\n".write(
            toFile: corpus.path("serreport.yml"), atomically: true, encoding: .utf8)
        let run = try CommandRun(["build"], in: corpus.root)
        #expect(run.status != 0)
        #expect(run.stderr.contains("serreport.yml:2: features.mfcc.n_mfc: unknown key"))
        #expect(run.stderr.contains("did you mean n_mfcc?"))
        let set = try CommandRun(["features", corpus.path("s1_sad.wav"), "--set", "features.n_fft=big"])
        #expect(set.status != 0)
        #expect(set.stderr.contains("--set: features.n_fft: expected a whole number"))
    }

    @Test("an out-of-range setting stops the build before load runs: one line, no cache, no report")
    func outOfRangeStopsBeforeLoad() throws {
        let corpus = try CorpusFixture(badFiles: false)
        let run = try CommandRun(
            ["build", "--data", corpus.root.path, "--set", "features.n_fft=1025"], in: corpus.root)
        #expect(run.status != 0)
        #expect(
            run.stderr.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix(
                "--set: features.n_fft: 1025 is out of range (allowed: an even number from 16 to 65536)"))
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: corpus.root.appendingPathComponent(".serreport").path))
        #expect(!FileManager.default.fileExists(atPath: corpus.root.appendingPathComponent("reports").path))
    }

    @Test("serreport config shows each value's source: default, file:line, --set")
    func configShowsSources() throws {
        let corpus = try CorpusFixture(badFiles: false)
        try "train:\n  seed: 7\n".write(toFile: corpus.path("serreport.yml"), atomically: true, encoding: .utf8)
        let run = try CommandRun(["config", "--set", "features.mfcc.n_mfcc=13"], in: corpus.root)
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("  seed: 7 ") && $0.contains("# serreport.yml:2 · ") })
        #expect(lines.contains { $0.hasPrefix("    n_mfcc: 13 ") && $0.contains("# --set · ") })
        #expect(lines.contains { $0.hasPrefix("  n_fft: 2048 ") && $0.contains("# default · ") })
        let json = try CommandRun(["config", "--json"], in: corpus.root)
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let keys = try #require(document["keys"] as? [[String: String]])
        #expect(keys.first { $0["key"] == "train.seed" }?["source"] == "serreport.yml:2")
        #expect((document["settings"] as? [String: Any])?["sample_rate"] as? Int == 22050)
    }

    @Test("a config file's data path is relative to the file, and --set overrides it")
    func configFileData() throws {
        let corpus = try CorpusFixture(badFiles: false)
        try "data: .\nfeatures: {mfcc: {n_mfcc: 13}}\n".write(
            toFile: corpus.path("serreport.yml"), atomically: true, encoding: .utf8)
        let out = corpus.root.appendingPathComponent("r")
        let run = try CommandRun([
            "build", "--config", corpus.path("serreport.yml"), "--out", out.path, "--set", "process.trim.enabled=false",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let header =
            try String(contentsOf: out.appendingPathComponent("features.csv"), encoding: .utf8)
            .split(separator: "\n").first ?? ""
        #expect(header.contains("mfcc_std_12"))
        #expect(!header.contains("mfcc_std_13"))
    }
}
