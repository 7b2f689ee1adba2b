import Foundation
import SERNotebook

/// A report folder written before serreport kept a record of its files (`.serreport-files`): its
/// `run.json` says serreport wrote it, and its files are told from the user's by name — the report's
/// own files at the top, figures named `<cell>-<name>.<format>`, and the model files a build writes.
/// Any other file in it is the user's. A folder with a record, or without serreport's run.json, has
/// no former files.
struct FormerReport {
    private let isFormerReport: Bool

    static let topFiles: Set<String> = [
        "index.html", "report.pdf", "features.csv", "metrics.json", "predictions.csv", "run.json",
    ]
    static let modelFiles: Set<String> = [
        "rf.json", "xgb.json", "svm.model", "mlp.json", "scaler.json", "labels.json", "settings.json",
    ]

    init(_ folder: ReportFolder) {
        guard !folder.hasRecord, let data = folder.regularFile("run.json"),
            let run = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else {
            isFormerReport = false
            return
        }
        isFormerReport = run["serreport"] is String && run["cells"] is [Any] && run["report_folder"] is String
    }

    /// Whether serreport wrote the file at `path` (relative to the folder), or left it there as the
    /// temporary file of a write that was interrupted (`report.pdf.4711.tmp`, `.run.json.4711.123.tmp`).
    func owns(_ path: String) -> Bool {
        guard isFormerReport else { return false }
        var parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if let last = parts.last, last.hasSuffix(".tmp") {
            var core = Substring(last.dropLast(4))
            if core.hasPrefix(".") { core = core.dropFirst() }
            var stripped = 0
            while stripped < 2, let dot = core.lastIndex(of: "."), core.index(after: dot) < core.endIndex,
                core[core.index(after: dot)...].allSatisfy(\.isNumber)
            {
                core = core[..<dot]
                stripped += 1
            }
            guard stripped > 0 else { return false }
            parts[parts.count - 1] = String(core)
        }
        switch parts.count {
        case 1: return Self.topFiles.contains(parts[0])
        case 2 where parts[0] == "models": return Self.modelFiles.contains(parts[1])
        case 2 where parts[0] == "figures": return Self.isFigureName(parts[1])
        default: return false
        }
    }

    /// `evaluate-confusion-svm.png`: a cell's name, a dash, lower-case words, a figure format.
    private static func isFigureName(_ name: String) -> Bool {
        let cells = ["load", "process", "extract", "train", "evaluate"]
        let formats = ["png", "svg", "pdf"]
        guard let dot = name.lastIndex(of: "."), formats.contains(String(name[name.index(after: dot)...])),
            let cell = cells.first(where: { name.hasPrefix($0 + "-") })
        else { return false }
        let words = name[name.index(name.startIndex, offsetBy: cell.count + 1)..<dot]
        return !words.isEmpty && words.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_" }
    }
}
