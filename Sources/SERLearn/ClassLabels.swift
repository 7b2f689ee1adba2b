package import Foundation

/// `models/labels.json`: the emotions a report's models predict, in class order (class `i` is
/// `labels[i]`), as a JSON list of strings.
package enum ClassLabels {
    /// The labels `json` holds: at least two and at most ``SavedModelLimits/classes``, none empty and
    /// none twice, or a one-line ``LearnError``.
    package static func load(json: Data) throws(LearnError) -> [String] {
        let labels = try SavedModelFile.decode([String].self, from: json)
        guard labels.count >= 2 else {
            throw LearnError(
                .malformedModel,
                "names \(labels.count) emotion\(labels.count == 1 ? "" : "s"); a model needs at least 2")
        }
        guard labels.count <= SavedModelLimits.classes else {
            throw LearnError(
                .malformedModel, "names \(labels.count) emotions; at most \(SavedModelLimits.classes) are allowed")
        }
        if let empty = labels.firstIndex(where: \.isEmpty) {
            throw LearnError(.malformedModel, "emotion \(empty) is an empty name")
        }
        var seen = Set<String>()
        for label in labels where !seen.insert(label).inserted {
            throw LearnError(
                .malformedModel, "names '\(SavedModelFile.quoted(label))' twice (each class needs its own emotion)")
        }
        return labels
    }
}
