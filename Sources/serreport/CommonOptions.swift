import ArgumentParser
import Foundation
import SERCells
import SERNotebook

/// The options every command takes, the same way: where the data is, where outputs go, which
/// config file, and key overrides.
struct CommonOptions: ParsableArguments {
    @Option(
        name: .long,
        help: """
            Corpus folder (RAVDESS, TESS, SAVEE, EmoDB, CREMA-D, one folder per emotion, or with \
            manifest.csv) or a CSV manifest (path,emotion,speaker,gender).
            """)
    var data: String?

    @Option(
        name: .long, help: "Output: the report folder for build (default: reports/<corpus name>); a file for features.")
    var out: String?

    @Option(name: .long, help: "Config file (default: ./serreport.yml if present, else built-in defaults).")
    var config: String?

    @Option(
        name: .customLong("set"),
        help: ArgumentHelp("Override a setting, e.g. features.mfcc.n_mfcc=40.", valueName: "key.path=value"))
    var overrides: [String] = []

    /// Defaults ← config file ← --data ← --set, or a one-line error naming the key and file.
    func resolveSettings() throws -> Settings {
        let explicit = config != nil
        let file = config ?? Settings.fileName
        var text: String?
        if FileManager.default.fileExists(atPath: file) {
            do {
                text = try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                throw CommandError("\(file): cannot read (\(error.localizedDescription))")
            }
        } else if explicit {
            throw CommandError("\(file): no such config file")
        }
        do {
            var (settings, _) = try Settings.resolve(
                configFile: text == nil ? nil : file, configText: text, overrides: overrides, dataOverride: data)
            // A data path written in a config file is relative to that file's folder.
            if data == nil, text != nil, !settings.data.hasPrefix("/") {
                let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
                settings.data = folder.appendingPathComponent(settings.data).path
            }
            return settings
        } catch {
            throw CommandError(error.description)
        }
    }
}
