package import Foundation

/// Reading a forest back from `models/rf.json`, checked node by node: a damaged or hostile file gives
/// a one-line ``LearnError`` (`tree 2: node 3's left child 3 is not after it (a tree must not loop)`),
/// never an endless walk, an index out of range or a probability that is not one.
extension DecisionForest {
    /// The forest `json` holds (what `JSONEncoder` wrote from a ``DecisionForest``), checked for
    /// everything that does not depend on the data it will see; ``check(featureCount:classCount:)``
    /// then checks it against the scaler and the labels.
    package static func load(json: Data) throws(LearnError) -> DecisionForest {
        try SavedModelFile.decode(DecisionForest.self, from: json)
    }

    /// Decodes and checks the forest: at least one tree; in each tree the five arrays the same
    /// length; every split's children after it (so every walk ends, at a leaf) and in range, its
    /// feature not negative and its threshold finite; every node `classCount` finite shares, a
    /// leaf's between 0 and 1 and adding up to 1.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let classCount = try container.decode(Int.self, forKey: .classCount)
        guard (2...SavedModelLimits.classes).contains(classCount) else {
            throw LearnError(
                .malformedModel,
                "classCount \(classCount) is out of range (a forest predicts 2 to \(SavedModelLimits.classes) classes)")
        }
        let trees = try container.decode([Tree].self, forKey: .trees)
        guard !trees.isEmpty else { throw LearnError(.malformedModel, "the forest has no trees") }
        for (index, tree) in trees.enumerated() {
            do {
                try tree.check(classCount: classCount)
            } catch {
                throw LearnError(.malformedModel, "tree \(index): \(error.message)")
            }
        }
        self.classCount = classCount
        self.trees = trees
    }

    /// Throws unless the forest takes at most `featureCount` features and predicts `classCount`
    /// classes: what the scaler and the labels saved beside it say.
    package func check(featureCount: Int, classCount: Int) throws(LearnError) {
        guard self.classCount == classCount else {
            throw LearnError(
                .malformedModel, "the forest predicts \(self.classCount) classes, the labels name \(classCount)")
        }
        for (index, tree) in trees.enumerated() {
            for node in tree.feature.indices where tree.feature[node] >= featureCount {
                throw LearnError(
                    .malformedModel,
                    "tree \(index): node \(node) splits on feature \(tree.feature[node]), but the model takes "
                        + "\(featureCount) features (0 to \(featureCount - 1))")
            }
        }
    }
}

extension DecisionForest.Tree {
    /// Throws the first thing wrong with this tree (see ``DecisionForest/init(from:)``).
    func check(classCount: Int) throws(LearnError) {
        let count = feature.count
        guard count > 0 else { throw LearnError(.malformedModel, "the tree has no nodes") }
        for (name, length) in [
            ("threshold", threshold.count), ("left", left.count), ("right", right.count), ("value", value.count),
        ] where length != count {
            throw LearnError(.malformedModel, "'\(name)' has \(length) entries, 'feature' has \(count)")
        }
        for node in 0..<count {
            guard value[node].count == classCount else {
                throw LearnError(
                    .malformedModel, "node \(node) has \(value[node].count) class shares, the forest has \(classCount)"
                )
            }
            guard value[node].allSatisfy(\.isFinite) else {
                throw LearnError(.malformedModel, "node \(node)'s class shares are not all finite numbers")
            }
            if feature[node] == -1 {
                try checkLeaf(node)
            } else {
                try checkSplit(node, count: count)
            }
        }
    }

    private func checkLeaf(_ node: Int) throws(LearnError) {
        guard left[node] == -1, right[node] == -1 else {
            throw LearnError(
                .malformedModel, "node \(node) is a leaf (feature -1) but has children \(left[node]), \(right[node])")
        }
        guard value[node].allSatisfy({ (0...1).contains($0) }),
            abs(value[node].reduce(0, +) - 1) <= 1e-6
        else {
            throw LearnError(
                .malformedModel, "leaf \(node)'s class shares are not between 0 and 1 adding up to 1")
        }
    }

    private func checkSplit(_ node: Int, count: Int) throws(LearnError) {
        guard feature[node] >= 0 else {
            throw LearnError(
                .malformedModel, "node \(node) splits on feature \(feature[node]) (a leaf is -1, a split 0 or more)")
        }
        guard threshold[node].isFinite else {
            throw LearnError(.malformedModel, "node \(node)'s threshold is not a finite number")
        }
        for (side, child) in [("left", left[node]), ("right", right[node])] {
            guard child > node else {
                throw LearnError(
                    .malformedModel, "node \(node)'s \(side) child \(child) is not after it (a tree must not loop)")
            }
            guard child < count else {
                throw LearnError(
                    .malformedModel,
                    "node \(node)'s \(side) child \(child) is out of range (the tree has \(count) nodes)"
                )
            }
        }
    }
}
