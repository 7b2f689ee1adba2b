package import Foundation

/// Late fusion (the `fusion` model): a weighted mean of several models' class probabilities, the weights
/// chosen on clips none of the models trained on. As scikit-learn's `VotingClassifier(voting='soft',
/// weights=…)` with the weights searched: every weighting on a grid of the simplex (steps of a tenth; a fifth
/// beyond six models) is scored by the class-weighted cross-entropy of its fused probabilities on those clips,
/// and the lowest wins (the first in grid order on a tie, equal weights coming before any other mix of the
/// same models). Cross-entropy rather than UAR: smoother over so few clips, and it rewards calibrated
/// confidence, which is what a weighted mean of probabilities combines.
package enum LateFusion {
    /// Weights for the models whose probabilities on the same clips `probabilities` holds
    /// (`[model][clip][class]`), given the clips' `labels`.
    package static func weights(_ probabilities: [[[Double]]], labels: [Int], classCount: Int) -> [Double] {
        let models = probabilities.count
        precondition(models >= 1 && probabilities.allSatisfy { $0.count == labels.count }, "one row per clip")
        guard models > 1, !labels.isEmpty else { return [Double](repeating: 1 / Double(models), count: models) }
        let steps = models <= 6 ? 10 : 5
        let classWeights = balanced(labels, classCount: classCount)
        var best: (loss: Double, weights: [Int]) = (.infinity, [])
        // Equal weights first (where the grid holds them), then every composition of `steps`.
        var candidates: [[Int]] = []
        if steps % models == 0 { candidates.append([Int](repeating: steps / models, count: models)) }
        compositions(of: steps, into: models) { candidates.append($0) }
        for candidate in candidates {
            var loss = 0.0
            var total = 0.0
            for (clip, label) in labels.enumerated() {
                var p = 0.0
                for m in 0..<models where candidate[m] > 0 {
                    p += Double(candidate[m]) / Double(steps) * probabilities[m][clip][label]
                }
                loss -= classWeights[label] * Foundation.log(max(p, 1e-12))
                total += classWeights[label]
            }
            loss /= max(total, 1e-300)
            if loss < best.loss { best = (loss, candidate) }
        }
        return best.weights.map { Double($0) / Double(steps) }
    }

    /// The weighted mean of `probabilities` (`[model][clip][class]`), `[clip][class]`.
    package static func fuse(_ probabilities: [[[Double]]], weights: [Double]) -> [[Double]] {
        precondition(probabilities.count == weights.count, "one weight per model")
        guard let first = probabilities.first else { return [] }
        return first.indices.map { clip in
            first[clip].indices.map { k in
                zip(probabilities, weights).reduce(0) { $0 + $1.1 * $1.0[clip][k] }
            }
        }
    }

    /// `n / (classes · count_c)` per class (scikit-learn's `balanced`), 0 for a class without clips.
    static func balanced(_ labels: [Int], classCount: Int) -> [Double] {
        var counts = [Int](repeating: 0, count: classCount)
        for label in labels where (0..<classCount).contains(label) { counts[label] += 1 }
        return counts.map { $0 > 0 ? Double(labels.count) / Double(classCount * $0) : 0 }
    }

    /// Every way of writing `total` as `parts` whole numbers ≥ 0, in lexicographic order from the last part
    /// up (`[total, 0, …]` first).
    static func compositions(of total: Int, into parts: Int, _ body: ([Int]) -> Void) {
        var current = [Int](repeating: 0, count: parts)
        func place(_ index: Int, _ remaining: Int) {
            if index == parts - 1 {
                current[index] = remaining
                body(current)
                return
            }
            for value in stride(from: remaining, through: 0, by: -1) {
                current[index] = value
                place(index + 1, remaining - value)
            }
        }
        place(0, total)
    }
}

/// `models/fusion.json`: the models fused and the weight of each, by short name, in the order the settings list
/// them.
package struct FusionWeights: Codable, Sendable, Equatable {
    package var models: [ModelKind]
    package var weights: [Double]

    package init(models: [ModelKind], weights: [Double]) {
        self.models = models
        self.weights = weights
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        models = try container.decode([ModelKind].self, forKey: .models)
        weights = try container.decode([Double].self, forKey: .weights)
        try check()
    }

    /// The weights `json` holds, checked; any fault is one ``LearnError`` line.
    package static func load(json: Data) throws(LearnError) -> FusionWeights {
        try SavedModelFile.decode(FusionWeights.self, from: json)
    }

    /// Throws unless there is one finite weight from 0 to 1 per model, at least two models, none of them
    /// `fusion` or named twice, and the weights add up to 1.
    package func check() throws(LearnError) {
        guard models.count >= 2, models.count == weights.count else {
            throw LearnError(
                .malformedModel,
                "fusion.json names \(models.count) models with \(weights.count) weights (at least 2, one each)")
        }
        guard !models.contains(.fusion), Set(models).count == models.count else {
            throw LearnError(.malformedModel, "fusion.json names a model twice, or itself")
        }
        guard weights.allSatisfy({ $0.isFinite && $0 >= 0 && $0 <= 1 }), abs(weights.reduce(0, +) - 1) < 1e-6 else {
            throw LearnError(.malformedModel, "fusion.json's weights must be from 0 to 1 and add up to 1")
        }
    }
}

/// The `fusion` model as a ``TrainedClassifier``: its weights only; the caller runs the fused models and
/// combines their probabilities (``LateFusion/fuse(_:weights:)``).
package final class FusionClassifier: TrainedClassifier {
    package let kind = ModelKind.fusion
    package let fusion: FusionWeights

    package init(_ fusion: FusionWeights) { self.fusion = fusion }

    package func predict(_ features: Matrix) throws -> (labels: [Int], probabilities: Matrix) {
        throw LearnError(.needsFrames, "fusion combines other models' probabilities; run those models first")
    }

    package func save(to path: String) throws {}
}
