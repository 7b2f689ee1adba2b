import SERAudio
import SERDSP
import SERLearn
import SERSettings

extension Settings {
    /// Settings someone gave (`isSet`) that these settings do not use, each as `key: why`: a value for a
    /// model that is not trained, a step that is off, folds of a protocol that does not count them, a
    /// descriptor's size where the descriptor is not extracted. They change nothing, so a user who set
    /// one expecting an effect is told (a search grid for a model not trained is refused outright).
    package func unusedSettings(isSet: (String) -> Bool) -> [String] {
        var reasons: [(prefix: String, why: String)] = []
        for model in ModelKind.allCases where !train.models.contains(model) {
            reasons.append(("train.\(model.rawValue).", "\(model.rawValue) is not in train.models"))
        }
        let process = resolvedProcess
        if !process.normalize.enabled {
            reasons.append(("process.normalize.headroom_db", "process.normalize.enabled is false"))
        }
        if !process.trim.enabled { reasons.append(("process.trim.top_db", "process.trim.enabled is false")) }
        if process.fixLength.enabled != .on {
            reasons.append(("process.fix_length.seconds", "fix_length is off for these settings"))
        }
        if process.denoise.enabled != .on {
            reasons.append(("process.denoise.stationary", "denoise is off for these settings"))
            reasons.append(("process.denoise.prop_decrease", "denoise is off for these settings"))
        }
        if train.evaluation == .leaveOneSpeakerOut || train.evaluation == .holdout {
            reasons.append(("train.folds", "train.protocol \(train.evaluation.rawValue) sets its own folds"))
        }
        let kinds = Set(features.activeKinds)
        if !kinds.contains(.mfcc) && !kinds.contains(.mfccDelta) {
            reasons.append(("features.mfcc.", "no MFCC group is extracted"))
        }
        if !kinds.contains(.chroma) { reasons.append(("features.chroma.", "chroma is not extracted")) }
        if !kinds.contains(.contrast) { reasons.append(("features.contrast.", "spectral contrast is not extracted")) }
        return leaves.compactMap { leaf in
            guard isSet(leaf.key),
                let reason = reasons.first(where: {
                    leaf.key == $0.prefix || ($0.prefix.hasSuffix(".") && leaf.key.hasPrefix($0.prefix))
                })
            else { return nil }
            return "\(leaf.key): has no effect, \(reason.why)"
        }
    }
}
