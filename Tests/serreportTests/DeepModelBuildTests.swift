import Foundation
import SERAudio
import Testing

/// The `gru` model through the whole command: a build trains it fold by fold beside the others, gives the same
/// bytes whatever `--jobs`, draws its curves, saves it for `predict`, skips a clip too short for frames with its
/// reason, and re-trains without re-extracting when only its own settings change.
@Suite struct DeepModelBuildTests {
    static let config = """
        train:
          models: [svm, logreg, gru, cnn, fusion]
          folds: 2
          gru:
            hidden_size: 6
            epochs: 3
          cnn:
            n_mels: 16
            channels: [4, 8]
            epochs: 2

        """

    static func corpus() throws -> CorpusFixture {
        let corpus = try CorpusFixture(
            emotions: ["angry", "sad", "happy"], speakers: ["s1", "s2", "s3", "s4"], badFiles: false)
        try AudioFile.write(
            Array(CorpusFixture.burst(frequency: 300, amplitude: 0.4)[4000..<4800]), sampleRate: 16000, format: .wav16,
            to: corpus.path("tiny.wav"))
        let manifest = try String(contentsOfFile: corpus.path("manifest.csv"), encoding: .utf8)
        try (manifest + "tiny.wav,sad,s1,female\n").write(
            toFile: corpus.path("manifest.csv"), atomically: true, encoding: .utf8)
        try config.write(toFile: corpus.path("serreport.yml"), atomically: true, encoding: .utf8)
        return corpus
    }

    @Test("a build with gru: the same bytes whatever --jobs, curves drawn, the model saved for predict")
    func buildWithGRU() throws {
        let corpus = try Self.corpus()
        let first = corpus.root.appendingPathComponent("a")
        let second = corpus.root.appendingPathComponent("b")
        // Two projects (caches) over the same corpus and settings, so the second build computes everything again.
        let other = corpus.root.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        let options = ["--data", corpus.root.path, "--config", corpus.path("serreport.yml")]
        let one = try CommandRun(["build", "--out", first.path, "--jobs", "1"] + options, in: corpus.root)
        #expect(one.status == 0, "\(one.stderr)")
        #expect(
            one.stderr.split(separator: "\n").contains { $0.hasPrefix("skip tiny.wav: ") && $0.contains("too short") })
        let two = try CommandRun(["build", "--out", second.path, "--jobs", "2"] + options, in: other)
        #expect(two.status == 0, "\(two.stderr)")
        for file in [
            "metrics.json", "models/gru.json", "models/gru.onnx", "models/cnn.json", "models/fusion.json",
            "figures/train-cnn-curves.png", "figures/train-gru-curves.png",
            "figures/evaluate-confusion-gru.png",
        ] {
            let a = try Data(contentsOf: first.appendingPathComponent(file))
            let b = try Data(contentsOf: second.appendingPathComponent(file))
            #expect(a == b, "\(file) differs between --jobs 1 and --jobs 2")
        }
        let metrics = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: first.appendingPathComponent("metrics.json")))
                as? [String: Any])
        let gru = try #require((metrics["models"] as? [String: Any])?["gru"] as? [String: Any])
        let training = try #require(gru["training"] as? [String: Any])
        #expect((training["chosen_epochs"] as? [Int])?.count == 2)
        #expect((training["validation_uar"] as? [[Double]])?.allSatisfy { $0.count <= 3 && !$0.isEmpty } == true)
        #expect((training["parameters"] as? Int ?? 0) > 0)
        #expect((gru["folds"] as? [Any])?.count == 2)

        let predict = try CommandRun(
            [
                "predict", "--report", first.path, "--model", "gru", "--json", corpus.path("s2_happy.wav"),
                corpus.path("tiny.wav"),
            ])
        #expect(predict.status != 0, "tiny.wav has no prediction")
        let lines = predict.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let line = try #require(
            try JSONSerialization.jsonObject(with: Data((lines.first ?? "").utf8)) as? [String: Any])
        #expect(line["model"] as? String == "gru")
        let shares = try #require(line["probabilities"] as? [String: Double])
        #expect(shares.count == 3 && abs(shares.values.reduce(0, +) - 1) < 1e-3)
        #expect(predict.stderr.contains("tiny.wav") && predict.stderr.contains("too short"))

        // Fusion: its weights saved, and predict runs every model it fuses and combines them.
        let fusion = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: first.appendingPathComponent("models/fusion.json")))
                as? [String: Any])
        #expect(fusion["models"] as? [String] == ["svm", "logreg", "gru", "cnn"])
        #expect(abs((fusion["weights"] as? [Double] ?? []).reduce(0, +) - 1) < 1e-9)
        let fused = try CommandRun(
            ["predict", "--report", first.path, "--model", "fusion", "--json", corpus.path("s2_happy.wav")])
        #expect(fused.status == 0, "\(fused.stderr)")
        #expect(fused.stdout.contains("\"model\":\"fusion\""))
        let cnn = try CommandRun(
            ["predict", "--report", first.path, "--model", "cnn", "--json", corpus.path("s2_happy.wav")])
        #expect(cnn.status == 0, "\(cnn.stderr)")
        #expect(cnn.stdout.contains("\"model\":\"cnn\""))
        let cnnMetrics = try #require((metrics["models"] as? [String: Any])?["cnn"] as? [String: Any])
        #expect(((cnnMetrics["training"] as? [String: Any])?["chosen_epochs"] as? [Int])?.count == 2)
    }

    @Test("changing only a gru setting re-trains without re-extracting")
    func gruSettingKeepsExtract() throws {
        let corpus = try Self.corpus()
        #expect(try CommandRun(["build", "--data", corpus.root.path], in: corpus.root).status == 0)
        try (Self.config.replacingOccurrences(of: "epochs: 3", with: "epochs: 2")).write(
            toFile: corpus.path("serreport.yml"), atomically: true, encoding: .utf8)
        let again = try CommandRun(["build", "--data", corpus.root.path], in: corpus.root)
        #expect(again.status == 0, "\(again.stderr)")
        let cells = again.stderr.split(separator: "\n").first { $0.hasPrefix("cells: ") } ?? ""
        #expect(cells.contains("train ") && cells.contains("3 cached"), "\(cells)")
        // A cnn setting other than its input (n_mels) re-trains only, too.
        try (Self.config.replacingOccurrences(of: "channels: [4, 8]", with: "channels: [4, 4]")).write(
            toFile: corpus.path("serreport.yml"), atomically: true, encoding: .utf8)
        let cnn = try CommandRun(["build", "--data", corpus.root.path], in: corpus.root)
        let cnnCells = cnn.stderr.split(separator: "\n").first { $0.hasPrefix("cells: ") } ?? ""
        #expect(cnnCells.contains("3 cached") && !cnnCells.contains("extract "), "\(cnnCells)")
        #expect(!cells.contains("extract "), "\(cells)")
    }
}
