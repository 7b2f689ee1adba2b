package import SERSettings

/// `process:` in `serreport.yml`: the seed notebook's processing steps, each switchable, with the
/// arguments of the functions they match (pydub, librosa, noisereduce) under those functions' names.
package struct ProcessingSettings: SettingGroup, Hashable {
    /// `pydub.effects.normalize`.
    package struct Normalize: SettingGroup, Hashable {
        package var enabled = true
        package var headroomDB = 0.1

        package init() {}

        package static let schema = SettingSchema<Normalize>([
            Setting("enabled", \.enabled, "peak-normalise each file first (pydub.effects.normalize)"),
            Setting(
                "headroom_db", \.headroomDB, "peak level below full scale, in dB (normalize headroom)",
                allowed: .range(0, 100)),
        ])
    }

    /// `librosa.effects.trim`, framed as the features are (`frame_length=n_fft`, `hop_length`).
    package struct Trim: SettingGroup, Hashable {
        package var enabled = true
        package var topDB = 60.0

        package init() {}

        package static let schema = SettingSchema<Trim>([
            Setting("enabled", \.enabled, "cut leading and trailing silence (librosa.effects.trim)"),
            Setting(
                "top_db", \.topDB, "silence is this many dB below the peak (trim top_db)",
                allowed: .range(0, 200, includingLower: false)),
        ])
    }

    /// `librosa.util.fix_length(y, size=round(seconds * sr))`.
    package struct FixLength: SettingGroup, Hashable {
        package var enabled = StepSwitch.auto
        package var seconds = 3.0

        package init() {}

        package static let schema = SettingSchema<FixLength>([
            Setting(
                "enabled", \.enabled,
                "pad or cut every clip to one length (librosa.util.fix_length); auto: on for features.set seed, off for extended"
            ),
            Setting(
                "seconds", \.seconds, "that length in seconds (size = round(seconds × sample_rate))",
                allowed: .range(0.1, 3600)),
        ])
    }

    /// `noisereduce.reduce_noise`; its other arguments keep noisereduce's defaults.
    package struct Denoise: SettingGroup, Hashable {
        package var enabled = StepSwitch.auto
        package var reduction = NoiseReducer.Parameters()

        package init() {}

        package static let schema = SettingSchema<Denoise>([
            Setting(
                "enabled", \.enabled,
                "reduce noise (noisereduce.reduce_noise); auto: on for features.set seed, off for extended"),
            Setting(
                "stationary", \.reduction.stationary,
                "one noise threshold per frequency instead of a time-smoothed floor (reduce_noise stationary)"),
            Setting(
                "prop_decrease", \.reduction.propDecrease, "share of the noise removed (reduce_noise prop_decrease)",
                allowed: .range(0, 1)),
        ])
    }

    package var normalize = Normalize()
    package var trim = Trim()
    package var fixLength = FixLength()
    package var denoise = Denoise()

    package init() {}

    /// These settings with `auto` steps decided: on for the notebook's chain (`features.set: seed`),
    /// else off (``StepSwitch``). Every step that runs takes resolved settings.
    package func resolved(notebookChain: Bool) -> ProcessingSettings {
        var resolved = self
        resolved.fixLength.enabled = fixLength.enabled.isOn(notebookChain: notebookChain) ? .on : .off
        resolved.denoise.enabled = denoise.enabled.isOn(notebookChain: notebookChain) ? .on : .off
        return resolved
    }

    package static let schema = SettingSchema<ProcessingSettings>([
        Nested("normalize", \.normalize),
        Nested("trim", \.trim),
        Nested("fix_length", \.fixLength),
        Nested("denoise", \.denoise),
    ])
}
