package import SERNotebook

/// The notebook's settings: the typed view of `serreport.yml`, with librosa's and scikit-learn's
/// names and defaults so a notebook user recognises them (DESIGN.md, "Configuration").
package struct Settings: Codable, Sendable, Equatable {
    package struct Normalize: Codable, Sendable, Equatable {
        package var enabled: Bool
        /// pydub.effects.normalize `headroom`.
        package var headroomDB: Double

        enum CodingKeys: String, CodingKey {
            case enabled
            case headroomDB = "headroom_db"
        }
    }

    package struct Trim: Codable, Sendable, Equatable {
        package var enabled: Bool
        /// librosa.effects.trim `top_db`.
        package var topDB: Double

        enum CodingKeys: String, CodingKey {
            case enabled
            case topDB = "top_db"
        }
    }

    package struct FixLength: Codable, Sendable, Equatable {
        package var enabled: Bool
        /// Target duration; `fix_length(y, size=round(seconds * sr))`.
        package var seconds: Double
    }

    package struct Denoise: Codable, Sendable, Equatable {
        package var enabled: Bool
        /// noisereduce.reduce_noise `stationary` (default False: the non-stationary gate).
        package var stationary: Bool
        /// noisereduce.reduce_noise `prop_decrease`.
        package var propDecrease: Double

        enum CodingKeys: String, CodingKey {
            case enabled, stationary
            case propDecrease = "prop_decrease"
        }
    }

    package struct Process: Codable, Sendable, Equatable {
        package var normalize: Normalize
        package var trim: Trim
        package var fixLength: FixLength
        package var denoise: Denoise

        enum CodingKeys: String, CodingKey {
            case normalize, trim, denoise
            case fixLength = "fix_length"
        }
    }

    package struct MFCC: Codable, Sendable, Equatable {
        package var nMFCC: Int
        package var nMels: Int

        enum CodingKeys: String, CodingKey {
            case nMFCC = "n_mfcc"
            case nMels = "n_mels"
        }
    }

    package struct Chroma: Codable, Sendable, Equatable {
        /// librosa.feature.chroma_stft `n_chroma`.
        package var nChroma: Int

        enum CodingKeys: String, CodingKey {
            case nChroma = "n_chroma"
        }
    }

    package struct Contrast: Codable, Sendable, Equatable {
        /// librosa.feature.spectral_contrast `n_bands` and `fmin`.
        package var nBands: Int
        package var fmin: Double

        enum CodingKeys: String, CodingKey {
            case nBands = "n_bands"
            case fmin
        }
    }

    package struct Features: Codable, Sendable, Equatable {
        package var nFFT: Int
        package var hopLength: Int
        package var mfcc: MFCC
        package var chroma: Chroma
        package var contrast: Contrast

        enum CodingKeys: String, CodingKey {
            case nFFT = "n_fft"
            case hopLength = "hop_length"
            case mfcc, chroma, contrast
        }
    }

    package struct Report: Codable, Sendable, Equatable {
        /// Which report documents to write: `html` (index.html) and/or `pdf` (report.pdf).
        package var formats: [String]
        /// One HTML file with every figure inlined (SVG where smaller, else PNG) instead of files.
        package var selfContained: Bool
        /// Which files each figure is written as: any of png, svg, pdf.
        package var figureFormats: [String]
        /// A folder whose `cells/<cell>.mustache` files replace the built-in section narratives
        /// (relative to the working folder; a missing folder is fine).
        package var templates: String

        enum CodingKeys: String, CodingKey {
            case formats, templates
            case selfContained = "self_contained"
            case figureFormats = "figure_formats"
        }
    }

    package struct Train: Codable, Sendable, Equatable {
        /// `speaker-independent`, `leave-one-speaker-out`, `stratified` or `holdout`.
        package var protocolName: String
        package var folds: Int
        package var seed: Int
        /// Which models to train, by short name: rf, xgb, svm, mlp.
        package var models: [String]
        /// Standardise each speaker's features by that speaker's own mean and deviation (no labels
        /// used) before the usual per-fold scaling.
        package var speakerNormalization: Bool
        package var rf: Forest
        package var xgb: Boosting
        package var svm: SVM
        package var mlp: MLP
        /// Inner grid search inside each training fold; empty lists search nothing.
        package var search: Search

        enum CodingKeys: String, CodingKey {
            case protocolName = "protocol"
            case folds, seed, models, rf, xgb, svm, mlp, search
            case speakerNormalization = "speaker_normalization"
        }

        /// `train.search`: candidate values tried inside each training fold (scikit-learn's
        /// `GridSearchCV` nested in the outer folds), chosen by UAR on inner speaker-independent folds.
        package struct Search: Codable, Sendable, Equatable {
            package var innerFolds: Int
            package var svm: SVMGrid
            package var rf: ForestGrid

            enum CodingKeys: String, CodingKey {
                case svm, rf
                case innerFolds = "inner_folds"
            }

            package struct SVMGrid: Codable, Sendable, Equatable {
                package var c: [Double]
                /// Numbers and/or `scale`.
                package var gamma: [String]
                enum CodingKeys: String, CodingKey {
                    case c = "C"
                    case gamma
                }
            }

            package struct ForestGrid: Codable, Sendable, Equatable {
                package var nEstimators: [Int]
                enum CodingKeys: String, CodingKey { case nEstimators = "n_estimators" }
            }

            static let none = Search(innerFolds: 3, svm: SVMGrid(c: [], gamma: []), rf: ForestGrid(nEstimators: []))
        }

        package struct Forest: Codable, Sendable, Equatable {
            package var nEstimators: Int
            enum CodingKeys: String, CodingKey { case nEstimators = "n_estimators" }
        }

        package struct Boosting: Codable, Sendable, Equatable {
            package var nEstimators: Int
            package var learningRate: Double
            package var maxDepth: Int
            enum CodingKeys: String, CodingKey {
                case nEstimators = "n_estimators"
                case learningRate = "learning_rate"
                case maxDepth = "max_depth"
            }
        }

        package struct SVM: Codable, Sendable, Equatable {
            package var c: Double
            /// A number, or `scale` for scikit-learn's `gamma='scale'`.
            package var gamma: String
            /// `balanced` or `none`.
            package var classWeight: String
            enum CodingKeys: String, CodingKey {
                case c = "C"
                case gamma
                case classWeight = "class_weight"
            }
        }

        package struct MLP: Codable, Sendable, Equatable {
            package var hiddenLayerSize: Int
            package var alpha: Double
            package var learningRateInit: Double
            package var batchSize: Int
            package var maxIter: Int
            package var validationFraction: Double
            package var nIterNoChange: Int
            enum CodingKeys: String, CodingKey {
                case hiddenLayerSize = "hidden_layer_size"
                case alpha
                case learningRateInit = "learning_rate_init"
                case batchSize = "batch_size"
                case maxIter = "max_iter"
                case validationFraction = "validation_fraction"
                case nIterNoChange = "n_iter_no_change"
            }
        }
    }

    /// A corpus folder (a standard corpus's layout, one folder per emotion, or a folder holding
    /// `manifest.csv`), or a CSV manifest file.
    package var data: String
    /// How `data` is laid out; `auto` detects it.
    package var corpus: CorpusLayout
    /// Emotions renamed, merged and selected after reading the corpus.
    package var labels: LabelMapping
    /// `librosa.load(sr=...)`; 0 keeps each file's own rate (`sr=None`).
    package var sampleRate: Int
    package var process: Process
    package var features: Features
    package var train: Train
    package var report: Report

    enum CodingKeys: String, CodingKey {
        case data, corpus, labels
        case sampleRate = "sample_rate"
        case process, features, train, report
    }

    /// The built-in defaults, as YAML: what runs when there is no `serreport.yml`.
    package static let defaultsYAML = """
        data: Samples
        corpus: auto
        labels:
          map: {}
          keep: []
        sample_rate: 22050
        process:
          normalize: {enabled: true, headroom_db: 0.1}
          trim: {enabled: true, top_db: 60}
          fix_length: {enabled: true, seconds: 3.0}
          denoise: {enabled: true, stationary: false, prop_decrease: 1.0}
        features:
          n_fft: 2048
          hop_length: 512
          mfcc: {n_mfcc: 20, n_mels: 128}
          chroma: {n_chroma: 12}
          contrast: {n_bands: 6, fmin: 200}
        train:
          protocol: speaker-independent
          folds: 5
          seed: 42
          models: [rf, xgb, svm, mlp]
          speaker_normalization: true
          rf: {n_estimators: 100}
          xgb: {n_estimators: 100, learning_rate: 0.3, max_depth: 6}
          svm: {C: 1.0, gamma: scale, class_weight: balanced}
          mlp:
            hidden_layer_size: 100
            alpha: 0.0001
            learning_rate_init: 0.001
            batch_size: 200
            max_iter: 200
            validation_fraction: 0.1
            n_iter_no_change: 10
          search:
            inner_folds: 3
            svm: {C: [], gamma: []}
            rf: {n_estimators: []}
        report:
          formats: [html, pdf]
          self_contained: false
          figure_formats: [png, svg, pdf]
          templates: templates
        """

    /// The name of the config file looked for in the working folder.
    package static let fileName = "serreport.yml"
}

extension Settings {
    /// Decodes settings; `corpus` and `labels` may be missing, as in the `models/settings.json` of
    /// reports built before they existed.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        data = try container.decode(String.self, forKey: .data)
        corpus = try container.decodeIfPresent(CorpusLayout.self, forKey: .corpus) ?? .auto
        labels = try container.decodeIfPresent(LabelMapping.self, forKey: .labels) ?? LabelMapping()
        sampleRate = try container.decode(Int.self, forKey: .sampleRate)
        process = try container.decode(Process.self, forKey: .process)
        features = try container.decode(Features.self, forKey: .features)
        train = try container.decode(Train.self, forKey: .train)
        report = try container.decode(Report.self, forKey: .report)
    }

    /// Resolves defaults ← config file ← `--set` overrides, validating keys and types.
    package static func resolve(
        configFile: String?, configText: String?, overrides: [String], dataOverride: String?
    ) throws(ConfigurationError) -> (settings: Settings, configuration: Configuration) {
        var configuration = try Configuration(defaultsYAML: defaultsYAML)
        if let configFile, let configText {
            try configuration.merge(yaml: configText, source: configFile)
        }
        if let dataOverride {
            try configuration.set("data", text: dataOverride)
        }
        for assignment in overrides {
            try configuration.set(assignment)
        }
        let settings = try configuration.decode(Settings.self)
        try settings.validate(configuration)
        return (settings, configuration)
    }

    /// Range checks a type cannot express, each naming its key and where it was set.
    func validate(_ configuration: Configuration) throws(ConfigurationError) {
        func check(_ condition: Bool, _ key: String, _ reason: String) throws(ConfigurationError) {
            guard condition else {
                throw ConfigurationError(
                    source: configuration.origins[key] ?? Configuration.defaultsSource, key: key, reason: reason)
            }
        }
        for (old, new) in labels.map.sorted(by: { $0.key < $1.key }) {
            try check(!old.isEmpty && !new.isEmpty, "labels.map.\(old)", "emotion names cannot be empty")
        }
        try check(!labels.keep.contains(""), "labels.keep", "emotion names cannot be empty")
        try check(Set(labels.keep).count == labels.keep.count, "labels.keep", "names an emotion twice")
        try check(sampleRate >= 0 && sampleRate <= 384_000, "sample_rate", "must be between 0 (native) and 384000")
        try check(process.normalize.headroomDB >= 0, "process.normalize.headroom_db", "must be 0 or more")
        try check(process.trim.topDB > 0, "process.trim.top_db", "must be positive")
        try check(
            process.fixLength.seconds > 0 && process.fixLength.seconds <= 3600, "process.fix_length.seconds",
            "must be between 0 and 3600")
        try check(
            (0...1).contains(process.denoise.propDecrease), "process.denoise.prop_decrease", "must be between 0 and 1")
        try check(features.nFFT >= 16 && features.nFFT <= 65536, "features.n_fft", "must be between 16 and 65536")
        try check(
            features.hopLength >= 1 && features.hopLength <= features.nFFT, "features.hop_length",
            "must be between 1 and n_fft")
        try check(features.mfcc.nMels >= 1 && features.mfcc.nMels <= 512, "features.mfcc.n_mels", "must be 1 to 512")
        try check(
            features.mfcc.nMFCC >= 1 && features.mfcc.nMFCC <= features.mfcc.nMels, "features.mfcc.n_mfcc",
            "must be between 1 and n_mels")
        try check(
            features.chroma.nChroma >= 1 && features.chroma.nChroma <= 120, "features.chroma.n_chroma",
            "must be 1 to 120")
        try check(
            features.contrast.nBands >= 1 && features.contrast.nBands <= 12, "features.contrast.n_bands",
            "must be 1 to 12")
        try check(features.contrast.fmin > 0, "features.contrast.fmin", "must be positive")
        let protocols = ["speaker-independent", "leave-one-speaker-out", "stratified", "holdout"]
        try check(
            protocols.contains(train.protocolName), "train.protocol", "allowed: \(protocols.joined(separator: ", "))")
        try check(train.folds >= 2 && train.folds <= 100, "train.folds", "must be 2 to 100")
        try check(train.seed >= 0, "train.seed", "must be 0 or more")
        let models = ["rf", "xgb", "svm", "mlp"]
        try check(train.models.allSatisfy(models.contains), "train.models", "allowed: rf, xgb, svm, mlp")
        try check(Set(train.models).count == train.models.count, "train.models", "names a model twice")
        try check(
            train.rf.nEstimators >= 1 && train.rf.nEstimators <= 5000, "train.rf.n_estimators", "must be 1 to 5000")
        try check(
            train.xgb.nEstimators >= 1 && train.xgb.nEstimators <= 5000, "train.xgb.n_estimators", "must be 1 to 5000")
        try check(
            train.xgb.learningRate > 0 && train.xgb.learningRate <= 1, "train.xgb.learning_rate", "must be in (0, 1]")
        try check(train.xgb.maxDepth >= 0 && train.xgb.maxDepth <= 32, "train.xgb.max_depth", "must be 0 to 32")
        try check(train.svm.c > 0, "train.svm.C", "must be positive")
        try check(
            train.svm.gamma == "scale" || (Double(train.svm.gamma).map { $0 > 0 } ?? false), "train.svm.gamma",
            "must be scale or a positive number")
        try check(
            ["balanced", "none"].contains(train.svm.classWeight), "train.svm.class_weight", "allowed: balanced, none")
        try check(
            train.mlp.hiddenLayerSize >= 1 && train.mlp.hiddenLayerSize <= 4096, "train.mlp.hidden_layer_size",
            "must be 1 to 4096")
        try check(train.mlp.alpha >= 0, "train.mlp.alpha", "must be 0 or more")
        try check(train.mlp.learningRateInit > 0, "train.mlp.learning_rate_init", "must be positive")
        try check(train.mlp.batchSize >= 1, "train.mlp.batch_size", "must be at least 1")
        try check(train.mlp.maxIter >= 1 && train.mlp.maxIter <= 100_000, "train.mlp.max_iter", "must be 1 to 100000")
        try check(
            train.mlp.validationFraction > 0 && train.mlp.validationFraction < 1, "train.mlp.validation_fraction",
            "must be between 0 and 1")
        try check(train.mlp.nIterNoChange >= 1, "train.mlp.n_iter_no_change", "must be at least 1")
        let search = train.search
        try check(search.innerFolds >= 2 && search.innerFolds <= 20, "train.search.inner_folds", "must be 2 to 20")
        try check(search.svm.c.allSatisfy { $0 > 0 }, "train.search.svm.C", "every C must be positive")
        try check(
            search.svm.gamma.allSatisfy { $0 == "scale" || (Double($0).map { $0 > 0 } ?? false) },
            "train.search.svm.gamma", "each gamma must be scale or a positive number")
        try check(
            search.rf.nEstimators.allSatisfy { (1...5000).contains($0) }, "train.search.rf.n_estimators",
            "each must be 1 to 5000")
        let formats = Set(["png", "svg", "pdf"])
        try check(report.figureFormats.allSatisfy(formats.contains), "report.figure_formats", "allowed: png, svg, pdf")
        try check(!report.figureFormats.isEmpty, "report.figure_formats", "name at least one of png, svg, pdf")
        try check(
            !report.formats.isEmpty && report.formats.allSatisfy(["html", "pdf"].contains), "report.formats",
            "allowed: html, pdf (at least one)")
    }
}

// Keys added after the first release may be missing from an older report's `models/settings.json`;
// they read as their defaults, so `predict` keeps working on it.
extension Settings.Train {
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        protocolName = try container.decode(String.self, forKey: .protocolName)
        folds = try container.decode(Int.self, forKey: .folds)
        seed = try container.decode(Int.self, forKey: .seed)
        models = try container.decode([String].self, forKey: .models)
        speakerNormalization = try container.decode(Bool.self, forKey: .speakerNormalization)
        rf = try container.decode(Forest.self, forKey: .rf)
        xgb = try container.decode(Boosting.self, forKey: .xgb)
        svm = try container.decode(SVM.self, forKey: .svm)
        mlp = try container.decode(MLP.self, forKey: .mlp)
        search = try container.decodeIfPresent(Search.self, forKey: .search) ?? .none
    }
}

extension Settings.Report {
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        figureFormats = try container.decode([String].self, forKey: .figureFormats)
        formats = try container.decodeIfPresent([String].self, forKey: .formats) ?? ["html", "pdf"]
        selfContained = try container.decodeIfPresent(Bool.self, forKey: .selfContained) ?? false
        templates = try container.decodeIfPresent(String.self, forKey: .templates) ?? "templates"
    }
}
