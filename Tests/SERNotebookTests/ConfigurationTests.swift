import Foundation
import SERNotebook
import SERSettings
import Testing

/// A settings group of the shapes the real ones use: a bounded number, a section, a bound that
/// depends on another setting, a list and an open mapping.
struct TestSettings: SettingGroup, Equatable {
    var nFFT = 2048
    var nMFCC = 20
    var nMels = 128
    var formats: [String] = ["png", "svg"]
    var map: [String: String] = [:]
    var path = "Samples"

    init() {}

    static let schema = SettingSchema<TestSettings>([
        Setting("n_fft", \.nFFT, "FFT size", allowed: .even(16...65536)),
        Section(
            "mfcc",
            [
                Setting("n_mfcc", \.nMFCC, "coefficients", allowed: .from(1, upTo: \.nMels, named: "n_mels")),
                Setting("n_mels", \.nMels, "bands", allowed: .range(1...512)),
            ]),
        Setting("formats", \.formats, "formats", allowed: .unique()),
        Setting("map", \.map, "renames", allowed: .namesNotEmpty),
        Setting("path", \.path, "a path"),
    ])
}

@Suite("Configuration: defaults, file, --set, read into a typed schema")
struct ConfigurationTests {
    func resolve(file: String? = nil, sets: [String] = []) throws -> ResolvedSettings<TestSettings> {
        var configuration = Configuration()
        if let file { try configuration.merge(yaml: file, file: "serreport.yml") }
        for assignment in sets { try configuration.set(assignment) }
        return try configuration.resolve(TestSettings.self)
    }

    func error(file: String? = nil, sets: [String] = []) -> SettingsError? {
        #expect(throws: SettingsError.self) { try resolve(file: file, sets: sets) }
    }

    @Test func defaultsComeFromTheDeclarations() throws {
        let resolved = try resolve()
        #expect(resolved.value == TestSettings())
        #expect(resolved.source(of: "n_fft") == .builtIn)
    }

    @Test func fileOverridesOneKeyAndKeepsTheRest() throws {
        let resolved = try resolve(file: "n_fft: 1024\nmfcc:\n  n_mfcc: 40\n")
        #expect(resolved.value.nFFT == 1024 && resolved.value.nMFCC == 40 && resolved.value.nMels == 128)
        #expect(resolved.source(of: "mfcc.n_mfcc") == .file("serreport.yml", line: 3))
        #expect("\(resolved.source(of: "n_fft"))" == "serreport.yml:1")
        #expect(resolved.source(of: "mfcc.n_mels") == .builtIn)
    }

    @Test func setOverridesFileAndReadsBareLists() throws {
        let resolved = try resolve(file: "n_fft: 1024", sets: ["n_fft=512", "formats=png,pdf"])
        #expect(resolved.value.nFFT == 512)
        #expect(resolved.value.formats == ["png", "pdf"])
        #expect(resolved.source(of: "n_fft") == .commandLine("--set"))
        #expect(try resolve(sets: ["formats=[svg]"]).value.formats == ["svg"])
        #expect(try resolve(sets: ["formats="]).value.formats == [])
    }

    @Test("--set key={} empties a mapping the file set (merging it would change nothing); a mapping adds to it")
    func setEmptyMappingClears() throws {
        let file = "map: {calm: neutral}\nmfcc: {n_mels: 64}"
        #expect(try resolve(file: file).value.map == ["calm": "neutral"])
        let cleared = try resolve(file: file, sets: ["map={}"])
        #expect(cleared.value.map == [:])
        #expect(cleared.value.nMels == 64)
        #expect(try resolve(file: file, sets: ["map={}", "map={sad: low}"]).value.map == ["sad": "low"])
        #expect(try resolve(file: file, sets: ["map={sad: low}"]).value.map == ["calm": "neutral", "sad": "low"])
        // A section set to {} is back to its defaults.
        #expect(try resolve(file: file, sets: ["mfcc={}"]).value.nMels == 128)
    }

    @Test func unknownKeyInFileNamesKeyLineAndSuggestion() {
        let error = error(file: "mfcc:\n  n_mfc: 3\n")
        #expect(error?.key == "mfcc.n_mfc")
        #expect(error?.source == .file("serreport.yml", line: 2))
        #expect(error?.description.contains("did you mean n_mfcc?") == true)
    }

    @Test func unknownKeyInSet() {
        let error = error(sets: ["n_ffts=3"])
        #expect(error?.description.hasPrefix("--set: n_ffts: unknown key; known keys: n_fft") == true)
    }

    @Test func wrongTypeNamesKeyValueAndSource() {
        let error = error(file: "n_fft: lots")
        #expect(error?.description == "serreport.yml:1: n_fft: expected a whole number, found 'lots'")
        #expect(self.error(file: "mfcc: 3")?.reason == "expected a mapping of settings, found '3'")
    }

    @Test("an out-of-range value names the key, the value, what is allowed and where it came from")
    func outOfRange() {
        #expect(
            error(sets: ["n_fft=1025"])?.description
                == "--set: n_fft: 1025 is out of range (allowed: an even number from 16 to 65536)")
        #expect(
            error(file: "mfcc: {n_mels: 10}")?.description
                == "default: mfcc.n_mfcc: 20 is out of range (allowed: 1 to n_mels (10))")
        #expect(error(sets: ["formats=png,png"])?.reason.contains("each named once") == true)
        #expect(error(sets: ["map.calm="])?.key == "map")
    }

    @Test("control characters from a key or value are escaped: an error stays one line (fuzz finding)")
    func controlCharacters() throws {
        let error = error(sets: ["n_f\rft\n=1", "path=ok"])
        #expect(
            error?.description
                == "--set: n_f\\rft\\n: unknown key; known keys: n_fft, mfcc, formats, map, path (did you mean n_fft?)")
        let value = try #require(self.error(sets: ["n_fft=1\u{0}2\u{7}"]))
        #expect(!value.description.unicodeScalars.contains { $0.properties.generalCategory == .control })
    }

    @Test func plainTextSetIsNotParsedAsYAML() throws {
        var configuration = Configuration()
        try configuration.set("path", text: "/tmp/a: b/[x].csv", option: "--data")
        let resolved = try configuration.resolve(TestSettings.self)
        #expect(resolved.value.path == "/tmp/a: b/[x].csv")
        #expect("\(resolved.source(of: "path"))" == "--data")
    }

    @Test("a mapping setting takes any names, merged from the file and --set")
    func openMapping() throws {
        let resolved = try resolve(file: "map: {calm: neutral}", sets: ["map.surprised=happy"])
        #expect(resolved.value.map == ["calm": "neutral", "surprised": "happy"])
    }

    @Test func invalidYAMLIsOneLine() {
        let error = #expect(throws: SettingsError.self) {
            var configuration = Configuration()
            try configuration.merge(yaml: "a: [1, 2", file: "x.yml")
        }
        #expect(error?.description.hasPrefix("x.yml: invalid YAML") == true)
        #expect(error?.description.contains("\n") == false)
    }

    @Test("aliases that expand past any settings file, and absurd nesting, are refused")
    func hostileYAML() throws {
        var laughs = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...8 {
            let references = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            laughs += "a\(level): &a\(level) [\(references)]\n"
        }
        let error = #expect(throws: SettingsError.self) {
            var configuration = Configuration()
            try configuration.merge(yaml: laughs, file: "x.yml")
        }
        #expect(error?.reason.contains("too large") == true)
        var small = Configuration()
        try small.merge(yaml: "path: &p here\nformats: [*p]\n", file: "x.yml")
        #expect(try small.resolve(TestSettings.self).value.formats == ["here"])
        let deep = String(repeating: "[", count: 40) + String(repeating: "]", count: 40)
        #expect(throws: SettingsError.self) {
            var configuration = Configuration()
            try configuration.merge(yaml: "a: \(deep)", file: "x.yml")
        }
    }

    @Test("settings encode under their keys, as a config file writes them")
    func encoding() throws {
        var settings = TestSettings()
        settings.nMFCC = 13
        let json = String(decoding: try JSONEncoder.stable.encode(settings), as: UTF8.self)
        #expect(
            json
                == #"{"formats":["png","svg"],"map":{},"mfcc":{"n_mels":128,"n_mfcc":13},"n_fft":2048,"path":"Samples"}"#
        )
    }

    @Test("the listing nests keys and says each one's source and doc")
    func listing() throws {
        let resolved = try resolve(sets: ["mfcc.n_mels=64"])
        let text = SettingsListing.yaml(resolved.value.leaves, source: { resolved.source(of: $0) })
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("n_fft: 2048") && lines[0].hasSuffix("# default · FFT size"))
        #expect(lines[1] == "mfcc:")
        #expect(lines[3].hasPrefix("  n_mels: 64") && lines[3].hasSuffix("# --set · bands"))
    }
}
