import CLibSVM
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The only place that calls libsvm (Debian's libsvm 3.24, the library scikit-learn's `SVC` wraps):
/// a C-SVC with an RBF kernel and Platt-scaled probability estimates.
///
/// libsvm's probability calibration draws from the C library's `rand()`, which is process-wide, so
/// training is serialised by ``trainingLock`` and `rand` is seeded right before each fit: the same
/// data and seed give the same model whatever else runs. Prediction needs no lock.
///
/// Not `Sendable`: one per fold, used on one thread. The model points into ``nodes``, which lives as
/// long as it does. A saved model is read back only through ``validate(text:)`` (`LibSVMModelText.swift`).
package final class LibSVMModel {
    private var model: UnsafeMutablePointer<svm_model>?
    /// The training rows as libsvm nodes (index, value), each row ended by index −1.
    private let nodes: UnsafeMutablePointer<svm_node>
    private let rows: UnsafeMutablePointer<UnsafeMutablePointer<svm_node>?>
    let classCount: Int

    /// Serialises `svm_train`, which uses the process-wide `rand()`.
    private static let trainingLock = Mutex(())
    /// Serialises `svm_load_model`, which reads through a process-wide line buffer.
    private static let loadingLock = Mutex(())

    /// Trains on `features` with labels `0..<classCount`; `classWeights[c]` multiplies C for class `c`.
    init(
        features: Matrix, labels: [Int], classCount: Int, c: Double, gamma: Double, classWeights: [Double]?,
        seed: UInt64
    ) throws {
        precondition(features.rows == labels.count, "\(features.rows) rows, \(labels.count) labels")
        self.classCount = classCount
        let width = features.columns + 1
        nodes = .allocate(capacity: features.rows * width)
        rows = .allocate(capacity: features.rows)
        for row in 0..<features.rows {
            let start = nodes + row * width
            for column in 0..<features.columns {
                start[column] = svm_node(index: Int32(column + 1), value: features[row, column])
            }
            start[features.columns] = svm_node(index: -1, value: 0)
            rows[row] = start
        }
        // Up to `precomputedLimit` rows, libsvm trains on the RBF kernel matrix computed here with one
        // BLAS product (kernel lookups instead of sparse dot products: about 3× faster); the trained
        // model is then turned back into an ordinary RBF model over the dense rows, which is what is
        // saved and used for prediction.
        let precomputed = features.rows <= Self.precomputedLimit ? Self.kernelRows(features, gamma: gamma) : nil
        defer { precomputed?.nodes.deallocate() }
        defer { precomputed?.rows.deallocate() }
        var targets = labels.map(Double.init)
        // Weights only for the classes present: libsvm ignores the others but says so on stderr (a
        // training set without a class happens in speaker-grouped folds of a confounded corpus).
        let present = Set(labels)
        let weighted = (0..<classCount).filter { present.contains($0) }
        var weightLabels = weighted.map(Int32.init)
        var weights = weighted.map { classWeights?[$0] ?? 1 }
        var parameter = svm_parameter()
        parameter.svm_type = Int32(C_SVC)
        parameter.kernel_type = precomputed == nil ? Int32(RBF) : Int32(PRECOMPUTED)
        parameter.gamma = gamma
        parameter.cache_size = 200
        parameter.eps = 1e-3
        parameter.C = c
        parameter.shrinking = 1
        parameter.probability = 1
        parameter.nr_weight = Int32(weighted.count)
        let rows = precomputed?.rows ?? self.rows
        let trained = targets.withUnsafeMutableBufferPointer { targets in
            weightLabels.withUnsafeMutableBufferPointer { weightLabels in
                weights.withUnsafeMutableBufferPointer { weights in
                    parameter.weight_label = weightLabels.baseAddress
                    parameter.weight = weights.baseAddress
                    var problem = svm_problem(l: Int32(labels.count), y: targets.baseAddress, x: rows)
                    if let message = svm_check_parameter(&problem, &parameter) {
                        return (model: UnsafeMutablePointer<svm_model>?.none, error: String(cString: message))
                    }
                    let model = Self.trainingLock.withLock { _ in
                        clibsvm_silence()
                        clibsvm_seed(UInt32(truncatingIfNeeded: seed))
                        return UncheckedSendable(svm_train(&problem, &parameter))
                    }.value
                    // The model keeps a copy of the parameters, weights included; it never reads them again.
                    model?.pointee.param.weight_label = nil
                    model?.pointee.param.weight = nil
                    model?.pointee.param.nr_weight = 0
                    return (model: model, error: "training failed")
                }
            }
        }
        guard let model = trained.model else {
            nodes.deallocate()
            self.rows.deallocate()
            throw LearnError(.libraryFailure, "libsvm: \(trained.error)")
        }
        if precomputed != nil {
            // Support vector k is training row sv_indices[k] (1-based): point it at that dense row.
            for k in 0..<Int(model.pointee.l) {
                model.pointee.SV[k] = self.rows[Int(model.pointee.sv_indices[k]) - 1]
            }
            model.pointee.param.kernel_type = Int32(RBF)
            model.pointee.param.gamma = gamma
        }
        self.model = model
    }

    /// A model from libsvm's model text (what ``save(to:)`` writes), checked in full by
    /// ``validate(text:)`` and against the `featureCount` features and `classCount` classes the
    /// scaler and labels beside it give; libsvm then reads these very bytes, never the file again.
    init(text: String, featureCount: Int, classCount: Int) throws(LearnError) {
        let summary = try Self.validate(text: text)
        guard summary.classCount == classCount else {
            throw LearnError(
                .malformedModel, "nr_class is \(summary.classCount), the labels name \(classCount) classes")
        }
        guard summary.largestFeatureIndex <= featureCount else {
            throw LearnError(
                .malformedModel,
                "a support vector has feature index \(summary.largestFeatureIndex), but the model takes "
                    + "\(featureCount) features (1 to \(featureCount))")
        }
        var failure: Int32 = 0
        let loaded = Self.loadingLock.withLock { _ in
            var text = text
            return text.withUTF8 { bytes in
                UncheckedSendable(
                    bytes.withMemoryRebound(to: CChar.self) {
                        clibsvm_load_model_text($0.baseAddress, $0.count, &failure)
                    })
            }
        }.value
        guard let loaded else {
            let reason = failure == 0 ? "libsvm refused it" : String(cString: strerror(failure))
            throw LearnError(.libraryFailure, "libsvm: cannot hand the checked model text to libsvm (\(reason))")
        }
        self.classCount = classCount
        nodes = .allocate(capacity: 1)
        rows = .allocate(capacity: 1)
        model = loaded
    }

    /// The most rows trained on a precomputed kernel matrix (its nodes take 16 · rows² bytes).
    static let precomputedLimit = 4000

    /// libsvm's precomputed-kernel rows: `0:i+1` then `K(x_i, x_j)` for every `j`, ended by −1, with
    /// `K = exp(−γ‖x_i − x_j‖²)` from `‖x_i‖² + ‖x_j‖² − 2 x_i·x_j`, as libsvm's own RBF computes it.
    private static func kernelRows(_ features: Matrix, gamma: Double)
        -> (nodes: UnsafeMutablePointer<svm_node>, rows: UnsafeMutablePointer<UnsafeMutablePointer<svm_node>?>)
    {
        let n = features.rows
        var gram = [Double](repeating: 0, count: n * n)
        features.values.withUnsafeBufferPointer { x in
            gram.withUnsafeMutableBufferPointer { g in
                BLAS.gemm(
                    x.baseAddress!, transposeA: false, x.baseAddress!, transposeB: true, g.baseAddress!, m: n, n: n,
                    k: features.columns)
            }
        }
        let squares = (0..<n).map { row in features.row(row).reduce(0) { $0 + $1 * $1 } }
        let width = n + 2
        let nodes = UnsafeMutablePointer<svm_node>.allocate(capacity: n * width)
        let rows = UnsafeMutablePointer<UnsafeMutablePointer<svm_node>?>.allocate(capacity: n)
        for i in 0..<n {
            let start = nodes + i * width
            start[0] = svm_node(index: 0, value: Double(i + 1))
            for j in 0..<n {
                let distance = squares[i] + squares[j] - 2 * gram[i * n + j]
                start[j + 1] = svm_node(index: Int32(j + 1), value: exp(-gamma * distance))
            }
            start[n + 1] = svm_node(index: -1, value: 0)
            rows[i] = start
        }
        return (nodes, rows)
    }

    deinit {
        svm_free_and_destroy_model(&model)
        nodes.deallocate()
        rows.deallocate()
    }

    /// libsvm's predicted class (one-vs-one votes, as `SVC.predict`) and its class probabilities
    /// (as `SVC.predict_proba`) for each row.
    func predict(_ features: Matrix) -> (labels: [Int], probabilities: Matrix) {
        guard let model else { return ([], Matrix(rows: 0, columns: classCount, values: [])) }
        // libsvm orders probabilities by its own label list (first-seen order); map back to 0..<classCount.
        let order = (0..<Int(model.pointee.nr_class)).map { Int(model.pointee.label[$0]) }
        var probabilities = [Double](repeating: 0, count: features.rows * classCount)
        if let prediction = prediction(featureCount: features.columns) {
            let predicted = prediction.predict(features)
            for (index, estimates) in predicted.probabilities.enumerated() {
                for (position, classIndex) in order.enumerated() {
                    probabilities[index * classCount + classIndex] = estimates[position]
                }
            }
            return (predicted.labels, Matrix(rows: features.rows, columns: classCount, values: probabilities))
        }
        return libraryPrediction(features)
    }

    /// ``predict(_:)`` through libsvm's own `svm_predict` and `svm_predict_probability`.
    func libraryPrediction(_ features: Matrix) -> (labels: [Int], probabilities: Matrix) {
        guard let model else { return ([], Matrix(rows: 0, columns: classCount, values: [])) }
        let order = (0..<Int(model.pointee.nr_class)).map { Int(model.pointee.label[$0]) }
        var probabilities = [Double](repeating: 0, count: features.rows * classCount)
        var labels: [Int] = []
        var row = [svm_node](repeating: svm_node(index: -1, value: 0), count: features.columns + 1)
        var estimates = [Double](repeating: 0, count: order.count)
        for index in 0..<features.rows {
            for column in 0..<features.columns {
                row[column] = svm_node(index: Int32(column + 1), value: features[index, column])
            }
            _ = svm_predict_probability(model, row, &estimates)
            labels.append(Int(svm_predict(model, row)))
            for (position, classIndex) in order.enumerated() {
                probabilities[index * classCount + classIndex] = estimates[position]
            }
        }
        return (labels, Matrix(rows: features.rows, columns: classCount, values: probabilities))
    }

    /// The model's one-vs-one decision functions, copied out of libsvm's struct for ``SupportVectorVotes``
    /// (nil for a model without support vectors or a kernel other than RBF).
    func votes(featureCount: Int) -> SupportVectorVotes? {
        guard let model, model.pointee.param.kernel_type == Int32(RBF) else { return nil }
        let m = model.pointee
        let l = Int(m.l)
        let classes = Int(m.nr_class)
        guard l > 0, classes >= 2 else { return nil }
        var vectors = [Double](repeating: 0, count: l * featureCount)
        for k in 0..<l {
            guard var node = m.SV[k] else { return nil }
            while node.pointee.index != -1 {
                let column = Int(node.pointee.index) - 1
                if column >= 0 && column < featureCount { vectors[k * featureCount + column] = node.pointee.value }
                node += 1
            }
        }
        return SupportVectorVotes(
            gamma: m.param.gamma, supportVectors: Matrix(rows: l, columns: featureCount, values: vectors),
            counts: (0..<classes).map { Int(m.nSV[$0]) },
            coefficients: (0..<(classes - 1)).map { row in (0..<l).map { m.sv_coef[row]![$0] } },
            rho: (0..<(classes * (classes - 1) / 2)).map { m.rho[$0] },
            labels: (0..<classes).map { Int(m.label[$0]) })
    }

    /// The same predictions as libsvm's, each kernel value computed once (``SupportVectorPrediction``); nil
    /// where libsvm's own calls are used instead: a model without Platt scaling, or one
    /// ``votes(featureCount:)`` cannot copy.
    private func prediction(featureCount: Int) -> SupportVectorPrediction? {
        guard let model, let votes = votes(featureCount: featureCount), let a = model.pointee.probA,
            let b = model.pointee.probB
        else { return nil }
        let pairs = votes.rho.count
        return SupportVectorPrediction(
            votes: votes, probabilityA: (0..<pairs).map { a[$0] }, probabilityB: (0..<pairs).map { b[$0] })
    }

    /// Writes the model as libsvm's model text (`svmutil.svm_load_model(path)` reads it).
    func save(to path: String) throws {
        guard svm_save_model(path, model) == 0 else {
            throw LearnError(.libraryFailure, "libsvm: cannot write \(path)")
        }
    }
}

/// Carries a C pointer out of a `Mutex` closure; the pointer is used on this thread only.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
