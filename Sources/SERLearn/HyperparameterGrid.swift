/// The candidate hyper-parameters an inner grid search tries, as scikit-learn's `param_grid` for
/// `GridSearchCV`: every combination of a model's non-empty lists is one candidate, in
/// `ParameterGrid` order (keys sorted, the last varying fastest: `C` outer, `gamma` inner).
///
/// An empty list means "not searched": the value in ``ModelSettings`` is used. A model with no
/// non-empty list is not searched at all, so an empty grid gives exactly the results of no grid.
package struct HyperparameterGrid: Sendable, Equatable, Codable {
    /// SVM `C` values.
    package var svmC: [Double]
    /// SVM `gamma` values; nil is scikit-learn's `'scale'` (as ``ModelSettings/svmGamma``).
    package var svmGamma: [Double?]
    /// Random forest tree counts (`n_estimators`).
    package var forestTrees: [Int]
    /// The inner folds each training set is split into (`cv=` of the inner search).
    package var innerFolds: Int

    package init(svmC: [Double] = [], svmGamma: [Double?] = [], forestTrees: [Int] = [], innerFolds: Int = 3) {
        self.svmC = svmC
        self.svmGamma = svmGamma
        self.forestTrees = forestTrees
        self.innerFolds = innerFolds
    }

    /// Whether this grid gives `kind` more than its fixed settings to choose from.
    package func searches(_ kind: ModelKind) -> Bool {
        switch kind {
        case .svm: !svmC.isEmpty || !svmGamma.isEmpty
        case .rf: !forestTrees.isEmpty
        case .xgb, .mlp: false
        }
    }

    /// One combination of the grid: the settings it fits with and its parameters by scikit-learn's
    /// names (`C`, `gamma`, `n_estimators`), values as the report shows them.
    struct Candidate: Sendable {
        var settings: ModelSettings
        var parameters: [String: String]
    }

    /// `kind`'s candidates in grid order, each `base` with the searched values in place; empty when
    /// `kind` is not searched.
    func candidates(for kind: ModelKind, base: ModelSettings) -> [Candidate] {
        guard searches(kind) else { return [] }
        switch kind {
        case .svm:
            return (svmC.isEmpty ? [base.svmC] : svmC).flatMap { c in
                (svmGamma.isEmpty ? [base.svmGamma] : svmGamma).map { gamma in
                    var settings = base
                    settings.svmC = c
                    settings.svmGamma = gamma
                    return Candidate(
                        settings: settings, parameters: ["C": "\(c)", "gamma": gamma.map { "\($0)" } ?? "scale"])
                }
            }
        case .rf:
            return forestTrees.map { trees in
                var settings = base
                settings.forestTrees = trees
                return Candidate(settings: settings, parameters: ["n_estimators": "\(trees)"])
            }
        case .xgb, .mlp:
            return []
        }
    }
}

extension ModelSettings {
    /// These settings with the fields a grid searches for `kind` taken from `chosen`; the fields of
    /// different kinds do not overlap, so choices for several kinds merge into one settings value.
    func adopting(_ kind: ModelKind, from chosen: ModelSettings) -> ModelSettings {
        var merged = self
        switch kind {
        case .svm:
            merged.svmC = chosen.svmC
            merged.svmGamma = chosen.svmGamma
        case .rf:
            merged.forestTrees = chosen.forestTrees
        case .xgb, .mlp:
            break
        }
        return merged
    }
}
