import SERNotebook
import Testing
import Yams

@Suite("Configuration: defaults, file, --set")
struct ConfigurationTests {
    static let defaults = """
        sample_rate: 22050
        features:
          n_fft: 2048
          mfcc: {n_mfcc: 20, n_mels: 128}
        report:
          figure_formats: [png, svg]
        """

    struct Features: Decodable, Equatable {
        struct MFCC: Decodable, Equatable {
            var nMFCC: Int
            var nMels: Int

            enum CodingKeys: String, CodingKey {
                case nMFCC = "n_mfcc"
                case nMels = "n_mels"
            }
        }
        var nFFT: Int
        var mfcc: MFCC

        enum CodingKeys: String, CodingKey {
            case nFFT = "n_fft"
            case mfcc
        }
    }

    @Test func defaultsDecode() throws {
        let configuration = try Configuration(defaultsYAML: Self.defaults)
        let features = try configuration.decode(Features.self, at: "features")
        #expect(features == Features(nFFT: 2048, mfcc: .init(nMFCC: 20, nMels: 128)))
    }

    @Test func fileOverridesOneKeyAndKeepsTheRest() throws {
        var configuration = try Configuration(defaultsYAML: Self.defaults)
        try configuration.merge(yaml: "features:\n  mfcc: {n_mfcc: 40}\n", source: "serreport.yml")
        let features = try configuration.decode(Features.self, at: "features")
        #expect(features.mfcc == .init(nMFCC: 40, nMels: 128))
        #expect(configuration.origins["features.mfcc.n_mfcc"] == "serreport.yml")
        #expect(configuration.origins["features.mfcc.n_mels"] == Configuration.defaultsSource)
    }

    @Test func setOverridesFileAndReadsLists() throws {
        var configuration = try Configuration(defaultsYAML: Self.defaults)
        try configuration.merge(yaml: "sample_rate: 16000", source: "a.yml")
        try configuration.set("sample_rate=8000")
        try configuration.set("report.figure_formats=png,pdf")
        #expect(configuration.value(at: "sample_rate")?.int == 8000)
        #expect(configuration.value(at: "report.figure_formats")?.array(of: String.self) == ["png", "pdf"])
        #expect(configuration.origins["sample_rate"] == "--set")
    }

    @Test func unknownKeyInFileNamesKeyAndFile() throws {
        var configuration = try Configuration(defaultsYAML: Self.defaults)
        let error = #expect(throws: ConfigurationError.self) {
            try configuration.merge(yaml: "features:\n  n_ffts: 1024\n", source: "my.yml")
        }
        #expect(error?.source == "my.yml")
        #expect(error?.key == "features.n_ffts")
        #expect(error?.description.contains("did you mean n_fft?") == true)
    }

    @Test func unknownKeyInSet() throws {
        var configuration = try Configuration(defaultsYAML: Self.defaults)
        let error = #expect(throws: ConfigurationError.self) { try configuration.set("features.mfcc.n_mfc=3") }
        #expect(error?.description.hasPrefix("--set: features.mfcc.n_mfc: unknown key") == true)
    }

    @Test func wrongTypeNamesKeyAndSource() throws {
        var configuration = try Configuration(defaultsYAML: Self.defaults)
        try configuration.merge(yaml: "features: {n_fft: lots}", source: "bad.yml")
        let error = #expect(throws: ConfigurationError.self) { try configuration.decode(Features.self, at: "features") }
        #expect(error?.source == "bad.yml")
        #expect(error?.key == "features.n_fft")
        #expect(error?.description.contains("'lots'") == true)
    }

    @Test func plainTextSetIsNotParsedAsYAML() throws {
        var configuration = try Configuration(defaultsYAML: "data: Samples")
        try configuration.set("data", text: "/tmp/a: b/[x].csv")
        #expect(configuration.value(at: "data")?.string == "/tmp/a: b/[x].csv")
    }

    @Test("an empty mapping in the defaults is open: a file and --set add their own keys to it, nowhere else")
    func openMapping() throws {
        var configuration = try Configuration(defaultsYAML: "labels:\n  map: {}\n  keep: []\n")
        try configuration.merge(yaml: "labels:\n  map: {calm: neutral}\n", source: "a.yml")
        try configuration.set("labels.map.surprised=happy")
        let map = try configuration.decode([String: String].self, at: "labels.map")
        #expect(map == ["calm": "neutral", "surprised": "happy"])
        #expect(configuration.origins["labels.map.calm"] == "a.yml")
        #expect(configuration.origins["labels.map.surprised"] == "--set")
        let error = #expect(throws: ConfigurationError.self) { try configuration.set("labels.mapp.calm=neutral") }
        #expect(error?.key == "labels.mapp.calm")
        #expect(throws: ConfigurationError.self) {
            try configuration.merge(yaml: "labels: {other: 1}", source: "b.yml")
        }
    }

    @Test func invalidYAMLIsOneLine() throws {
        var configuration = try Configuration(defaultsYAML: Self.defaults)
        let error = #expect(throws: ConfigurationError.self) {
            try configuration.merge(yaml: "a: [1, 2", source: "x.yml")
        }
        #expect(error?.description.hasPrefix("x.yml: invalid YAML") == true)
        #expect(error?.description.contains("\n") == false)
    }
}
