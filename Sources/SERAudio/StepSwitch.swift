package import SERSettings

/// `process.fix_length.enabled` and `process.denoise.enabled`: on, off, or `auto`, which follows the
/// feature set (``ProcessingSettings/resolved(notebookChain:)``): on for `features.set: seed`, whose
/// 82 values are the notebook's and need its whole chain; off for the extended set. Padding adds
/// silent frames to every statistic of a short clip (its percentiles, slopes and voicing rates most), and
/// spectral-gating noise reduction on clean recordings takes away the voice-quality cues the extended
/// set measures: measured on RAVDESS 01–12 and EmoDB (`Benchmarks/README.md`), SVM UAR with both on is
/// lower by 0.04 and 0.10.
package enum StepSwitch: String, Sendable, Hashable, CaseIterable, AutoOnOff {
    case auto, on, off

    /// On, with `auto` taken as `notebookChain`.
    package func isOn(notebookChain: Bool) -> Bool {
        switch self {
        case .on: true
        case .off: false
        case .auto: notebookChain
        }
    }
}
