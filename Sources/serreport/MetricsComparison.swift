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
    /// Why the two reports' scores may not compare: other emotions, another number of clips.
    var warnings: [String] = []

    /// Reads `metrics.json` from two report folders (or two metrics files).
    init(a: String, b: String) throws(CellError) {
        let first = try Self.read(a)
        let second = try Self.read(b)
        self.a = a
        self.b = b
        bestA = first.best
        bestB = second.best
        protocolA = "\(first.protocol.used), \(first.protocol.folds) fold\(first.protocol.folds == 1 ? "" : "s")"
        protocolB = "\(second.protocol.used), \(second.protocol.folds) fold\(second.protocol.folds == 1 ? "" : "s")"
        let (labelsA, labelsB) = (Self.labels(first), Self.labels(second))
        if labelsA != labelsB {
            warnings.append(
                "the reports classify different emotions (A: \(labelsA.joined(separator: ", ")); B: "
                    + "\(labelsB.joined(separator: ", "))), so chance differs (\(Self.chance(labelsA)) against "
                    + "\(Self.chance(labelsB))) and their scores are not comparable")
        }
        let (clipsA, clipsB) = (Self.clips(first), Self.clips(second))
        if clipsA != clipsB {
            warnings.append("the reports evaluated different numbers of clips (A: \(clipsA); B: \(clipsB))")
        }
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
        let metrics: MetricsFile
        do {
            metrics = try JSONDecoder.stable.decode(MetricsFile.self, from: data)
        } catch {
            throw CellError(cell: "diff", message: "\(file): not a serreport metrics.json (\(Self.describe(error)))")
        }
        for (name, model) in metrics.models.sorted(by: { $0.key < $1.key }) {
            for (key, value) in [("uar", model.uar), ("accuracy", model.accuracy), ("macro_f1", model.macroF1)]
            where !(value >= 0 && value <= 1) {
                throw CellError(
                    cell: "diff", message: "\(file): models.\(name).\(key) is \(value), not a score from 0 to 1")
            }
        }
        guard metrics.models[metrics.best] != nil else {
            throw CellError(
                cell: "diff",
                message: "\(file): best names '\(PrintedLine.escaped(metrics.best))', which is not one of its models ("
                    + metrics.models.keys.sorted().joined(separator: ", ") + ")")
        }
        return metrics
    }

    /// What a decoding error says, with the key it is about (`models.rf.uar: expected a number`).
    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return error.localizedDescription }
        func path(_ context: DecodingError.Context, _ last: (any CodingKey)? = nil) -> String {
            let keys = context.codingPath + (last.map { [$0] } ?? [])
            return keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context): return "no key \(path(context, key))"
        case .typeMismatch(let type, let context): return "\(path(context)): expected \(type)"
        case .valueNotFound(let type, let context): return "\(path(context)): expected \(type), found null"
        case .dataCorrupted(let context):
            let at = path(context)
            let what = (context.underlyingError as NSError?)?.userInfo["NSDebugDescription"] as? String
            return (at.isEmpty ? "" : at + ": ") + (what ?? context.debugDescription)
        @unknown default: return error.localizedDescription
        }
    }

    /// The emotions a report's models classify, sorted.
    private static func labels(_ metrics: MetricsFile) -> [String] {
        Set(metrics.models.values.flatMap(\.labels)).sorted()
    }

    /// The clips the best model was evaluated on (the sum of its confusion matrix).
    private static func clips(_ metrics: MetricsFile) -> Int {
        metrics.models[metrics.best]?.confusion.joined().reduce(0, +) ?? 0
    }

    /// `1/3 = 0.333`: the UAR of guessing.
    private static func chance(_ labels: [String]) -> String {
        labels.isEmpty ? "–" : String(format: "%.3f", 1 / Double(labels.count))
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
        for warning in warnings {
            lines.append("")
            lines.append("**Warning:** \(warning).")
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
            var warnings: [String]
            enum CodingKeys: String, CodingKey {
                case a, b, models, warnings
                case protocolA = "protocol_a"
                case protocolB = "protocol_b"
                case bestA = "best_a"
                case bestB = "best_b"
            }
        }
        let encoder = JSONEncoder.readable
        let output = Output(
            a: a, b: b, protocolA: protocolA, protocolB: protocolB, bestA: bestA, bestB: bestB, models: models,
            warnings: warnings)
        return String(decoding: (try? encoder.encode(output)) ?? Data(), as: UTF8.self) + "\n"
    }
}
