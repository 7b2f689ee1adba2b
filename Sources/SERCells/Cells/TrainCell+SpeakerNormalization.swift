import SERLearn
import SERReport

extension TrainCell {
    /// "on in 5 of 5 folds (inner UAR 0.612 on vs 0.548 off); final model: on".
    static func normalizationSummary(
        _ folds: [SpeakerNormalizationDecision], final: SpeakerNormalizationDecision
    ) -> String {
        let on = folds.filter(\.applied).count
        var text = "\(on == 0 ? "off" : "on") in \(on == 0 ? folds.count : on) of \(folds.count) folds"
        let compared = folds.filter { $0.basis == .innerFolds }
        if !compared.isEmpty {
            let meanOn = compared.compactMap(\.innerUAROn).reduce(0, +) / Double(compared.count)
            let meanOff = compared.compactMap(\.innerUAROff).reduce(0, +) / Double(compared.count)
            text += " (inner UAR \(EvaluateCell.fixed(meanOn)) on vs \(EvaluateCell.fixed(meanOff)) off"
            text += compared.count > 1 ? ", mean over folds)" : ")"
        }
        return text + "; final model: \(final.applied ? "on" : "off")"
    }

    /// The train section's sentence on speaker normalisation: what was applied, where, and why.
    static func normalizationText(
        _ mode: SpeakerNormalizationMode, folds: [SpeakerNormalizationDecision], final: SpeakerNormalizationDecision,
        innerFolds: Int
    ) -> String {
        let what =
            "speaker normalisation (each speaker's features z-scored with that speaker's own mean and deviation; no labels are used, and a test speaker's statistics come from that speaker's clips only)"
        switch mode {
        case .on: return "Before that, \(what) is applied in every fold (train.speaker_normalization: on)."
        case .off: return "Speaker normalisation is off (train.speaker_normalization: off)."
        case .auto: break
        }
        var text =
            "Whether to apply \(what) was decided inside each training fold from its clips alone: an SVM was fitted with and without it on \(innerFolds) speaker-grouped inner folds of the fold's training clips, and it was applied where its UAR on the inner held-out speakers was higher by more than chance (McNemar's exact test on those clips, p < 0.05). Speaker normalisation: "
            + normalizationSummary(folds, final: final) + "."
        let reasons = Set((folds + [final]).map(\.note).filter { !$0.isEmpty }).sorted()
        if !reasons.isEmpty { text += " Kept off where " + reasons.joined(separator: "; ") + "." }
        if final.applied {
            text +=
                " The saved models take speaker-normalised features: serreport predict z-scores files with --same-speaker by their own statistics, and a single file by a typical training speaker's."
        }
        return text
    }

    /// Per fold (and for the final models): the inner UARs with and without normalisation and the choice.
    static func normalizationTable(
        _ folds: [SpeakerNormalizationDecision], final: SpeakerNormalizationDecision
    ) -> ReportTable {
        func row(_ name: String, _ decision: SpeakerNormalizationDecision) -> [String] {
            [
                name, decision.innerUAROn.map(EvaluateCell.fixed) ?? "–",
                decision.innerUAROff.map(EvaluateCell.fixed) ?? "–",
                (decision.applied ? "on" : "off") + (decision.note.isEmpty ? "" : " (\(decision.note))"),
            ]
        }
        return ReportTable(
            caption:
                "Speaker normalisation decided in each training fold (SVM, UAR pooled over speaker-grouped inner folds)",
            columns: ["training clips", "inner UAR on", "inner UAR off", "chosen"],
            rows: folds.enumerated().map { row("fold \($0 + 1)", $1) } + [row("all (final models)", final)])
    }
}
