package import SERSettings

/// `train:` in `serreport.yml`: how clips are split into folds, which models are fitted and with what.
package struct TrainingSettings: SettingGroup, Equatable {
    package var evaluation = EvaluationProtocol.speakerIndependent
    package var folds = 5
    package var seed = 42
    /// The notebook's three (random forest, SVM, MLP) and logistic regression, the linear model the field
    /// pairs with wide feature sets (openSMILE's ComParE baselines). Boosted trees (`xgb`) are a choice, not a
    /// default: on the extended set's ~650 values they cost two thirds of a cold build's training (20 of 28 s of
    /// CPU on RAVDESS 01–12) and score below logistic regression on both shared corpora (Benchmarks/README.md).
    package var models: [ModelKind] = [.rf, .svm, .mlp, .logreg]
    /// Standardise each speaker's features by that speaker's own mean and deviation (no labels used)
    /// before the usual per-fold scaling: always, never, or as each training fold's inner folds decide.
    package var speakerNormalization = SpeakerNormalizationMode.auto
    package var parameters = ModelParameters()
    /// Inner grid search inside each training fold; empty lists search nothing.
    package var search = HyperparameterGrid()
    /// Share of each training fold's speakers (at least one) the deep models early-stop on and fusion chooses
    /// its weights on.
    package var validationSpeakers = 0.2
    /// Shuffles of each feature group per test fold for permutation importance (0: not measured).
    package var importanceRepeats = 3

    package init() {}

    package static let schema = SettingSchema<TrainingSettings>(
        [
            Setting(
                "protocol", \.evaluation,
                "how clips are split into folds: speakers never in two folds, one speaker per fold, random, or one 80/20 split"
            ),
            Setting("folds", \.folds, "folds of the k-fold protocols", allowed: .range(2...100)),
            Setting("seed", \.seed, "seeds every split and every fit", allowed: .range(0...Int(UInt32.max))),
            Setting(
                "models", \.models, "models fitted and compared, by short name",
                allowed: .all(.atLeastOne(), .unique())),
            Setting(
                "speaker_normalization", \.speakerNormalization,
                "z-score each speaker's features by that speaker's own clips before scaling; auto compares on and off on speaker-grouped inner folds of each training fold (SVM) and applies it for a gain beyond chance"
            ),
            Setting(
                "importance_repeats", \.importanceRepeats,
                "shuffles of each feature group (and, for logreg, of each feature) in each test fold for permutation importance (the UAR each group carries); 0 measures none",
                allowed: .range(0...100)),
            Setting(
                "validation_speakers", \.validationSpeakers,
                "share of each training fold's speakers (at least one) held out: the deep models early-stop on them, fusion chooses its weights on them",
                allowed: .range(0, 1, includingLower: false, includingUpper: false)),
            Nested("rf", \.parameters.rf),
            Nested("xgb", \.parameters.xgb),
            Nested("svm", \.parameters.svm),
            Nested("mlp", \.parameters.mlp),
            Nested("logreg", \.parameters.logreg),
            Nested("gru", \.parameters.gru),
            Nested("cnn", \.parameters.cnn),
            Nested("search", \.search),
        ],
        rules: [
            // A grid for a model that is not trained would be dropped without a word.
            Rule("search.svm") { (settings: TrainingSettings) -> String? in
                let grid = !settings.search.svmC.isEmpty || !settings.search.svmGamma.isEmpty
                guard grid, !settings.models.contains(.svm) else { return nil }
                return "a grid for svm, which train.models does not train; add svm to train.models or empty the grid"
            },
            Rule("models") { (settings: TrainingSettings) -> String? in
                guard settings.models.contains(.fusion), settings.models.filter({ $0 != .fusion }).count < 2 else {
                    return nil
                }
                return "fusion combines the other models' probabilities: list at least two others in train.models"
            },
            Rule("search.rf.n_estimators") { (settings: TrainingSettings) -> String? in
                guard !settings.search.forestTrees.isEmpty, !settings.models.contains(.rf) else { return nil }
                return "a grid for rf, which train.models does not train; add rf to train.models or empty the grid"
            },
        ])
}
