public import SERNotebook

/// The notebook's settings: the typed view of `serreport.yml`, with librosa's and scikit-learn's
/// names and defaults so a notebook user recognises them (DESIGN.md, "Configuration").
public struct Settings: Decodable, Sendable, Equatable {
    public struct Normalize: Decodable, Sendable, Equatable {
        public var enabled: Bool
        /// pydub.effects.normalize `headroom`.
        public var headroomDB: Double

        enum CodingKeys: String, CodingKey {
            case enabled
            case headroomDB = "headroom_db"
        }
    }

    public struct Trim: Decodable, Sendable, Equatable {
        public var enabled: Bool
        /// librosa.effects.trim `top_db`.
        public var topDB: Double

        enum CodingKeys: String, CodingKey {
            case enabled
            case topDB = "top_db"
        }
    }

    public struct FixLength: Decodable, Sendable, Equatable {
        public var enabled: Bool
        /// Target duration; `fix_length(y, size=round(seconds * sr))`.
        public var seconds: Double
    }

    public struct Denoise: Decodable, Sendable, Equatable {
        public var enabled: Bool
        /// noisereduce.reduce_noise `stationary` (default False: the non-stationary gate).
        public var stationary: Bool
        /// noisereduce.reduce_noise `prop_decrease`.
        public var propDecrease: Double

        enum CodingKeys: String, CodingKey {
            case enabled, stationary
            case propDecrease = "prop_decrease"
        }
    }

    public struct Process: Decodable, Sendable, Equatable {
        public var normalize: Normalize
        public var trim: Trim
        public var fixLength: FixLength
        public var denoise: Denoise

        enum CodingKeys: String, CodingKey {
            case normalize, trim, denoise
            case fixLength = "fix_length"
        }
    }

    public struct MFCC: Decodable, Sendable, Equatable {
        public var nMFCC: Int
        public var nMels: Int

        enum CodingKeys: String, CodingKey {
            case nMFCC = "n_mfcc"
            case nMels = "n_mels"
        }
    }

    public struct Chroma: Decodable, Sendable, Equatable {
        /// librosa.feature.chroma_stft `n_chroma`.
        public var nChroma: Int

        enum CodingKeys: String, CodingKey {
            case nChroma = "n_chroma"
        }
    }

    public struct Contrast: Decodable, Sendable, Equatable {
        /// librosa.feature.spectral_contrast `n_bands` and `fmin`.
        public var nBands: Int
        public var fmin: Double

        enum CodingKeys: String, CodingKey {
            case nBands = "n_bands"
            case fmin
        }
    }

    public struct Features: Decodable, Sendable, Equatable {
        public var nFFT: Int
        public var hopLength: Int
        public var mfcc: MFCC
        public var chroma: Chroma
        public var contrast: Contrast

        enum CodingKeys: String, CodingKey {
            case nFFT = "n_fft"
            case hopLength = "hop_length"
            case mfcc, chroma, contrast
        }
    }

    public struct Report: Decodable, Sendable, Equatable {
        /// Which files each figure is written as: any of png, svg, pdf.
        public var figureFormats: [String]

        enum CodingKeys: String, CodingKey {
            case figureFormats = "figure_formats"
        }
    }

    /// A corpus folder holding `manifest.csv`, or a CSV manifest file.
    public var data: String
    /// `librosa.load(sr=...)`; 0 keeps each file's own rate (`sr=None`).
    public var sampleRate: Int
    public var process: Process
    public var features: Features
    public var report: Report

    enum CodingKeys: String, CodingKey {
        case data
        case sampleRate = "sample_rate"
        case process, features, report
    }

    /// The built-in defaults, as YAML: what runs when there is no `serreport.yml`.
    public static let defaultsYAML = """
        data: Samples
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
        report:
          figure_formats: [png, svg, pdf]
        """

    /// The name of the config file looked for in the working folder.
    public static let fileName = "serreport.yml"
}

extension Settings {
    /// Resolves defaults ← config file ← `--set` overrides, validating keys and types.
    public static func resolve(
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
        let formats = Set(["png", "svg", "pdf"])
        try check(report.figureFormats.allSatisfy(formats.contains), "report.figure_formats", "allowed: png, svg, pdf")
        try check(!report.figureFormats.isEmpty, "report.figure_formats", "name at least one of png, svg, pdf")
    }
}
