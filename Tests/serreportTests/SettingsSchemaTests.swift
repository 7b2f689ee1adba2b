import Foundation
import SERAudio
import SERCells
import SERDSP
import SERLearn
import SERSettings
import Testing

/// The one settings schema: every key refuses what it does not allow when settings are resolved,
/// the README shows exactly the schema's defaults, and settings saved by earlier releases still load.
@Suite("Settings schema")
struct SettingsSchemaTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test("every key of the schema refuses an out-of-range or ill-typed value at resolve time, naming the key")
    func everyKeyRefusesWhatItDoesNotAllow() throws {
        let leaves = Settings().leaves
        #expect(leaves.count >= 45)
        #expect(Set(leaves.map(\.key)).count == leaves.count, "each key once")
        for leaf in leaves {
            var node = leaf.refused.from(.commandLine("--set"))
            for component in leaf.key.split(separator: ".").reversed() {
                node = .map([(String(component), node)], .commandLine("--set"))
            }
            let error = #expect(throws: SettingsError.self, "\(leaf.key) accepted \(leaf.refused.shown)") {
                try Settings.resolve(node)
            }
            #expect(error?.key == leaf.key, "\(leaf.key): \(error?.description ?? "")")
            #expect(error?.source == .commandLine("--set"), "\(leaf.key)")
        }
    }

    @Test(
        "spectral contrast's bands are checked only when contrast is extracted; the error says which settings to change"
    )
    func contrastBandsOnlyWithContrast() throws {
        let small = ["features.n_fft=16", "features.hop_length=16"]
        let settings = try Settings.resolve(overrides: small + ["features.groups=rms,zcr"]).value
        let computer = try FeatureComputer(settings.features, sampleRate: settings.sampleRate)
        let summary = computer([Float](repeating: 0.1, count: 4000)).summary
        #expect(!summary.isEmpty && summary.allSatisfy { $0.isFinite })
        do {
            _ = try Settings.resolve(overrides: small)
            Issue.record("contrast with n_fft 16 accepted")
        } catch {
            #expect(error.description.contains("(raise features.n_fft or features.contrast.fmin)"), "\(error)")
        }
        // pYIN's frame is n_fft: refused before any clip is read, naming n_fft.
        do {
            _ = try Settings.resolve(overrides: ["features.n_fft=256", "features.hop_length=128"])
            Issue.record("n_fft 256 accepted with pitch")
        } catch {
            #expect(error.description.contains("features.n_fft: pyin: fmin="), "\(error)")
            #expect(error.description.contains("n_fft is pYIN's frame"), "\(error)")
        }
        #expect(throws: Never.self) {
            try Settings.resolve(overrides: [
                "features.n_fft=256", "features.hop_length=128", "features.groups=rms,zcr,mfcc,chroma,contrast",
            ])
        }
    }

    @Test("a search grid for a model train.models does not train is an error, not dropped without a word")
    func gridForAnUntrainedModel() throws {
        for (grid, model) in [("train.search.svm.C=[0.1,10]", "svm"), ("train.search.rf.n_estimators=[5]", "rf")] {
            do {
                _ = try Settings.resolve(overrides: ["train.models=logreg", grid])
                Issue.record("\(grid) accepted without \(model)")
            } catch {
                #expect(
                    error.description.contains("a grid for \(model), which train.models does not train"), "\(error)")
            }
            #expect(throws: Never.self) { try Settings.resolve(overrides: ["train.models=logreg,\(model)", grid]) }
        }
    }

    @Test("fusion needs at least two other models to fuse")
    func fusionNeedsTwoModels() throws {
        for models in ["fusion", "svm,fusion"] {
            do {
                _ = try Settings.resolve(overrides: ["train.models=\(models)"])
                Issue.record("train.models=\(models) accepted")
            } catch {
                #expect(error.description.contains("list at least two others in train.models"), "\(error)")
            }
        }
        #expect(throws: Never.self) { try Settings.resolve(overrides: ["train.models=svm,gru,fusion"]) }
    }

    @Test("the cnn's blocks need the mel bands to halve: a setting that would leave none is an error, not a trap")
    func cnnBlocksNeedBands() throws {
        let error = #expect(throws: SettingsError.self) {
            try Settings.resolve(overrides: ["train.cnn.channels=[4,4,4,4]", "train.cnn.n_mels=8"])
        }
        #expect(error?.description.contains("train.cnn.channels") == true, "\(String(describing: error))")
        #expect(error?.description.contains("n_mels 8 needs to be at least 16") == true)
        #expect(throws: Never.self) {
            try Settings.resolve(overrides: ["train.cnn.channels=[4,4,4]", "train.cnn.n_mels=8"])
        }
    }

    @Test(
        "settings given that change nothing (a model not trained, a step that is off, folds of leave-one-speaker-out) are named with why"
    )
    func unusedSettingsNamed() throws {
        let overrides = [
            "train.models=rf", "train.svm.C=3", "process.denoise.prop_decrease=0.5", "train.protocol=holdout",
            "train.folds=3", "features.groups=rms,zcr", "features.mfcc.n_mfcc=13", "train.rf.n_estimators=50",
        ]
        let resolved = try Settings.resolve(overrides: overrides)
        let notes = resolved.value.unusedSettings { resolved.source(of: $0) != .builtIn }
        #expect(
            notes == [
                "process.denoise.prop_decrease: has no effect, denoise is off for these settings",
                "features.mfcc.n_mfcc: has no effect, no MFCC group is extracted",
                "train.folds: has no effect, train.protocol holdout sets its own folds",
                "train.svm.C: has no effect, svm is not in train.models",
            ], "\(notes)")
        let defaults = try Settings.resolve(overrides: [])
        #expect(defaults.value.unusedSettings { defaults.source(of: $0) != .builtIn }.isEmpty)
    }

    @Test("every key has a doc line, and the defaults pass their own checks")
    func docsAndDefaults() throws {
        for leaf in Settings().leaves {
            #expect(!leaf.doc.isEmpty, "\(leaf.key)")
            #expect(leaf.value == leaf.defaultValue, "\(leaf.key)")
        }
        #expect(try Settings.resolve().value == Settings())
        #expect(throws: Never.self) { try Settings().validated() }
    }

    @Test("features.groups and features.functionals with features.set seed are an error, not silently ignored")
    func seedSetRules() throws {
        for (key, value) in [("groups", "[rms, pitch]"), ("functionals", "[mean]")] {
            let error = #expect(throws: SettingsError.self) {
                try Settings.resolve(overrides: ["features.set=seed", "features.\(key)=\(value)"])
            }
            #expect(error?.key == "features.\(key)")
            #expect(error?.reason.contains("features.set is seed") == true, "\(String(describing: error))")
        }
        #expect(try Settings.resolve(overrides: ["features.set=seed"]).value.features.featureSet == .seed)
        #expect(
            try Settings.resolve(overrides: ["features.groups=[rms, pitch]"]).value.features.groups == [.rms, .pitch])
    }

    @Test("settings tied together are checked together: contrast bands must stay below sample_rate's Nyquist")
    func nyquistRule() throws {
        let error = #expect(throws: SettingsError.self) { try Settings.resolve(overrides: ["sample_rate=8000"]) }
        #expect(error?.key == "features.contrast.n_bands")
        #expect(error?.reason.contains("Nyquist") == true)
        #expect(
            try Settings.resolve(overrides: ["sample_rate=8000", "features.contrast.n_bands=5"]).value.sampleRate
                == 8000)
        #expect(try Settings.resolve(overrides: ["sample_rate=0"]).value.sampleRate == 0)
    }

    @Test("the README's settings block is the schema's defaults, word for word")
    func readmeShowsTheSchema() throws {
        let readme = try String(contentsOf: Self.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(
            readme.range(of: "<!-- settings: made by `serreport config --defaults` -->\n```yaml\n"))
        let end = try #require(readme.range(of: "```\n", range: start.upperBound..<readme.endIndex))
        let block = String(readme[start.upperBound..<end.lowerBound])
        #expect(
            block == SettingsListing.yaml(Settings().leaves),
            "README.md's settings block is out of date: replace it with `serreport config --defaults`")
    }

    @Test(
        "a report's models/settings.json from 0.2 loads, keys added since taking their defaults",
        arguments: [
            "0.2", "0.2-early",
        ])
    func savedSettings(name: String) throws {
        let url = try #require(
            Bundle.module.url(forResource: "Fixtures/saved-settings/\(name)", withExtension: "json"))
        let saved = try Settings.saved(json: try String(contentsOf: url, encoding: .utf8), file: url.path)
        var seed = Settings().features
        seed.featureSet = .seed
        #expect(saved.features == seed, "before features.set every report used the seed's 82 values")
        #expect(saved.process.fixLength.enabled == .on && saved.process.denoise.enabled == .on)
        #expect(saved.resolvedProcess == Settings().process.resolved(notebookChain: true))
        #expect(saved.data == Settings().data, "the corpus location is not saved")
        #expect(saved.train.speakerNormalization == .on, "0.2's `true` is `on`, not the new default `auto`")
        if name == "0.2-early" {
            #expect(saved.train.parameters.svm.gamma == .value(0.01))
            #expect(saved.train.parameters.svm.classWeight == .none)
            #expect(saved.train.search == Settings().train.search)
            #expect(saved.labels == Settings().labels)
        } else {
            #expect(
                saved
                    == {
                        var settings = Settings()
                        settings.data = saved.data
                        settings.train.speakerNormalization = .on
                        settings.train.models = [.rf, .xgb, .svm, .mlp]  // 0.2's defaults, saved with it
                        settings.features.featureSet = .seed
                        settings.process.fixLength.enabled = .on
                        settings.process.denoise.enabled = .on
                        return settings
                    }())
        }
    }

    @Test("train.speaker_normalization takes auto, on and off, and the flags it took before auto")
    func speakerNormalizationValues() throws {
        let expected: [String: SpeakerNormalizationMode] = [
            "auto": .auto, "on": .on, "off": .off, "true": .on, "false": .off, "yes": .on, "no": .off,
        ]
        for (text, mode) in expected {
            let resolved = try Settings.resolve(overrides: ["train.speaker_normalization=\(text)"])
            #expect(resolved.value.train.speakerNormalization == mode, "\(text)")
        }
        #expect(Settings().train.speakerNormalization == .auto)
        let yaml = try Settings.resolve(file: ("serreport.yml", "train:\n  speaker_normalization: false\n"))
        #expect(yaml.value.train.speakerNormalization == .off)
        let error = #expect(throws: SettingsError.self) {
            try Settings.resolve(overrides: ["train.speaker_normalization=sometimes"])
        }
        #expect(error?.description.contains("auto, on, off") == true, "\(String(describing: error))")
    }

    @Test("a saved settings file that lies is an error naming the file, not a trap")
    func damagedSavedSettings() {
        for text in ["{", "[1, 2]", #"{"features": {"n_fft": 0}}"#, #"{"train": {"models": ["knn"]}}"#] {
            let error = #expect(throws: SettingsError.self) {
                try Settings.saved(json: text, file: "models/settings.json")
            }
            #expect(error?.description.hasPrefix("models/settings.json") == true, "\(text)")
        }
    }
}
