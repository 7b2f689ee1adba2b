import ArgumentParser
import Foundation
import SERCells
import SERNotebook
import SERSettings

/// `serreport config`: the effective settings, each with where its value came from and what it does,
/// like `git config --show-origin`.
struct Config: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the effective settings as YAML, each with its source (default, file:line, --set) and doc.",
        discussion: """
            The settings a build with the same options would use: built-in defaults, then serreport.yml \
            (or --config), then --data and --set. Every value is checked as a build checks it, so a bad \
            one is reported here the same way.
            """)

    @OptionGroup var common: CommonOptions

    @Flag(name: .long, help: "One JSON document: the settings, and per key its value, default, source, type and doc.")
    var json = false

    @Flag(name: .long, help: "The built-in defaults with their doc lines (the README's settings block).")
    var defaults = false

    func run() throws {
        let resolved = defaults ? ResolvedSettings(value: Settings(), sources: [:]) : try common.resolved()
        let leaves = resolved.value.leaves
        let source: (String) -> ConfigSource = { resolved.source(of: $0) }
        guard json else {
            print(SettingsListing.yaml(leaves, source: defaults ? nil : source), terminator: "")
            return
        }
        let document = ConfigDocument(settings: resolved.value, keys: SettingsListing.json(leaves, source: source))
        print(String(decoding: try JSONEncoder.readable.encode(document), as: UTF8.self))
    }

    private struct ConfigDocument: Encodable {
        var settings: Settings
        var keys: [[String: String]]
    }
}
