import SERParallel

/// The inner loop of nested cross-validation: choosing a model's hyper-parameters from training
/// rows alone, as scikit-learn's
/// `GridSearchCV(estimator, param_grid, cv=inner, scoring="balanced_accuracy", refit=True)` passed to
/// `cross_val_predict` over the outer folds.
///
/// The rows a choice is made from (an outer fold's training rows, or every row for the final model)
/// are split into ``HyperparameterGrid/innerFolds`` inner folds of the same protocol family: speaker
/// protocols give stratified group k-fold by speaker (one inner fold per speaker when there are
/// fewer speakers than inner folds, stratified k-fold when only one speaker is left), the random
/// protocols stratified k-fold. For each candidate and inner fold the features are standardised on
/// the inner training rows only, the model is fitted and the inner validation rows predicted; the
/// candidate with the highest UAR pooled over all inner validation rows wins, the first in grid order
/// on a tie (scikit-learn averages per-fold scores instead; pooling is steadier with small folds).
/// When the rows cannot be split (a class with a single clip among random folds), the search throws
/// a ``LearnError`` naming the fold rather than choosing from fewer rows.
package enum GridSearch {
    /// The settings to fit the final models with, and what was chosen for each searched model by
    /// scikit-learn's parameter names (`best_params_`).
    package struct TunedSettings: Sendable, Equatable {
        package var settings: ModelParameters
        package var chosen: [ModelKind: [String: String]]
    }

    /// The final models' parameters: the inner search run over every row (what `GridSearchCV.fit(X, y)`
    /// chooses before refitting on all of `X`). `features` are the unstandardised rows; `plan` says
    /// which protocol family the inner folds follow; `speakers` (one per row, or empty when unknown)
    /// must be given for a speaker protocol. Seeds are derived from `seed` as ``FinalFit`` derives them.
    package static func tune(
        _ kinds: [ModelKind], features: Matrix, labels: [Int], classCount: Int, speakers: [String], plan: FoldPlan,
        settings: ModelParameters, grid: HyperparameterGrid, seed: UInt64, workers: Int
    ) throws -> TunedSettings {
        try CrossValidation.validate(features: features, labels: labels, speakers: speakers)
        let searched = ModelKind.allCases.filter { kinds.contains($0) && grid.searches($0) }
        guard !searched.isEmpty else { return TunedSettings(settings: settings, chosen: [:]) }
        let everyRow = Array(0..<labels.count)
        let innerFolds = try folds(
            of: everyRow, labels: labels, speakers: speakers, outer: plan.used, grid: grid,
            seed: chained(seed, salt, .max), context: "all clips")
        let selections = searched.map { kind in
            Selection(
                kind: kind, innerFolds: innerFolds, candidates: grid.candidates(for: kind, base: settings),
                seed: chained(SeededGenerator.derived(from: seed, kind.seedIndex, .max), salt), context: "all clips")
        }
        let choices = try choose(
            selections, features: features, labels: labels, classCount: classCount, workers: workers)
        var tuned = TunedSettings(settings: settings, chosen: [:])
        for (kind, choice) in zip(searched, choices) {
            tuned.settings = tuned.settings.adopting(kind, from: choice.candidate.settings)
            tuned.chosen[kind] = choice.candidate.parameters
        }
        return tuned
    }

    /// One choice to make: `kind`'s candidates tried on `innerFolds` (rows of the whole data).
    struct Selection: Sendable {
        var kind: ModelKind
        var innerFolds: [Fold]
        var candidates: [HyperparameterGrid.Candidate]
        /// Every inner fit's seed is derived from this, the candidate and the inner fold.
        var seed: UInt64
        /// Which rows the choice is made from, for error messages ("fold 2", "all clips").
        var context: String
        /// The features of this choice when they differ from the search's (speaker normalisation
        /// decided fold by fold); nil for the search's own.
        var features: Matrix? = nil
    }

    /// The winning candidate of a ``Selection``, its pooled inner UAR, and the CPU time of its search.
    struct Choice: Sendable {
        var candidate: HyperparameterGrid.Candidate
        var innerUAR: Double
        var fitSeconds: Double
    }

    /// Distinguishes the search's seeds from the outer folds'.
    static let salt: UInt64 = 0x6772_6964

    /// `seed` run through `derived` once per part, so unlike a single `derived` call the parts' order
    /// matters and (1, 2) and (2, 1) give different seeds.
    static func chained(_ seed: UInt64, _ parts: UInt64...) -> UInt64 {
        parts.reduce(seed) { SeededGenerator.derived(from: $0, $1) }
    }

    /// The inner folds of `rows`, as rows of the whole data (so every one lies in `rows`).
    static func folds(
        of rows: [Int], labels: [Int], speakers: [String], outer: EvaluationProtocol, grid: HyperparameterGrid,
        seed: UInt64, context: String
    ) throws(LearnError) -> [Fold] {
        guard grid.innerFolds >= 2 else {
            throw LearnError(.unusableProtocol, "a grid search needs at least 2 inner folds, not \(grid.innerFolds)")
        }
        let bySpeaker = outer == .speakerIndependent || outer == .leaveOneSpeakerOut
        precondition(!bySpeaker || !speakers.isEmpty, "a grid search inside speaker folds needs the speakers")
        do {
            let plan = try FoldPlan(
                bySpeaker ? .speakerIndependent : .stratified, labels: rows.map { labels[$0] },
                speakers: bySpeaker ? rows.map { speakers[$0] } : Array(repeating: "", count: rows.count),
                folds: grid.innerFolds, seed: seed)
            return plan.folds.map { Fold(train: $0.train.map { rows[$0] }, test: $0.test.map { rows[$0] }) }
        } catch {
            let message = (error as? LearnError)?.message ?? "\(error)"
            throw LearnError(.unusableProtocol, "grid search on \(context): the inner folds cannot be made: \(message)")
        }
    }

    /// Every selection's best candidate, each candidate's inner folds fitted in parallel.
    static func choose(
        _ selections: [Selection], features: Matrix, labels: [Int], classCount: Int, workers: Int
    ) throws(LearnError) -> [Choice] {
        let jobs = selections.indices.flatMap { s in
            selections[s].candidates.indices.flatMap { c in selections[s].innerFolds.indices.map { (s, c, $0) } }
        }
        let outcomes = try ParallelJobs.map(count: jobs.count, workers: workers) { index throws(LearnError) in
            let (s, c, inner) = jobs[index]
            let selection = selections[s]
            do throws(LearnError) {
                return try CrossValidation.runFold(
                    selection.kind, fold: selection.innerFolds[inner], features: selection.features ?? features,
                    labels: labels,
                    classCount: classCount, settings: selection.candidates[c].settings,
                    seed: chained(selection.seed, UInt64(c), UInt64(inner)))
            } catch {
                throw LearnError(error.code, "grid search on \(selection.context): \(error.message)")
            }
        }
        var start = 0
        return selections.map { selection in
            let width = selection.innerFolds.count
            let searched = outcomes[start..<(start + selection.candidates.count * width)]
            start += searched.count
            let truth = selection.innerFolds.flatMap { $0.test.map { labels[$0] } }
            var best = 0
            var bestUAR = -Double.infinity
            for candidate in selection.candidates.indices {
                let first = searched.startIndex + candidate * width
                let predicted = searched[first..<(first + width)].flatMap(\.labels)
                let uar = ClassificationScores(truth: truth, predicted: predicted, classCount: classCount).uar
                if uar > bestUAR { (best, bestUAR) = (candidate, uar) }
            }
            return Choice(
                candidate: selection.candidates[best], innerUAR: bestUAR,
                fitSeconds: searched.map(\.fitSeconds).reduce(0, +))
        }
    }
}

extension ModelKind {
    /// This kind's part of its fits' seeds (its place in `allCases`).
    var seedIndex: UInt64 { UInt64(Self.allCases.firstIndex(of: self)!) }
}
