package import SERSettings

/// `train.speaker_normalization`: whether each speaker's features are z-scored by that speaker's own
/// clips (``SpeakerNormalization``) before the usual per-fold scaling. `auto` decides inside each
/// training fold, from its clips alone, by comparing both ways on inner speaker-grouped folds
/// (``SpeakerNormalizationChoice``); `on` and `off` apply it always or never.
package enum SpeakerNormalizationMode: String, Sendable, CaseIterable, SettingEnum {
    case auto, on, off

    /// `auto`, `on`, `off`, and the flags of release 0.2 and YAML 1.1 (`true`/`yes` for on,
    /// `false`/`no` for off), so earlier `serreport.yml` and `models/settings.json` files still read.
    package static func parse(_ node: ConfigNode) throws(SettingValueError) -> SpeakerNormalizationMode {
        let text = try scalarText(node)
        switch text.lowercased() {
        case "auto": return .auto
        case "on", "true", "yes": return .on
        case "off", "false", "no": return .off
        default: throw SettingValueError("'\(text)' is not \(kind) (or true, false)", at: node)
        }
    }
}
