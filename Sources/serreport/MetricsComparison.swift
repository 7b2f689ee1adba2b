import Foundation
import SERCells
import SERFiles
import SERLearn
import SERNotebook

/// `serreport diff A B`: the metric deltas between two reports' `metrics.json`, per model, as a
/// Markdown table ready for a CI job summary, or as JSON.
struct MetricsComparison: Sendable {
    struct Metric: Codable, Sendable, Equatable {
        var a: Double?
        var b: Double?
        /// `b - a`, when both exist.
        var delta: Double?
    }

    /// The compared metrics, in table order.
    static let metrics = [("uar", "UAR"), ("accuracy", "accuracy"), ("macro_f1", "macro-F1")]

    var a: String
    var b: String
    /// Model short name → metric name → values.
    var models: [String: [String: Metric]]
    var bestA: String
    var bestB: String
    var protocolA: String
    var protocolB: String

    /// Reads `metrics.json` from two report folders (or two metrics files).
    init(a: String, b: String) throws(CellError) {
        let first = try Self.read(a)
        let second = try Self.read(b)
        self.a = a
        self.b = b
        bestA = first.best
        bestB = second.best
        protocolA = "\(first.protocol.used), \(first.protocol.folds) folds"
        protocolB = "\(second.protocol.used), \(second.protocol.folds) folds"
        var models: [String: [String: Metric]] = [:]
        for name in Set(first.models.keys).union(second.models.keys) {
            func values(_ model: MetricsFile.Model?) -> [String: Double] {
                guard let model else { return [:] }
                return ["uar": model.uar, "accuracy": model.accuracy, "macro_f1": model.macroF1]
            }
            let old = values(first.models[name])
            let new = values(second.models[name])
            var metrics: [String: Metric] = [:]
            for (key, _) in Self.metrics {
                metrics[key] = Metric(
                    a: old[key], b: new[key], delta: old[key].flatMap { o in new[key].map { $0 - o } })
            }
            models[name] = metrics
        }
        self.models = models
    }

    private static func read(_ path: String) throws(CellError) -> MetricsFile {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        let file = exists && isDirectory.boolValue ? path + "/metrics.json" : path
        let data: Data
        do {
            // Only a regular file: a named pipe in a report's place would wait for a writer.
            data = try RegularFile.read(file, limit: SavedModelLimits.smallFileBytes)
        } catch {
            throw CellError(cell: "diff", message: "\(file): \(error.reason)")
        }
        do {
            return try JSONDecoder.stable.decode(MetricsFile.self, from: data)
        } catch {
            throw CellError(
                cell: "diff", message: "\(file): not a serreport metrics.json (\(error.localizedDescription))")
        }
    }

    /// Model names in the usual order (rf, xgb, svm, mlp, logreg), then any others.
    private var modelOrder: [String] {
        let usual = ["rf", "xgb", "svm", "mlp", "logreg"]
        return models.keys.sorted { ((usual.firstIndex(of: $0) ?? 99), $0) < ((usual.firstIndex(of: $1) ?? 99), $1) }
    }

    /// A Markdown table: one row per model, each metric as `A → B (±Δ)`.
    var markdown: String {
        func number(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "–" }
        func cell(_ metric: Metric?) -> String {
            guard let metric else { return "–" }
            let delta = metric.delta.map { String(format: " (%+.3f)", $0) } ?? ""
            return "\(number(metric.a)) → \(number(metric.b))\(delta)"
        }
        var lines = [
            "| model | " + Self.metrics.map(\.1).joined(separator: " | ") + " |",
            "|---|" + Self.metrics.map { _ in "---|" }.joined(),
        ]
        for name in modelOrder {
            let marks = (name == bestA ? "ᴬ" : "") + (name == bestB ? "ᴮ" : "")
            lines.append(
                "| \(name)\(marks.isEmpty ? "" : " \(marks)") | "
                    + Self.metrics.map { cell(models[name]?[$0.0]) }.joined(separator: " | ") + " |")
        }
        lines.append("")
        lines.append("A: `\(a)` (\(protocolA)); B: `\(b)` (\(protocolB)). ᴬ/ᴮ: best model by UAR.")
        if protocolA != protocolB {
            lines.append("")
            lines.append("**Warning:** the two reports used different protocols; their scores are not comparable.")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The same as JSON (sorted keys).
    var json: String {
        struct Output: Encodable {
            var a: String
            var b: String
            var protocolA: String
            var protocolB: String
            var bestA: String
            var bestB: String
            var models: [String: [String: Metric]]
            enum CodingKeys: String, CodingKey {
                case a, b, models
                case protocolA = "protocol_a"
                case protocolB = "protocol_b"
                case bestA = "best_a"
                case bestB = "best_b"
            }
        }
        let encoder = JSONEncoder.readable
        let output = Output(
            a: a, b: b, protocolA: protocolA, protocolB: protocolB, bestA: bestA, bestB: bestB, models: models)
        return String(decoding: (try? encoder.encode(output)) ?? Data(), as: UTF8.self) + "\n"
    }
}
