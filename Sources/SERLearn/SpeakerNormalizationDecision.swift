/// Whether speaker normalisation was applied to one set of training clips, and on what grounds.
package struct SpeakerNormalizationDecision: Sendable, Equatable, Codable {
    /// What the decision rests on.
    package enum Basis: String, Sendable, Codable {
        /// `train.speaker_normalization` is `on` or `off`.
        case setting
        /// `auto`: the higher pooled UAR on speaker-grouped inner folds, by more than chance (McNemar,
        /// p < 0.05); else off, and ``note`` says when the UAR was higher but not significantly.
        case innerFolds = "inner-folds"
        /// `auto`, but the training clips have fewer than two known speakers: off.
        case tooFewSpeakers = "too-few-speakers"
        /// `auto`, but the inner comparison could not be made (``note`` says why): off.
        case noComparison = "no-comparison"
    }

    package var applied: Bool
    package var basis: Basis
    /// Pooled UAR of the judge over the inner folds with and without normalisation (`inner-folds` only).
    package var innerUAROn: Double?
    package var innerUAROff: Double?
    /// Why there was no comparison, or why a higher pooled UAR was not followed, in words the report
    /// shows; empty otherwise.
    package var note: String

    package init(
        applied: Bool, basis: Basis, innerUAROn: Double? = nil, innerUAROff: Double? = nil, note: String = ""
    ) {
        self.applied = applied
        self.basis = basis
        self.innerUAROn = innerUAROn
        self.innerUAROff = innerUAROff
        self.note = note
    }

    enum CodingKeys: String, CodingKey {
        case applied, basis, note
        case innerUAROn = "inner_uar_on"
        case innerUAROff = "inner_uar_off"
    }
}
