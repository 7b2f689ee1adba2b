import Glibc

extension PermutationImportance {
    /// Permutation importance of every single feature for a logistic regression on a held-out fold, as
    /// scikit-learn's `permutation_importance(model, X_test, y_test, scoring="neg_log_loss", n_repeats=…)`:
    /// for each column and repeat the test rows' values of that column are permuted across rows (a seeded
    /// Fisher–Yates shuffle) and the importance is how much the fold's cross-entropy (mean `−log p` of each
    /// clip's true class, `p` clipped at float64's epsilon as `sklearn.metrics.log_loss` does) rises.
    /// Returns one value per column, the mean over repeats.
    ///
    /// Cross-entropy rather than UAR: one feature among hundreds rarely changes a predicted class, so a
    /// UAR drop is mostly 0 and ties; the probability of the true class moves with every shuffle.
    ///
    /// A linear model's decision values move by `(x[π(r), j] − x[r, j]) · w[c, j]` when column `j` is
    /// shuffled, so no prediction is recomputed from scratch: the cost is rows × classes per shuffle, not
    /// rows × features × classes (all columns of a 680-value summary, 3 repeats: a few ms per fold).
    package static func featureRises(
        _ model: LogisticRegression, test: Matrix, truth: [Int], repeats: Int, seed: UInt64
    ) -> [Double] {
        precondition(truth.count == test.rows, "one label per test row")
        let weights = model.weights
        let problems = weights.coef.count
        let rows = test.rows
        var decisions = [Double](repeating: 0, count: rows * problems)
        for row in 0..<rows {
            let x = test.row(row)
            for problem in 0..<problems {
                decisions[row * problems + problem] =
                    zip(weights.coef[problem], x).reduce(0) { $0 + $1.0 * $1.1 } + weights.intercept[problem]
            }
        }
        func crossEntropy(_ shift: (Int, Int) -> Double) -> Double {
            var total = 0.0
            var values = [Double](repeating: 0, count: problems)
            for row in 0..<rows {
                for problem in 0..<problems {
                    values[problem] = decisions[row * problems + problem] + shift(row, problem)
                }
                let p = weights.outcome(values).probabilities[truth[row]]
                total -= log(min(max(p, Double.ulpOfOne), 1 - Double.ulpOfOne))
            }
            return total / Double(max(rows, 1))
        }
        let baseline = crossEntropy { _, _ in 0 }
        var random = SeededGenerator(seed: seed)
        return (0..<test.columns).map { column in
            guard repeats > 0, rows > 1 else { return 0 }
            var rise = 0.0
            for _ in 0..<repeats {
                var order = Array(0..<rows)
                order.shuffle(using: &random)
                rise +=
                    crossEntropy { row, problem in
                        (test[order[row], column] - test[row, column]) * weights.coef[problem][column]
                    } - baseline
            }
            return rise / Double(repeats)
        }
    }
}
