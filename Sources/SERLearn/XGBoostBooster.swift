import CXGBoost
import Foundation

/// The only place that calls XGBoost (Debian's libxgboost 1.7): a multi-class booster trained with
/// `multi:softprob` on single-threaded `hist` trees, so its result depends only on the data, the
/// parameters and the seed, never on the machine's core count. Errors become ``LearnError``s here.
///
/// Not `Sendable`: one per fold and model, used on one thread; the handle is freed in `deinit`.
final class XGBoostBooster {
    private let handle: BoosterHandle
    let classCount: Int

    /// Trains `rounds` boosting iterations on `features` with integer `labels` in `0..<classCount`,
    /// each row weighted by `weights` (nil for 1), with XGBoost `parameters` on top of the fixed ones.
    init(
        features: Matrix, labels: [Int], weights: [Double]?, classCount: Int, rounds: Int,
        parameters: [(String, String)], seed: UInt64
    ) throws {
        precondition(features.rows == labels.count, "\(features.rows) rows, \(labels.count) labels")
        self.classCount = classCount
        let training = try Self.matrix(features)
        defer { cxgboost_matrix_free(training) }
        try Self.check(
            cxgboost_matrix_set_float_info(training, "label", labels.map(Float.init), bst_ulong(labels.count)))
        if let weights {
            try Self.check(
                cxgboost_matrix_set_float_info(training, "weight", weights.map(Float.init), bst_ulong(weights.count)))
        }
        var matrices: [DMatrixHandle?] = [training]
        var created: BoosterHandle?
        try Self.check(cxgboost_booster_create(&matrices, 1, &created))
        guard let created else { throw LearnError(.libraryFailure, "XGBoost: no booster created") }
        handle = created
        let fixed: [(String, String)] = [
            ("objective", "multi:softprob"), ("num_class", "\(classCount)"), ("tree_method", "hist"),
            ("nthread", "1"), ("verbosity", "0"), ("seed", "\(seed % UInt64(Int32.max))"),
        ]
        for (key, value) in fixed + parameters { try Self.check(cxgboost_booster_set_param(handle, key, value)) }
        for round in 0..<rounds { try Self.check(cxgboost_booster_update(handle, Int32(round), training)) }
    }

    /// A booster saved by ``save(to:)``, from the file's bytes: checked first by
    /// ``XGBoostModelJSON/validate(json:featureCount:classCount:)``, then read by XGBoost from these
    /// bytes in memory, so XGBoost reads exactly the checked document.
    init(json: Data, featureCount: Int, classCount: Int) throws(LearnError) {
        try XGBoostModelJSON.validate(json: json, featureCount: featureCount, classCount: classCount)
        self.classCount = classCount
        var created: BoosterHandle?
        try Self.check(cxgboost_booster_create(nil, 0, &created))
        guard let created else { throw LearnError(.libraryFailure, "XGBoost: no booster created") }
        handle = created
        let status = json.withUnsafeBytes { bytes in
            cxgboost_booster_load_buffer(handle, bytes.baseAddress, bst_ulong(bytes.count))
        }
        try Self.check(status)
        try Self.check(cxgboost_booster_set_param(handle, "nthread", "1"))
    }

    deinit { cxgboost_booster_free(handle) }

    /// Class probabilities, one row per row of `features`.
    func probabilities(_ features: Matrix) throws -> Matrix {
        let data = try Self.matrix(features)
        defer { cxgboost_matrix_free(data) }
        var length: bst_ulong = 0
        var result: UnsafePointer<Float>?
        try Self.check(cxgboost_booster_predict(handle, data, 0, 0, 0, &length, &result))
        guard let result, Int(length) == features.rows * classCount else {
            throw LearnError(.libraryFailure, "XGBoost predicted \(length) values for \(features.rows) rows")
        }
        // The buffer belongs to the booster and is overwritten by its next call: copy it now.
        return Matrix(
            rows: features.rows, columns: classCount,
            values: UnsafeBufferPointer(start: result, count: Int(length)).map(Double.init))
    }

    /// Writes the model in XGBoost's JSON format (`xgboost.Booster().load_model(path)` reads it).
    func save(to path: String) throws {
        try Self.check(cxgboost_booster_save(handle, path))
    }

    private static func matrix(_ features: Matrix) throws -> DMatrixHandle {
        var handle: DMatrixHandle?
        let values = features.values.map(Float.init)
        try check(cxgboost_matrix_create(values, bst_ulong(features.rows), bst_ulong(features.columns), .nan, &handle))
        guard let handle else { throw LearnError(.libraryFailure, "XGBoost: no matrix created") }
        return handle
    }

    /// XGBoost's C convention (0, or −1 with `XGBGetLastError`) as a ``LearnError`` of one line.
    private static func check(_ status: Int32) throws(LearnError) {
        guard status != 0 else { return }
        throw LearnError(.libraryFailure, "XGBoost: \(summary(String(cString: cxgboost_last_error())))")
    }

    /// The first line of an XGBoost error without its `[time] file.cc:123: ` prefix (a stack trace
    /// may follow on later lines).
    static func summary(_ message: String) -> String {
        var line = message.split(whereSeparator: \.isNewline).first ?? "failed"
        if line.hasPrefix("["), let end = line.firstIndex(of: "]") {
            line = line[line.index(after: end)...].drop { $0 == " " }
        }
        if let location = line.range(of: #"^\S+:\d+: "#, options: .regularExpression) {
            line = line[location.upperBound...]
        }
        return line.isEmpty ? "failed" : String(line)
    }
}
