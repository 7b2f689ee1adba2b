/// Where a setting's value came from: the built-in default, a line of a config file, or the command
/// line — what `serreport config` shows beside each key and what every settings error starts with.
package enum ConfigSource: Sendable, Hashable, CustomStringConvertible {
    /// The value declared with the setting.
    case builtIn
    /// A file and the 1-based line the value is on (0 when unknown).
    case file(String, line: Int)
    /// A command-line option: `--set`, `--data`.
    case commandLine(String)

    /// `default`, `serreport.yml:12`, `--set`.
    package var description: String {
        switch self {
        case .builtIn: "default"
        case .file(let path, let line): line > 0 ? "\(path):\(line)" : path
        case .commandLine(let option): option
        }
    }
}
