/// A setting that is `auto`, `on` or `off` and was a flag before `auto` existed: it also reads the flags
/// of release 0.2 and YAML 1.1 (`true`/`yes` for on, `false`/`no` for off), so earlier `serreport.yml`
/// and `models/settings.json` files still read. Conform an enum with exactly the cases `auto`, `on`, `off`.
package protocol AutoOnOff: SettingEnum {}

extension AutoOnOff {
    package static func parse(_ node: ConfigNode) throws(SettingValueError) -> Self {
        let text = try scalarText(node)
        let word: String
        switch text.lowercased() {
        case "auto": word = "auto"
        case "on", "true", "yes": word = "on"
        case "off", "false", "no": word = "off"
        default: throw SettingValueError("'\(text)' is not \(kind) (or true, false)", at: node)
        }
        guard let value = Self(rawValue: word) else {
            throw SettingValueError("'\(text)' is not \(kind)", at: node)
        }
        return value
    }
}
