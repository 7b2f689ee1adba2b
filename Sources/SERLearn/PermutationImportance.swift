/// Columns that are permuted together: one feature group (`mfcc`, `pitch`, …) of the summary.
package struct ColumnGroup: Sendable, Equatable {
    package var name: String
    package var columns: [Int]

    package init(name: String, columns: [Int]) {
        self.name = name
        self.columns = columns
    }
}

/// What permutation importance is asked for: the groups, and how many shuffles of each per fold.
package struct ImportancePlan: Sendable {
    package var groups: [ColumnGroup]
    package var repeats: Int

    package init(groups: [ColumnGroup], repeats: Int) {
        self.groups = groups
        self.repeats = repeats
    }
}

/// Permutation importance of feature groups on a held-out fold: scikit-learn's
/// `permutation_importance(model, X_test, y_test, scoring="balanced_accuracy", n_repeats=…)` with the
/// columns of a group shuffled together (one row permutation for the whole group, so what the group's
/// values say jointly is what is removed), nkululeko's per-group view of it.
///
/// For each group and repeat the test rows' values of the group's columns are permuted across rows (a
/// seeded Fisher–Yates shuffle), the fitted model predicts again, and the importance is the fold's UAR
/// minus the UAR on the shuffled rows: how much recognition rests on that group. It can be negative
/// (the group only added noise for these clips).
package enum PermutationImportance {
    /// The UAR drop of each group (outer index) in each repeat (inner index) for `model` on `test`
    /// (standardised as the model was trained) with true labels `truth`.
    package static func drops(
        _ model: any TrainedClassifier, test: Matrix, truth: [Int], classCount: Int, plan: ImportancePlan,
        seed: UInt64
    ) throws -> [[Double]] {
        precondition(truth.count == test.rows, "one label per test row")
        let baseline = ClassificationScores(
            truth: truth, predicted: try model.predict(test).labels, classCount: classCount
        ).uar
        var random = SeededGenerator(seed: seed)
        return try plan.groups.map { group in
            try (0..<plan.repeats).map { _ in
                var order = Array(0..<test.rows)
                order.shuffle(using: &random)
                var shuffled = test
                for (row, source) in order.enumerated() {
                    for column in group.columns { shuffled[row, column] = test[source, column] }
                }
                let predicted = try model.predict(shuffled).labels
                return baseline - ClassificationScores(truth: truth, predicted: predicted, classCount: classCount).uar
            }
        }
    }
}
