package import SERSettings

/// The candidate hyper-parameters an inner grid search tries, as scikit-learn's `param_grid` for
/// `GridSearchCV`: every combination of a model's non-empty lists is one candidate, in
/// `ParameterGrid` order (keys sorted, the last varying fastest: `C` outer, `gamma` inner).
///
/// An empty list means "not searched": the value in ``ModelParameters`` is used. A model with no
/// non-empty list is not searched at all, so an empty grid gives exactly the results of no grid.
package struct HyperparameterGrid: SettingGroup, Equatable {
    /// SVM `C` values.
    package var svmC: [Double] = []
    /// SVM `gamma` values.
    package var svmGamma: [SVMGamma] = []
    /// Random forest tree counts (`n_estimators`).
    package var forestTrees: [Int] = []
    /// The inner folds each training set is split into (`cv=` of the inner search).
    package var innerFolds = 3

    package init() {}

    /// A grid of the given lists (empty: not searched), with the default inner folds unless given.
    package init(svmC: [Double] = [], svmGamma: [SVMGamma] = [], forestTrees: [Int] = [], innerFolds: Int? = nil) {
        self.init()
        self.svmC = svmC
        self.svmGamma = svmGamma
        self.forestTrees = forestTrees
        if let innerFolds { self.innerFolds = innerFolds }
    }

    package static let schema = SettingSchema<HyperparameterGrid>([
        Setting(
            "inner_folds", \.innerFolds, "inner folds of each training fold the search scores on (cv)",
            allowed: .range(2...20)),
        Section(
            "svm",
            [
                Setting(
                    "C", \.svmC, "C values tried, e.g. [0.1, 1, 10]; [] searches none",
                    allowed: .each(.range(0, 1e6, includingLower: false))),
                Setting(
                    "gamma", \.svmGamma, "gamma values tried, e.g. [scale, 0.001, 0.01]", allowed: .each(.positive)),
            ]),
        Section(
            "rf",
            [
                Setting(
                    "n_estimators", \.forestTrees, "tree counts tried, e.g. [100, 300]",
                    allowed: .each(.range(1...5000)))
            ]),
    ])

    /// Whether this grid gives `kind` more than its fixed settings to choose from.
    package func searches(_ kind: ModelKind) -> Bool {
        switch kind {
        case .svm: !svmC.isEmpty || !svmGamma.isEmpty
        case .rf: !forestTrees.isEmpty
        case .xgb, .mlp, .logreg, .gru, .fusion, .cnn: false
        }
    }

    /// One combination of the grid: the settings it fits with and its parameters by scikit-learn's
    /// names (`C`, `gamma`, `n_estimators`), values as the report shows them.
    struct Candidate: Sendable {
        var settings: ModelParameters
        var parameters: [String: String]
    }

    /// `kind`'s candidates in grid order, each `base` with the searched values in place; empty when
    /// `kind` is not searched.
    func candidates(for kind: ModelKind, base: ModelParameters) -> [Candidate] {
        guard searches(kind) else { return [] }
        switch kind {
        case .svm:
            return (svmC.isEmpty ? [base.svm.c] : svmC).flatMap { c in
                (svmGamma.isEmpty ? [base.svm.gamma] : svmGamma).map { gamma in
                    var settings = base
                    settings.svm.c = c
                    settings.svm.gamma = gamma
                    return Candidate(settings: settings, parameters: ["C": "\(c)", "gamma": gamma.text])
                }
            }
        case .rf:
            return forestTrees.map { trees in
                var settings = base
                settings.rf.nEstimators = trees
                return Candidate(settings: settings, parameters: ["n_estimators": "\(trees)"])
            }
        case .xgb, .mlp, .logreg, .gru, .fusion, .cnn:
            return []
        }
    }
}

extension ModelParameters {
    /// These settings with the fields a grid searches for `kind` taken from `chosen`; the fields of
    /// different kinds do not overlap, so choices for several kinds merge into one settings value.
    func adopting(_ kind: ModelKind, from chosen: ModelParameters) -> ModelParameters {
        var merged = self
        switch kind {
        case .svm:
            merged.svm.c = chosen.svm.c
            merged.svm.gamma = chosen.svm.gamma
        case .rf:
            merged.rf.nEstimators = chosen.rf.nEstimators
        case .xgb, .mlp, .logreg, .gru, .fusion, .cnn:
            break
        }
        return merged
    }
}
