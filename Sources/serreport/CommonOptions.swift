import ArgumentParser
import Foundation
import SERCells
import SERCorpus
import SERNotebook
import SERReport
import SERSettings

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

    /// Defaults ← config file ← --data ← --set, every value checked, or a one-line error naming the
    /// key, the value, what is allowed and where the value came from.
    func resolveSettings() throws -> Settings { try resolved().value }

    /// The settings with where each value came from (for `serreport config`).
    func resolved() throws -> ResolvedSettings<Settings> {
        // The command line turns bytes that are not UTF-8 into U+FFFD: such a name opens nothing, and a
        // report folder named after it would be created for a corpus that cannot be found.
        for (option, value) in [("--data", data), ("--out", out), ("--config", config)]
            + overrides.map({ ("--set", $0) })
        where value?.contains("\u{FFFD}") == true {
            throw CommandError(
                "\(option) \(PrintedLine.escaped(value ?? "")): holds bytes that are not UTF-8 (shown as \u{FFFD}), "
                    + "which serreport cannot carry into a report; rename it in UTF-8")
        }
        let explicit = config != nil
        let file = config ?? Settings.fileName
        do {
            var fileText: (path: String, text: String)?
            if FileManager.default.fileExists(atPath: file) {
                do {
                    fileText = (file, try InputText.read(file, noun: "a settings file", limit: 1 << 20))
                } catch {
                    throw CommandError(error.message)
                }
            } else if explicit {
                throw CommandError("\(file): no such config file")
            }
            var resolved = try Settings.resolve(file: fileText, data: data, overrides: overrides)
            // A path written in a config file (the corpus, the template folder) is relative to that
            // file's folder.
            let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
            if case .file = resolved.source(of: "data"), !resolved.value.data.hasPrefix("/") {
                resolved.value.data = folder.appendingPathComponent(resolved.value.data).path
            }
            if case .file = resolved.source(of: "report.templates"), !resolved.value.report.templates.hasPrefix("/") {
                resolved.value.report.templates = folder.appendingPathComponent(resolved.value.report.templates).path
            }
            // A template folder someone named must be there (only the default may be absent).
            let templates = resolved.value.report.templates
            var isFolder: ObjCBool = false
            if resolved.source(of: "report.templates") != .builtIn,
                !FileManager.default.fileExists(atPath: templates, isDirectory: &isFolder) || !isFolder.boolValue
            {
                throw CommandError(
                    "\(resolved.source(of: "report.templates")): report.templates: \(templates): "
                        + (FileManager.default.fileExists(atPath: templates)
                            ? "is not a folder"
                            : "no such template folder (`serreport templates init \(templates)` makes one)"))
            }
            for note in resolved.value.unusedSettings(isSet: { resolved.source(of: $0) != .builtIn }) {
                let key = String(note.prefix { $0 != ":" })
                Standard.error("warning: \(resolved.source(of: key)): \(note)")
            }
            return resolved
        } catch let error as SettingsError {
            throw CommandError(error.description)
        }
    }
}
