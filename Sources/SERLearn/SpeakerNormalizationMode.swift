package import SERSettings

/// `train.speaker_normalization`: whether each speaker's features are z-scored by that speaker's own
/// clips (``SpeakerNormalization``) before the usual per-fold scaling. `auto` decides inside each
/// training fold, from its clips alone, by comparing both ways on inner speaker-grouped folds
/// (``SpeakerNormalizationChoice``); `on` and `off` apply it always or never.
package enum SpeakerNormalizationMode: String, Sendable, CaseIterable, AutoOnOff {
    case auto, on, off
}
