import SERParallel

/// One model evaluated over every fold of a plan: its predictions for every clip (each from the
/// fold that held the clip out), scores per fold and pooled, and the time spent fitting.
package struct ModelEvaluationResult: Sendable {
    package var kind: ModelKind
    /// Pooled over all test folds.
    package var scores: ClassificationScores
    package var foldScores: [ClassificationScores]
    /// For each row of the data: the fold it was tested in, the predicted class and the probabilities.
    package var predictions: [(fold: Int, label: Int, probabilities: [Double])]
    /// CPU time of all fits on their threads, summed over folds, in seconds (what Python's
    /// `time.process_time` measures for a single-threaded fit).
    package var fitSeconds: Double
    /// For the MLP: the loss and validation accuracy per epoch in each fold.
    package var trainingCurves: [(loss: [Double], validation: [Double])]
    /// With a grid search: the parameters chosen in each fold by scikit-learn's names (`C`, `gamma`,
    /// `n_estimators`, as `best_params_`); empty when this model was not searched.
    package var chosen: [[String: String]] = []
    /// CPU time of the grid search's inner fits, summed over folds, in seconds (not in ``fitSeconds``).
    package var searchSeconds: Double = 0
    /// With an ``ImportancePlan``: each group's UAR drop (``PermutationImportance``) in each fold, the mean
    /// over that fold's repeats (`[group][fold]`); empty without one.
    package var importance: [[Double]] = []
    /// With an ``ImportancePlan``, for logistic regression only: each feature's cross-entropy rise
    /// (``PermutationImportance/featureRises(_:test:truth:repeats:seed:)``) in each fold (`[feature][fold]`);
    /// empty otherwise.
    package var featureImportance: [[Double]] = []
    /// For the deep models: the epoch (0-based) whose weights each fold kept.
    package var chosenEpochs: [Int] = []
    /// For the deep models: trainable values of the network.
    package var parameterCount: Int?
}

/// k-fold evaluation of several models: per fold, standardise on the training rows only, fit, and
/// predict the test rows. Folds and models run in parallel (`workers` at a time), each fit on a
/// single thread with a seed derived from `seed`, the model and the fold, so results are identical
/// whatever `workers` is.
///
/// With a ``HyperparameterGrid`` this is nested cross-validation (scikit-learn's
/// `cross_val_predict(GridSearchCV(…), X, y, cv=outer)`): in each fold, every searched model first
/// chooses its parameters by a ``GridSearch`` over that fold's training rows alone, then is refitted
/// on all of them with its choice and predicts the test rows, which the choice never saw.
package enum CrossValidation {
    /// Evaluates `kinds` over `plan`'s folds. `grid` (none by default) names the parameters to search;
    /// `speakers`, one per row, are needed when it searches inside a speaker protocol's folds.
    /// `foldFeatures`, when given, holds one matrix per fold that replaces `features` in that fold (and
    /// in its inner search): speaker normalisation decided fold by fold. `importance`, when given, measures
    /// each fold's model on its own test rows with every group shuffled (``PermutationImportance``).
    package static func evaluate(
        _ kinds: [ModelKind], features: Matrix, labels: [Int], classCount: Int, plan: FoldPlan,
        settings: ModelParameters, seed: UInt64, workers: Int, grid: HyperparameterGrid = HyperparameterGrid(),
        speakers: [String] = [], foldFeatures: [Matrix] = [], importance: ImportancePlan? = nil
    ) throws -> [ModelEvaluationResult] {
        precondition(foldFeatures.isEmpty || foldFeatures.count == plan.folds.count, "one matrix per fold")
        try validate(features: features, labels: labels, speakers: speakers)
        for matrix in foldFeatures { try validate(features: matrix, labels: labels, speakers: speakers) }
        let searches = try search(
            kinds, features: features, labels: labels, classCount: classCount, plan: plan, settings: settings,
            seed: seed, workers: workers, grid: grid, speakers: speakers, foldFeatures: foldFeatures)
        let jobs = kinds.flatMap { kind in plan.folds.indices.map { (kind, $0) } }
        let order = jobs.indices.sorted { (jobs[$0].0.startRank, $0) < (jobs[$1].0.startRank, $1) }
        let results = try ParallelJobs.map(count: jobs.count, workers: workers, order: order) {
            index throws(LearnError) in
            let (kind, foldIndex) = jobs[index]
            return try runFold(
                kind, fold: plan.folds[foldIndex],
                features: foldFeatures.isEmpty ? features : foldFeatures[foldIndex], labels: labels,
                classCount: classCount,
                settings: searches[kind]?[foldIndex].candidate.settings ?? settings,
                seed: SeededGenerator.derived(from: seed, kind.seedIndex, UInt64(foldIndex)), importance: importance)
        }
        return kinds.enumerated().map { kindIndex, kind in
            let folds = Array(results[(kindIndex * plan.folds.count)..<((kindIndex + 1) * plan.folds.count)])
            var predictions = [(fold: Int, label: Int, probabilities: [Double])](
                repeating: (-1, -1, []), count: labels.count)
            for (foldIndex, outcome) in folds.enumerated() {
                for (position, row) in plan.folds[foldIndex].test.enumerated() {
                    predictions[row] = (foldIndex, outcome.labels[position], Array(outcome.probabilities.row(position)))
                }
            }
            let tested = predictions.indices.filter { predictions[$0].fold >= 0 }
            return ModelEvaluationResult(
                kind: kind,
                scores: ClassificationScores(
                    truth: tested.map { labels[$0] }, predicted: tested.map { predictions[$0].label },
                    classCount: classCount),
                foldScores: folds.enumerated().map { foldIndex, outcome in
                    ClassificationScores(
                        truth: plan.folds[foldIndex].test.map { labels[$0] }, predicted: outcome.labels,
                        classCount: classCount)
                },
                predictions: predictions, fitSeconds: folds.map(\.fitSeconds).reduce(0, +),
                trainingCurves: folds.compactMap(\.curve),
                chosen: searches[kind]?.map(\.candidate.parameters) ?? [],
                searchSeconds: searches[kind]?.map(\.fitSeconds).reduce(0, +) ?? 0,
                importance: importance.map { plan in
                    plan.groups.indices.map { group in folds.map { $0.importance.isEmpty ? 0 : $0.importance[group] } }
                } ?? [],
                featureImportance: folds.allSatisfy({ $0.featureImportance.count == features.columns })
                    ? (0..<features.columns).map { column in folds.map { $0.featureImportance[column] } } : [])
        }
    }

    /// Throws for data no model can learn from; traps on mismatched shapes.
    static func validate(features: Matrix, labels: [Int], speakers: [String]) throws(LearnError) {
        precondition(features.rows == labels.count, "\(features.rows) rows, \(labels.count) labels")
        precondition(
            speakers.isEmpty || speakers.count == labels.count, "\(speakers.count) speakers for \(labels.count) rows")
        guard features.rows > 0 else { throw LearnError(.tooFewRows, "there are no clips to evaluate") }
        guard features.isFinite else { throw LearnError(.nonFiniteValue, "the features hold NaN or infinite values") }
    }

    /// Each searched kind's choice in every fold, from that fold's training rows only. The inner folds
    /// of a fold are the same for every kind.
    private static func search(
        _ kinds: [ModelKind], features: Matrix, labels: [Int], classCount: Int, plan: FoldPlan,
        settings: ModelParameters, seed: UInt64, workers: Int, grid: HyperparameterGrid, speakers: [String],
        foldFeatures: [Matrix]
    ) throws(LearnError) -> [ModelKind: [GridSearch.Choice]] {
        let searched = ModelKind.allCases.filter { kinds.contains($0) && grid.searches($0) }
        guard !searched.isEmpty else { return [:] }
        let innerFolds = try plan.folds.indices.map { foldIndex throws(LearnError) in
            try GridSearch.folds(
                of: plan.folds[foldIndex].train, labels: labels, speakers: speakers, outer: plan.used, grid: grid,
                seed: GridSearch.chained(seed, GridSearch.salt, UInt64(foldIndex)), context: "fold \(foldIndex + 1)")
        }
        let selections = searched.flatMap { kind in
            plan.folds.indices.map { foldIndex in
                GridSearch.Selection(
                    kind: kind, innerFolds: innerFolds[foldIndex],
                    candidates: grid.candidates(for: kind, base: settings),
                    seed: GridSearch.chained(
                        SeededGenerator.derived(from: seed, kind.seedIndex, UInt64(foldIndex)), GridSearch.salt),
                    context: "fold \(foldIndex + 1)", features: foldFeatures.isEmpty ? nil : foldFeatures[foldIndex])
            }
        }
        let choices = try GridSearch.choose(
            selections, features: features, labels: labels, classCount: classCount, workers: workers)
        var byKind: [ModelKind: [GridSearch.Choice]] = [:]
        for (index, kind) in searched.enumerated() {
            byKind[kind] = Array(choices[(index * plan.folds.count)..<((index + 1) * plan.folds.count)])
        }
        return byKind
    }

    /// What one fit predicted for its fold's test rows.
    struct FoldOutcome: @unchecked Sendable {
        var labels: [Int]
        var probabilities: Matrix
        var fitSeconds: Double
        var curve: (loss: [Double], validation: [Double])?
        /// Each group's UAR drop, the mean over repeats (empty without an importance plan).
        var importance: [Double] = []
        /// Each feature's cross-entropy rise, the mean over repeats (logistic regression with an importance
        /// plan only; empty otherwise).
        var featureImportance: [Double] = []
    }

    /// Standardises on `fold`'s training rows, fits `kind` on them and predicts its test rows.
    static func runFold(
        _ kind: ModelKind, fold: Fold, features: Matrix, labels: [Int], classCount: Int, settings: ModelParameters,
        seed: UInt64, importance: ImportancePlan? = nil
    ) throws(LearnError) -> FoldOutcome {
        let training = features.selecting(rows: fold.train)
        let scaler = Standardizer(fitting: training)
        let start = ThreadClock.seconds()
        do {
            let model = try kind.fit(
                features: scaler.transform(training), labels: fold.train.map { labels[$0] }, classCount: classCount,
                settings: settings, seed: seed)
            let elapsed = ThreadClock.seconds() - start
            let test = scaler.transform(features.selecting(rows: fold.test))
            let predicted = try model.predict(test)
            let network = (model as? NeuralNetwork)?.network
            var drops: [Double] = []
            if let importance, importance.repeats > 0, !fold.test.isEmpty {
                drops = try PermutationImportance.drops(
                    model, test: test, truth: fold.test.map { labels[$0] }, classCount: classCount, plan: importance,
                    seed: SeededGenerator.derived(from: seed, 0x1A7E)
                ).map { $0.reduce(0, +) / Double($0.count) }
            }
            var rises: [Double] = []
            if let importance, importance.repeats > 0, !fold.test.isEmpty, let linear = model as? LogisticRegression {
                rises = PermutationImportance.featureRises(
                    linear, test: test, truth: fold.test.map { labels[$0] }, repeats: importance.repeats,
                    seed: SeededGenerator.derived(from: seed, 0xFEA7))
            }
            return FoldOutcome(
                labels: predicted.labels, probabilities: predicted.probabilities,
                fitSeconds: elapsed,
                curve: network.map { ($0.lossCurve, $0.validationScores) }, importance: drops,
                featureImportance: rises)
        } catch let error as LearnError {
            throw error
        } catch {
            throw LearnError(.libraryFailure, "\(kind.title): \(error)")
        }
    }
}

#if canImport(Glibc)
    import Glibc
#endif

/// CPU time of the calling thread.
enum ThreadClock {
    static func seconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}
