package import Foundation

/// XGBoost's JSON model (`models/xgb.json`), checked before XGBoost reads it. XGBoost 1.7 trusts a
/// model's structure: a child that points back at its parent makes prediction loop forever, a
/// parent or split index out of range reads past its arrays, a `tree_info` shorter than `num_trees`
/// is read past its end. serreport accepts what it saves itself — a `gbtree` booster with the
/// `multi:softprob` objective and numeric splits — and checks all of it:
///
/// - `version` is three integers; `num_class` (model and objective) is the labels' count and
///   `num_feature` (model and every tree) the scaler's; `base_score` is a finite number;
/// - `num_trees` trees, with ids 0…num_trees−1 once each, and as many `tree_info` classes, each in range;
/// - in each tree, `num_nodes` entries in every node array and none in the categorical ones; every
///   split's two children after it and in range, each node the child of exactly one split (so each
///   tree is a tree: every walk ends at a leaf); `parents` agreeing; split features in range; every
///   number finite as a 32-bit float; `num_deleted` 0.
///
/// XGBoost then reads the very bytes that were checked, from memory (`XGBoosterLoadModelFromBuffer`).
/// Any fault is one ``LearnError`` line that says where (`tree 12: node 3's left child 3 is not
/// after it (a tree must not loop)`).
package enum XGBoostModelJSON {
    /// Checks `json` for a model of `classCount` classes on `featureCount` features, as XGBoost will
    /// read it: the document must start with `{` (or XGBoost reads it in its old binary format) and
    /// hold no backslash escape (XGBoost's reader does not decode `\u` escapes, so `"left\u005fchildren"`
    /// would be another key to it than to Foundation); a key given twice counts with its last value,
    /// as in XGBoost's reader and `JSONSerialization`.
    package static func validate(json: Data, featureCount: Int, classCount: Int) throws(LearnError) {
        try SavedModelFile.checkObject(json)
        guard json.first == UInt8(ascii: "{") else {
            throw LearnError(.malformedModel, "does not start with '{' (XGBoost would read it as its binary format)")
        }
        if let escape = json.firstIndex(of: UInt8(ascii: "\\")) {
            throw LearnError(
                .malformedModel,
                "a backslash escape at offset \(escape - json.startIndex) (serreport's XGBoost models have none)")
        }
        // Re-written by JSONSerialization, which keeps a repeated key's last value, as XGBoost does.
        let lastValues: Data
        do {
            lastValues = try JSONSerialization.data(
                withJSONObject: try JSONSerialization.jsonObject(with: json), options: [.sortedKeys])
        } catch {
            throw LearnError(.malformedModel, "not valid JSON (\(SavedModelFile.oneLine("\(error)")))")
        }
        let document = try SavedModelFile.decode(Document.self, from: lastValues)
        try document.check(featureCount: featureCount, classCount: classCount)
    }

    /// The parts of XGBoost's JSON model that XGBoost reads, under its key names.
    struct Document: Decodable {
        struct Learner: Decodable {
            struct ModelParameters: Decodable {
                let baseScore: String
                let numClass: String
                let numFeature: String
                let numTarget: String?

                enum CodingKeys: String, CodingKey {
                    case baseScore = "base_score"
                    case numClass = "num_class"
                    case numFeature = "num_feature"
                    case numTarget = "num_target"
                }
            }
            struct Objective: Decodable {
                struct Softmax: Decodable {
                    let numClass: String
                    enum CodingKeys: String, CodingKey { case numClass = "num_class" }
                }
                let name: String
                let softmax: Softmax?

                enum CodingKeys: String, CodingKey {
                    case name
                    case softmax = "softmax_multiclass_param"
                }
            }
            struct Booster: Decodable {
                struct Model: Decodable {
                    struct Parameters: Decodable {
                        let numTrees: String
                        let numParallelTree: String?
                        let sizeLeafVector: String?

                        enum CodingKeys: String, CodingKey {
                            case numTrees = "num_trees"
                            case numParallelTree = "num_parallel_tree"
                            case sizeLeafVector = "size_leaf_vector"
                        }
                    }
                    let parameters: Parameters
                    let treeInfo: [Int]
                    let trees: [XGBoostTree]

                    enum CodingKeys: String, CodingKey {
                        case parameters = "gbtree_model_param"
                        case treeInfo = "tree_info"
                        case trees
                    }
                }
                let name: String
                let model: Model
            }
            let attributes: [String: String]
            let featureNames: [String]?
            let featureTypes: [String]?
            let booster: Booster
            let parameters: ModelParameters
            let objective: Objective

            enum CodingKeys: String, CodingKey {
                case attributes, objective
                case featureNames = "feature_names"
                case featureTypes = "feature_types"
                case booster = "gradient_booster"
                case parameters = "learner_model_param"
            }
        }
        let learner: Learner
        let version: [Int]

        func check(featureCount: Int, classCount: Int) throws(LearnError) {
            guard version.count == 3 else {
                throw LearnError(.malformedModel, "version has \(version.count) numbers, not 3")
            }
            let parameters = learner.parameters
            try expect("learner_model_param.num_class", parameters.numClass, classCount, "the labels name")
            try expect("learner_model_param.num_feature", parameters.numFeature, featureCount, "the scaler gives")
            guard let base = Double(parameters.baseScore), Self.isFloat(base) else {
                throw LearnError(
                    .malformedModel,
                    "learner_model_param.base_score '\(SavedModelFile.quoted(parameters.baseScore))' "
                        + "is not a finite number")
            }
            if let targets = parameters.numTarget { try expect("learner_model_param.num_target", targets, 1, "") }
            guard learner.objective.name == "multi:softprob", let softmax = learner.objective.softmax
            else {
                throw LearnError(
                    .malformedModel,
                    "objective '\(SavedModelFile.quoted(learner.objective.name))' is not "
                        + "multi:softprob (what serreport trains)")
            }
            try expect("objective.softmax_multiclass_param.num_class", softmax.numClass, classCount, "the labels name")
            guard learner.booster.name == "gbtree" else {
                throw LearnError(
                    .malformedModel,
                    "gradient_booster '\(SavedModelFile.quoted(learner.booster.name))' is "
                        + "not gbtree (what serreport trains)")
            }
            try checkTrees(learner.booster.model, featureCount: featureCount, classCount: classCount)
        }

        private func checkTrees(_ model: Learner.Booster.Model, featureCount: Int, classCount: Int) throws(LearnError) {
            let count = model.trees.count
            guard count > 0 else { throw LearnError(.malformedModel, "the model has no trees") }
            try expect("gbtree_model_param.num_trees", model.parameters.numTrees, count, "'trees' holds")
            if let parallel = model.parameters.numParallelTree {
                try expect("gbtree_model_param.num_parallel_tree", parallel, 1, "")
            }
            if let size = model.parameters.sizeLeafVector {
                try expect("gbtree_model_param.size_leaf_vector", size, 0, "")
            }
            guard model.treeInfo.count == count else {
                throw LearnError(
                    .malformedModel, "tree_info has \(model.treeInfo.count) entries, the model \(count) trees")
            }
            if let bad = model.treeInfo.firstIndex(where: { !(0..<classCount).contains($0) }) {
                throw LearnError(
                    .malformedModel, "tree_info[\(bad)] is class \(model.treeInfo[bad]); the model has \(classCount)")
            }
            var seen = [Bool](repeating: false, count: count)
            for (index, tree) in model.trees.enumerated() {
                guard (0..<count).contains(tree.id), !seen[tree.id] else {
                    throw LearnError(
                        .malformedModel,
                        "tree \(index)'s id \(tree.id) is out of range or taken (ids are 0 to \(count - 1))")
                }
                seen[tree.id] = true
                do {
                    try tree.check(featureCount: featureCount)
                } catch {
                    throw LearnError(.malformedModel, "tree \(index): \(error.message)")
                }
            }
        }

        /// Throws unless the parameter `text` is the integer `value`.
        private func expect(_ key: String, _ text: String, _ value: Int, _ source: String) throws(LearnError) {
            guard Int(text) == value else {
                let what = source.isEmpty ? "serreport's models have \(value)" : "\(source) \(value)"
                throw LearnError(.malformedModel, "\(key) is '\(SavedModelFile.quoted(text))'; \(what)")
            }
        }

        /// Finite as a 32-bit float, as XGBoost stores it.
        static func isFloat(_ value: Double) -> Bool {
            value.isFinite && abs(value) <= Double(Float.greatestFiniteMagnitude)
        }
    }
}
