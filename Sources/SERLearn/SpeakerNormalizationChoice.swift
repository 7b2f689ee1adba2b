import Foundation
import SERParallel

/// `train.speaker_normalization: auto`: decides, from a set of training clips alone, whether z-scoring
/// each speaker by their own clips helps. The clips are split into speaker-grouped inner folds
/// (scikit-learn's `StratifiedGroupKFold`, `train.search.inner_folds` of them); an SVM with the
/// build's settings (the cheapest of the four models to fit, and as sensitive to the features' scale
/// as the MLP) is fitted on each inner training part and predicts the inner held-out speakers, once
/// on the raw features and once on speaker-normalised ones. Normalisation is applied when its pooled
/// inner UAR is higher and the gain is more than chance: McNemar's exact test on the inner held-out
/// clips (of the clips one way gets right and the other wrong, normalisation must win significantly
/// more, one-sided p < 0.05, the usual level, not one fitted to a corpus). Otherwise it stays off: the
/// transform can remove the emotion signal, so it asks for evidence first. Measured on a subset of
/// RAVDESS whose actors keep one or two emotions each: one training fold's inner UAR favoured it by
/// 0.20 vs 0.17 on every inner fold, a gain of a few clips that the outer fold did not share (−0.04);
/// on RAVDESS and EmoDB, where it gains 0.11–0.13, the test passes in every fold.
///
/// Why not a coverage rule: whether normalisation helps depends on how much of each speaker's mean
/// is emotion rather than voice, which the share of emotions a speaker shows predicts only roughly
/// (a corpus whose speakers show half the emotions still gains from it; one whose speakers show a
/// quarter loses most of its signal). The inner comparison measures it directly, on held-out
/// speakers, as the outer evaluation will.
///
/// Each speaker's statistics come from the given clips only; the outer fold's test clips are never
/// seen. Cost: 2 × inner folds SVM fits per training set, run in parallel.
package enum SpeakerNormalizationChoice {
    /// The model that judges.
    package static let judge = ModelKind.svm

    /// One decision per entry of `rowSets` (rows of `features`, e.g. each outer fold's training rows).
    /// `features` are the raw (not speaker-normalised) rows; `speakers` one per row.
    package static func decide(
        _ mode: SpeakerNormalizationMode, rowSets: [[Int]], features: Matrix, labels: [Int], classCount: Int,
        speakers: [String], innerFolds: Int, settings: ModelParameters, seed: UInt64, workers: Int
    ) -> [SpeakerNormalizationDecision] {
        switch mode {
        case .on: return rowSets.map { _ in SpeakerNormalizationDecision(applied: true, basis: .setting) }
        case .off: return rowSets.map { _ in SpeakerNormalizationDecision(applied: false, basis: .setting) }
        case .auto: break
        }
        var decisions = [SpeakerNormalizationDecision?](repeating: nil, count: rowSets.count)
        var comparisons: [Comparison] = []
        for (index, rows) in rowSets.enumerated() {
            let rowSpeakers = rows.map { speakers.indices.contains($0) ? speakers[$0] : "" }
            let known = Set(rowSpeakers.filter { !$0.isEmpty })
            guard known.count >= 2, !rowSpeakers.contains(where: \.isEmpty) else {
                decisions[index] = SpeakerNormalizationDecision(
                    applied: false, basis: .tooFewSpeakers,
                    note: known.count < 2
                        ? "fewer than two speakers are known" : "some clips have no speaker")
                continue
            }
            let rowLabels = rows.map { labels[$0] }
            do {
                let plan = try FoldPlan(
                    .speakerIndependent, labels: rowLabels, speakers: rowSpeakers, folds: innerFolds,
                    seed: SeededGenerator.derived(from: seed, salt, UInt64(index)))
                let raw = features.selecting(rows: rows)
                comparisons.append(
                    Comparison(
                        set: index, innerFolds: plan.folds, labels: rowLabels, raw: raw,
                        normalized: SpeakerNormalization.normalized(raw, speakers: rowSpeakers)))
            } catch {
                decisions[index] = SpeakerNormalizationDecision(
                    applied: false, basis: .noComparison,
                    note: "the inner folds cannot be made: \((error as? LearnError)?.message ?? "\(error)")")
            }
        }
        // Every fit of every comparison at once: (comparison, normalised?, inner fold).
        let made = comparisons
        let jobs = comparisons.indices.flatMap { c in
            [false, true].flatMap { normalized in comparisons[c].innerFolds.indices.map { (c, normalized, $0) } }
        }
        let outcomes = ParallelJobs.map(count: jobs.count, workers: workers) { index -> FitResult in
            let (c, normalized, inner) = jobs[index]
            let comparison = made[c]
            do throws(LearnError) {
                let outcome = try CrossValidation.runFold(
                    judge, fold: comparison.innerFolds[inner],
                    features: normalized ? comparison.normalized : comparison.raw, labels: comparison.labels,
                    classCount: classCount, settings: settings,
                    seed: SeededGenerator.derived(from: seed, salt, UInt64(comparison.set), UInt64(inner)))
                return FitResult(labels: outcome.labels, failure: nil)
            } catch {
                return FitResult(labels: [], failure: error.message)
            }
        }
        var start = 0
        for comparison in comparisons {
            let width = comparison.innerFolds.count
            let truth = comparison.innerFolds.flatMap { $0.test.map { comparison.labels[$0] } }
            let off = outcomes[start..<(start + width)]
            let on = outcomes[(start + width)..<(start + 2 * width)]
            start += 2 * width
            if let failure = (off + on).compactMap(\.failure).first {
                decisions[comparison.set] = SpeakerNormalizationDecision(
                    applied: false, basis: .noComparison, note: "the inner fits failed: \(failure)")
                continue
            }
            let uarOff = ClassificationScores(truth: truth, predicted: off.flatMap(\.labels), classCount: classCount)
                .uar
            let uarOn = ClassificationScores(truth: truth, predicted: on.flatMap(\.labels), classCount: classCount).uar
            // McNemar on the held-out clips: right with normalisation only, against right without it only.
            let normalizedWins = zip(truth, zip(on.flatMap(\.labels), off.flatMap(\.labels))).filter {
                $0.1.0 == $0.0 && $0.1.1 != $0.0
            }.count
            let rawWins = zip(truth, zip(on.flatMap(\.labels), off.flatMap(\.labels))).filter {
                $0.1.1 == $0.0 && $0.1.0 != $0.0
            }.count
            let p = Self.oneSidedSignTest(wins: normalizedWins, losses: rawWins)
            let significant = p < Self.significance
            decisions[comparison.set] = SpeakerNormalizationDecision(
                applied: uarOn > uarOff && significant, basis: .innerFolds, innerUAROn: uarOn, innerUAROff: uarOff,
                note: uarOn > uarOff && !significant
                    ? "higher, but by chance as likely (McNemar p = \(String(format: "%.2f", p)), "
                        + "\(normalizedWins) vs \(rawWins) clips): kept off" : "")
        }
        return decisions.map { $0! }
    }

    /// The level below which a gain counts as more than chance.
    static let significance = 0.05

    /// P(X ≥ wins) for X ~ Binomial(wins + losses, 1/2): McNemar's exact one-sided test (1 without
    /// discordant clips).
    static func oneSidedSignTest(wins: Int, losses: Int) -> Double {
        let n = wins + losses
        guard n > 0 else { return 1 }
        let logHalf = Double(n) * log(0.5)
        func logChoose(_ k: Int) -> Double { lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1)) }
        return min(1, (wins...n).reduce(0) { $0 + exp(logChoose($1) + logHalf) })
    }

    /// Distinguishes the decision's seeds from the folds' and the grid search's.
    static let salt: UInt64 = 0x7370_6b72

    /// One training set's inner comparison; rows are positions in `raw` and `normalized`.
    private struct Comparison: Sendable {
        var set: Int
        var innerFolds: [Fold]
        var labels: [Int]
        var raw: Matrix
        var normalized: Matrix
    }

    private struct FitResult: Sendable {
        var labels: [Int]
        var failure: String?
    }
}
