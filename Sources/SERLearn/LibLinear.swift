import CLibLinear

/// The only place that calls liblinear (Debian's liblinear 2.3, the library scikit-learn's
/// `LogisticRegression(solver='liblinear')` wraps): one L2-regularised logistic regression
/// (`L2R_LR`, the primal trust-region Newton solver) on a two-class problem.
///
/// As scikit-learn does, the intercept is fitted as one more feature of constant value
/// `intercept_scaling` (1), regularised like the others, and each class's C is `C · class weight`.
/// `L2R_LR` draws no random numbers, so a fit depends on its data and settings only. liblinear's
/// one global is its print callback, set once to drop its progress lines.
enum LibLinear {
    /// scikit-learn's `intercept_scaling`: the value of the constant feature the intercept is the weight of.
    static let interceptScaling = 1.0

    /// Drops liblinear's progress lines; set once, before the first fit.
    private static let silenced: Void = cliblinear_silence()

    /// Fits `features` (rows × columns) against `positive[i]` (true: class +1, else −1) with C `c`
    /// scaled by `positiveWeight` and `negativeWeight`, stopping at liblinear's `eps` `tolerance`.
    /// Returns the weights of the columns and the intercept, oriented so that a positive decision
    /// value means the positive class.
    static func fitBinary(
        _ features: Matrix, positive: [Bool], c: Double, positiveWeight: Double, negativeWeight: Double,
        tolerance: Double
    ) throws(LearnError) -> (weights: [Double], intercept: Double) {
        precondition(features.rows == positive.count, "\(features.rows) rows, \(positive.count) labels")
        _ = silenced
        let columns = features.columns
        // Each row: the features at indices 1…columns, the constant at columns + 1, then the end marker.
        let width = columns + 2
        var nodes = [feature_node](repeating: feature_node(index: -1, value: 0), count: features.rows * width)
        for row in 0..<features.rows {
            for column in 0..<columns {
                nodes[row * width + column] = feature_node(
                    index: Int32(column + 1), value: features[row, column])
            }
            nodes[row * width + columns] = feature_node(index: Int32(columns + 1), value: interceptScaling)
        }
        var targets = positive.map { $0 ? 1.0 : -1.0 }
        var weightLabels: [Int32] = [1, -1]
        var weights = [positiveWeight, negativeWeight]
        let result: Result<(weights: [Double], intercept: Double), LearnError> = nodes.withUnsafeMutableBufferPointer {
            nodes in
            var rows = (0..<features.rows).map { Optional(nodes.baseAddress! + $0 * width) }
            return rows.withUnsafeMutableBufferPointer { rows in
                targets.withUnsafeMutableBufferPointer { targets in
                    weightLabels.withUnsafeMutableBufferPointer { weightLabels in
                        weights.withUnsafeMutableBufferPointer { weights in
                            var data = problem(
                                l: Int32(features.rows), n: Int32(columns + 1), y: targets.baseAddress,
                                x: rows.baseAddress, bias: interceptScaling)
                            var settings = parameter(
                                solver_type: Int32(L2R_LR), eps: tolerance, C: c, nr_weight: 2,
                                weight_label: weightLabels.baseAddress, weight: weights.baseAddress, p: 0.1,
                                init_sol: nil)
                            if let message = check_parameter(&data, &settings) {
                                return .failure(LearnError(.libraryFailure, "liblinear: \(String(cString: message))"))
                            }
                            guard let trained = train(&data, &settings) else {
                                return .failure(LearnError(.libraryFailure, "liblinear: training failed"))
                            }
                            defer {
                                var owned = Optional(trained)
                                free_and_destroy_model(&owned)
                            }
                            // A two-class model's weights are for its first label (liblinear's first
                            // class seen), so they are turned round when that label is −1.
                            let sign = trained.pointee.label[0] == 1 ? 1.0 : -1.0
                            let w = (0...columns).map { sign * trained.pointee.w[$0] }
                            return .success((Array(w[..<columns]), w[columns] * interceptScaling))
                        }
                    }
                }
            }
        }
        return try result.get()
    }
}
