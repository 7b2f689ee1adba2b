/// One tree of an XGBoost JSON model, as XGBoost 1.7 writes it: parallel arrays with one entry per
/// node (node 0 the root; a leaf has children −1 and its value in `split_conditions`). Checked by
/// ``check(featureCount:)`` before XGBoost ever walks it (see ``XGBoostModelJSON``).
struct XGBoostTree: Decodable {
    struct Parameters: Decodable {
        let numNodes: String
        let numFeature: String
        let numDeleted: String?
        let sizeLeafVector: String?

        enum CodingKeys: String, CodingKey {
            case numNodes = "num_nodes"
            case numFeature = "num_feature"
            case numDeleted = "num_deleted"
            case sizeLeafVector = "size_leaf_vector"
        }
    }

    let id: Int
    let parameters: Parameters
    let lossChanges: [Double]
    let sumHessian: [Double]
    let baseWeights: [Double]
    let leftChildren: [Int]
    let rightChildren: [Int]
    let parents: [Int]
    let splitIndices: [Int]
    let splitConditions: [Double]
    let defaultLeft: [Int]
    let splitType: [Int]
    let categories: [Int]
    let categoriesNodes: [Int]
    let categoriesSegments: [Int]
    let categoriesSizes: [Int]

    enum CodingKeys: String, CodingKey {
        case id, parents, categories
        case parameters = "tree_param"
        case lossChanges = "loss_changes"
        case sumHessian = "sum_hessian"
        case baseWeights = "base_weights"
        case leftChildren = "left_children"
        case rightChildren = "right_children"
        case splitIndices = "split_indices"
        case splitConditions = "split_conditions"
        case defaultLeft = "default_left"
        case splitType = "split_type"
        case categoriesNodes = "categories_nodes"
        case categoriesSegments = "categories_segments"
        case categoriesSizes = "categories_sizes"
    }

    /// XGBoost's parent of the root (`kInvalidNodeId` with its flag bit cleared).
    static let rootParent = Int(Int32.max)

    /// Throws the first thing wrong with this tree, `node 3's left child 3 is not after it …`.
    func check(featureCount: Int) throws(LearnError) {
        guard let count = Int(parameters.numNodes), count >= 1 else {
            throw LearnError(
                .malformedModel, "tree_param.num_nodes '\(SavedModelFile.quoted(parameters.numNodes))' is not a count")
        }
        guard Int(parameters.numFeature) == featureCount else {
            throw LearnError(
                .malformedModel,
                "tree_param.num_feature is '\(SavedModelFile.quoted(parameters.numFeature))'; the scaler gives "
                    + "\(featureCount)")
        }
        for (key, value) in [("num_deleted", parameters.numDeleted), ("size_leaf_vector", parameters.sizeLeafVector)] {
            guard let value, Int(value) != 0 else { continue }
            throw LearnError(.malformedModel, "tree_param.\(key) is '\(SavedModelFile.quoted(value))'; it must be 0")
        }
        let lengths: [(String, Int)] = [
            ("loss_changes", lossChanges.count), ("sum_hessian", sumHessian.count), ("base_weights", baseWeights.count),
            ("left_children", leftChildren.count), ("right_children", rightChildren.count),
            ("parents", parents.count), ("split_indices", splitIndices.count),
            ("split_conditions", splitConditions.count), ("default_left", defaultLeft.count),
            ("split_type", splitType.count),
        ]
        for (key, length) in lengths where length != count {
            throw LearnError(.malformedModel, "'\(key)' has \(length) entries, num_nodes is \(count)")
        }
        for (key, values) in [
            ("categories", categories), ("categories_nodes", categoriesNodes),
            ("categories_segments", categoriesSegments), ("categories_sizes", categoriesSizes),
        ] where !values.isEmpty {
            throw LearnError(.malformedModel, "'\(key)' is not empty (serreport trains no categorical splits)")
        }
        for (key, values) in [
            ("loss_changes", lossChanges), ("sum_hessian", sumHessian), ("base_weights", baseWeights),
            ("split_conditions", splitConditions),
        ] {
            if let bad = values.firstIndex(where: { !XGBoostModelJSON.Document.isFloat($0) }) {
                throw LearnError(.malformedModel, "\(key)[\(bad)] is not a finite 32-bit number")
            }
        }
        try checkNodes(count: count, featureCount: featureCount)
    }

    /// Children after their parent and in range, each node but the root the child of exactly one
    /// split, `parents` agreeing, features in range, flags 0 or 1, no categorical split.
    private func checkNodes(count: Int, featureCount: Int) throws(LearnError) {
        guard parents[0] == Self.rootParent || parents[0] == -1 else {
            throw LearnError(.malformedModel, "the root's parent is \(parents[0]), not \(Self.rootParent)")
        }
        var parentOf = [Int](repeating: -1, count: count)
        for node in 0..<count {
            guard (0..<featureCount).contains(splitIndices[node]) else {
                throw LearnError(
                    .malformedModel,
                    "node \(node) splits on feature \(splitIndices[node]); the model takes \(featureCount) (0 to "
                        + "\(featureCount - 1))")
            }
            guard defaultLeft[node] == 0 || defaultLeft[node] == 1, splitType[node] == 0 else {
                throw LearnError(
                    .malformedModel, "node \(node)'s default_left or split_type is not 0 or 1 and 0 (a numeric split)")
            }
            let children = (left: leftChildren[node], right: rightChildren[node])
            if children.left == -1 && children.right == -1 { continue }
            for (side, child) in [("left", children.left), ("right", children.right)] {
                guard child > node else {
                    throw LearnError(
                        .malformedModel, "node \(node)'s \(side) child \(child) is not after it (a tree must not loop)")
                }
                guard child < count else {
                    throw LearnError(
                        .malformedModel,
                        "node \(node)'s \(side) child \(child) is out of range (the tree has \(count) nodes)")
                }
                guard parentOf[child] == -1 else {
                    throw LearnError(
                        .malformedModel, "node \(child) is a child of both node \(parentOf[child]) and node \(node)")
                }
                parentOf[child] = node
            }
        }
        for node in 1..<max(count, 1) where parentOf[node] != parents[node] {
            throw LearnError(
                .malformedModel,
                parentOf[node] == -1
                    ? "node \(node) is no split's child (the tree has a stray node)"
                    : "node \(node)'s parent is \(parents[node]), but it is a child of node \(parentOf[node])")
        }
    }
}
