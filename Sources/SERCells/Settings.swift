package import SERAudio
package import SERCorpus
package import SERDSP
package import SERLearn
package import SERNotebook
package import SERReport
package import SERSettings

/// The notebook's settings, `serreport.yml`: the groups each module declares for itself (SERAudio's
/// processing, SERDSP's features, SERLearn's training, SERReport's report, SERCorpus's labels)
/// composed under one root, with the few settings that belong to no one module. Keys and defaults
/// are librosa's and scikit-learn's, so a notebook user recognises them (DESIGN.md, "Configuration").
package struct Settings: SettingGroup, Equatable {
    package var data = "Samples"
    package var corpus = CorpusLayout.auto
    package var labels = LabelMapping()
    package var sampleRate = 22050
    package var process = ProcessingSettings()
    package var features = FeatureParameters()
    package var train = TrainingSettings()
    package var report = ReportSettings()

    package init() {}

    package static let schema = SettingSchema<Settings>(
        [
            Setting(
                "data", \.data,
                "the corpus: a folder (a standard corpus's layout, one folder per emotion, or with manifest.csv) or a CSV manifest",
                allowed: .nonEmpty),
            Setting("corpus", \.corpus, "how data is laid out; auto detects it from the file names"),
            Nested("labels", \.labels),
            Setting(
                "sample_rate", \.sampleRate,
                "every clip is resampled to this rate in Hz (librosa.load sr); 0 keeps its own",
                allowed: .range(1000...768_000, or: [0])),
            Nested("process", \.process),
            Nested("features", \.features),
            Nested("train", \.train),
            Nested("report", \.report),
        ],
        rules: [
            // Spectral contrast's top band must stay below the Nyquist frequency of the rate clips are
            // resampled to (with `sample_rate: 0` each clip's own rate is checked when it is extracted).
            Rule("features.contrast.n_bands") { (settings: Settings) -> String? in
                guard settings.sampleRate > 0 else { return nil }
                do throws(DSPError) {
                    try settings.features.validateContrast(sampleRate: settings.sampleRate)
                    return nil
                } catch {
                    return error.reason + Self.contrastAdvice(error.reason)
                }
            },
            // pYIN's frame is n_fft: its lowest pitch's period must fit in it, at the rate clips are read at.
            Rule("features.n_fft") { (settings: Settings) -> String? in
                guard settings.sampleRate > 0 else { return nil }
                do throws(DSPError) {
                    try settings.features.validatePitch(sampleRate: settings.sampleRate)
                    return nil
                } catch {
                    return "\(error.reason) (n_fft is pYIN's frame: raise it, or leave out the pitch, voice_quality, "
                        + "formants and harmonic_differences groups)"
                }
            },
        ])

    /// What to change for a contrast band problem: a band holding no bin needs a longer frame or a higher
    /// lowest band (a top band beyond Nyquist says what to change itself).
    static func contrastAdvice(_ reason: String) -> String {
        reason.contains("Nyquist") ? "" : " (raise features.n_fft or features.contrast.fmin)"
    }

    /// The name of the config file looked for in the working folder.
    package static let fileName = "serreport.yml"

    /// Defaults ← a config file's text ← `--data` ← `--set` assignments, every value checked.
    package static func resolve(
        file: (path: String, text: String)? = nil, data: String? = nil, overrides: [String] = []
    ) throws(SettingsError) -> ResolvedSettings<Settings> {
        var configuration = Configuration()
        if let file { try configuration.merge(yaml: file.text, file: file.path) }
        if let data { try configuration.set("data", text: data, option: "--data") }
        for assignment in overrides { try configuration.set(assignment) }
        return try configuration.resolve(Settings.self)
    }

    /// The values of the settings under `keys` (whole groups or single settings), flattened to dotted
    /// keys: a cell's parameters, hashed into its cache key and compared by `status`.
    package func parameters(_ keys: [String]) -> ParameterList {
        ParameterList(self).selecting(keys)
    }

    /// Settings saved with a report's models (`models/settings.json`, written by any release since
    /// 0.2): read like a config file, keys added since taking their defaults, except `features.set`,
    /// which is `seed` when absent (the only features there were). The corpus location is not saved.
    package static func saved(json text: String, file: String) throws(SettingsError) -> Settings {
        let node = try Configuration.node(yaml: text, source: .file(file, line: 0))
        // Before `features.set` existed every report was trained on the seed's 82 values.
        let before = try Configuration.node(yaml: "features:\n  set: seed\n", source: .file(file, line: 0))
        return try resolve(before.merging(node.removing("data"))).value
    }
}

extension Settings {
    /// `process` with its `auto` steps decided by the feature set: the notebook's whole chain for
    /// `features.set: seed`, no padding and no noise reduction for the extended set (``StepSwitch``).
    package var resolvedProcess: ProcessingSettings {
        process.resolved(notebookChain: features.featureSet == .seed)
    }

    /// The settings with ``resolvedProcess`` in place of `process`: what cache keys and the report see,
    /// so a change of feature set that changes the chain re-runs processing.
    package var withResolvedProcess: Settings {
        var settings = self
        settings.process = resolvedProcess
        return settings
    }

    /// The load and process steps these settings ask for (`processing: false` loads only).
    package func clipProcessor(processing: Bool = true) throws(AudioError) -> ClipProcessor {
        try ClipProcessor(resolvedProcess, sampleRate: sampleRate, framing: features.geometry, processing: processing)
    }

    /// Load, process and extract one clip at a time, as these settings say.
    package func clipAnalyzer(processing: Bool = true) -> ClipAnalyzer {
        ClipAnalyzer(process: process, features: features, sampleRate: sampleRate, processing: processing)
    }
}
