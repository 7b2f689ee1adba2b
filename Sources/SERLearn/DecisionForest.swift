/// Breiman's random forest as scikit-learn's `RandomForestClassifier` grows it: each tree on a
/// bootstrap sample (drawn with replacement, kept as per-row weights), Gini impurity, the best split
/// among √features columns drawn at each node (more if none of them can split), grown until leaves are
/// pure; a forest's probability is the mean of its trees' leaf class shares.
///
/// Written here rather than taken from XGBoost: XGBoost's random-forest mode grows one regression
/// tree per class on the loss gradient (800 deep trees for 100 trees and 8 emotions), which is not
/// Gini CART and fitted 13× slower than scikit-learn on RAVDESS.
///
/// Saved as `models/rf.json`; decoding checks the whole forest (see `DecisionForest+Loading.swift`),
/// so a decoded forest's walk always ends at a leaf with `classCount` shares.
package struct DecisionForest: Sendable, Codable {
    /// One tree as parallel arrays, like scikit-learn's `tree_`: node `i` splits on `feature[i]` at
    /// `threshold[i]` (rows with a value ≤ threshold go `left[i]`, others `right[i]`), or is a leaf
    /// (`feature[i] == -1`) with class shares `value[i]`.
    package struct Tree: Sendable, Codable {
        package var feature: [Int] = []
        package var threshold: [Double] = []
        package var left: [Int] = []
        package var right: [Int] = []
        package var value: [[Double]] = []

        enum CodingKeys: String, CodingKey {
            case feature, threshold, left, right, value
        }
    }

    package let classCount: Int
    package let trees: [Tree]

    enum CodingKeys: String, CodingKey {
        case classCount, trees
    }

    package init(features: Matrix, labels: [Int], classCount: Int, trees count: Int, seed: UInt64) {
        self.classCount = classCount
        let columns = (0..<features.columns).map { column in (0..<features.rows).map { features[$0, column] } }
        let tries = max(1, Int(Double(features.columns).squareRoot()))
        trees = (0..<count).map { index in
            var random = SeededGenerator(seed: SeededGenerator.derived(from: seed, UInt64(index)))
            var weights = [Double](repeating: 0, count: labels.count)
            for _ in 0..<labels.count { weights[Int(random.next() % UInt64(labels.count))] += 1 }
            var builder = TreeBuilder(
                columns: columns, labels: labels, weights: weights, classCount: classCount, tries: tries)
            let rows = weights.indices.filter { weights[$0] > 0 }
            _ = builder.grow(rows, random: &random)
            return builder.tree
        }
    }

    /// The mean of the trees' leaf class shares for each row.
    package func probabilities(_ features: Matrix) -> Matrix {
        var values = [Double](repeating: 0, count: features.rows * classCount)
        for row in 0..<features.rows {
            for tree in trees {
                var node = 0
                while tree.feature[node] >= 0 {
                    node =
                        features[row, tree.feature[node]] <= tree.threshold[node] ? tree.left[node] : tree.right[node]
                }
                for c in 0..<classCount { values[row * classCount + c] += tree.value[node][c] }
            }
        }
        let scale = 1 / Double(max(trees.count, 1))
        return Matrix(rows: features.rows, columns: classCount, values: values.map { $0 * scale })
    }
}

/// Grows one tree depth first.
private struct TreeBuilder {
    let columns: [[Double]]
    let labels: [Int]
    let weights: [Double]
    let classCount: Int
    let tries: Int
    var tree = DecisionForest.Tree()
    /// ``bestSplit``'s rows sorted by one feature, reused.
    var sorted: [(value: Double, row: Int)] = []

    /// Grows the subtree for `rows` and returns its root's index.
    mutating func grow(_ rows: [Int], random: inout SeededGenerator) -> Int {
        var counts = [Double](repeating: 0, count: classCount)
        for row in rows { counts[labels[row]] += weights[row] }
        let node = tree.feature.count
        let total = counts.reduce(0, +)
        tree.feature.append(-1)
        tree.threshold.append(0)
        tree.left.append(-1)
        tree.right.append(-1)
        tree.value.append(counts.map { $0 / max(total, 1e-300) })
        guard rows.count >= 2, counts.filter({ $0 > 0 }).count > 1,
            let split = bestSplit(rows, counts: counts, total: total, random: &random)
        else { return node }
        let goesLeft = rows.map { columns[split.feature][$0] <= split.threshold }
        let leftRows = rows.indices.filter { goesLeft[$0] }.map { rows[$0] }
        let rightRows = rows.indices.filter { !goesLeft[$0] }.map { rows[$0] }
        tree.feature[node] = split.feature
        tree.threshold[node] = split.threshold
        let left = grow(leftRows, random: &random)
        let right = grow(rightRows, random: &random)
        tree.left[node] = left
        tree.right[node] = right
        return node
    }

    /// The split with the largest weighted Gini decrease among `tries` random features (or more, until
    /// one can split), at the midpoint between neighbouring distinct values.
    private mutating func bestSplit(_ rows: [Int], counts: [Double], total: Double, random: inout SeededGenerator)
        -> (feature: Int, threshold: Double)?
    {
        var order = Array(columns.indices)
        order.shuffle(using: &random)
        var best: (feature: Int, threshold: Double, score: Double)?
        let parentSquares = counts.reduce(0) { $0 + $1 * $1 }
        for (visited, feature) in order.enumerated() {
            if visited >= tries && best != nil { break }
            let values = columns[feature]
            // The rows by value, ties in row order (`rows` ascends): what a stable sort of `rows` by
            // value gives, sorted here as contiguous (value, row) pairs, several times faster.
            sorted.removeAll(keepingCapacity: true)
            for row in rows { sorted.append((values[row], row)) }
            sorted.sort { $0.value < $1.value || ($0.value == $1.value && $0.row < $1.row) }
            var left = [Double](repeating: 0, count: classCount)
            var leftTotal = 0.0
            var leftSquares = 0.0
            var rightSquares = parentSquares
            var right = counts
            for position in 0..<(sorted.count - 1) {
                let row = sorted[position].row
                let weight = weights[row]
                let label = labels[row]
                leftSquares += 2 * left[label] * weight + weight * weight
                rightSquares += -2 * right[label] * weight + weight * weight
                left[label] += weight
                right[label] -= weight
                leftTotal += weight
                let here = sorted[position].value
                let next = sorted[position + 1].value
                guard next > here else { continue }
                // Gini decrease up to constants: Σ left² / |left| + Σ right² / |right|.
                let rightTotal = total - leftTotal
                let score = leftSquares / leftTotal + rightSquares / rightTotal
                if best == nil || score > best!.score + 1e-12 {
                    var threshold = (here + next) / 2
                    if threshold >= next { threshold = here }
                    best = (feature, threshold, score)
                }
            }
        }
        guard let best, best.score > parentSquares / total + 1e-12 else { return nil }
        return (best.feature, best.threshold)
    }
}
