import Foundation
import SERLearn
import Testing

/// The parsers of saved models, called on damaged bytes the way a fuzz target calls them: each
/// fault is a ``LearnError`` of one line saying where and why — never a trap, a loop or a library
/// reading past its input (issue 12).
@Suite("Hostile: model parsers")
struct HostileModelParserTests {
    let saved: SavedModels

    init() throws { saved = try SavedModels.shared.get() }

    /// `body` throws a malformed-model error whose one-line message contains `reason`.
    func refuses(
        _ reason: String, sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () throws -> Void
    ) {
        do {
            try body()
            Issue.record("accepted; expected an error containing '\(reason)'", sourceLocation: sourceLocation)
        } catch let error as LearnError {
            #expect(error.code == .malformedModel, "\(error)", sourceLocation: sourceLocation)
            #expect(error.message.contains(reason), "\(error.message)", sourceLocation: sourceLocation)
            #expect(!error.message.contains("\n"), "\(error.message)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("not a LearnError: \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test("every saved model reads back and predicts as it did when fitted")
    func roundTrip() throws {
        for kind in ModelKind.clipModels {
            let loaded = try SavedModels.load(kind, saved.files[kind]!)
            let probabilities = try loaded.predict(saved.test).probabilities
            let fitted = saved.probabilities[kind]!
            let largest = zip(probabilities.values, fitted.values).map { abs($0 - $1) }.max() ?? 0
            #expect(largest < 1e-6, "\(kind.title) differs by \(largest)")
        }
    }

    @Test("libsvm text cut short anywhere is refused by line, never handed to libsvm")
    func libsvmCutAnywhere() {
        let text = saved.text(.svm)
        let bytes = Array(text.utf8)
        // Every line end, and positions inside lines, up to the whole text less one byte.
        let cuts = Set(
            bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") } + stride(from: 1, to: bytes.count, by: 37))
        for cut in cuts.sorted() where cut < bytes.count - 1 {
            let prefix = String(decoding: bytes[..<cut], as: UTF8.self)
            #expect(throws: LearnError.self, "cut at \(cut)") { try SavedModels.load(.svm, prefix) }
        }
        refuses("the file ends after") {
            _ = try SavedModels.load(.svm, String(text[..<text.range(of: "SV\n")!.upperBound]))
        }
    }

    @Test("libsvm header fields out of order, range or kind are refused")
    func libsvmHeader() {
        let text = saved.text(.svm)
        func line(_ key: String) -> String {
            String(text.split(separator: "\n").first { $0.hasPrefix(key + " ") }!)
        }
        refuses("line 3: expected 'gamma', found 'rho'") {
            _ = try SavedModels.load(
                .svm, text.replacingOccurrences(of: "kernel_type rbf\n", with: "kernel_type rbf\n\(line("rho"))\n"))
        }
        refuses("kernel_type precomputed is not what serreport's SVM models use") {
            _ = try SavedModels.load(
                .svm, text.replacingOccurrences(of: "kernel_type rbf", with: "kernel_type precomputed"))
        }
        refuses("line 4: 2000000000 is out of range (2 to 1000)") {
            _ = try SavedModels.load(.svm, text.replacingOccurrences(of: "nr_class 3", with: "nr_class 2000000000"))
        }
        refuses("nr_sv adds up to") {
            _ = try SavedModels.load(
                .svm, text.replacingOccurrences(of: line("total_sv"), with: "total_sv 2147483647"))
        }
        refuses("label 0 appears twice") {
            _ = try SavedModels.load(.svm, text.replacingOccurrences(of: line("label"), with: "label 0 0 1"))
        }
        refuses("'nan' is not a finite number") {
            _ = try SavedModels.load(.svm, text.replacingOccurrences(of: line("gamma"), with: "gamma nan"))
        }
        refuses("nr_class is 3, the labels name 4 classes") {
            _ = try SavedModels.load(.svm, Data(text.utf8), classCount: 4)
        }
        refuses("byte 0xD is not libsvm model text") {
            _ = try SavedModels.load(.svm, text.replacingOccurrences(of: "\n", with: "\r\n"))
        }
        refuses("not text (a NUL byte") {
            _ = try SavedModels.load(.svm, Data(text.utf8.prefix(40)) + Data([0]) + Data(text.utf8.dropFirst(40)))
        }
    }

    @Test("libsvm support vectors must have their coefficients, ascending in-range indices and finite values")
    func libsvmVectors() throws {
        let text = saved.text(.svm)
        let header = String(text[..<text.range(of: "SV\n")!.upperBound])
        let vectors = text[text.range(of: "SV\n")!.upperBound...].split(separator: "\n").map(String.init)
        func with(_ first: String) -> String { header + ([first] + vectors.dropFirst()).joined(separator: "\n") + "\n" }
        let tokens = vectors[0].split(separator: " ").map(String.init)
        refuses("a support vector needs 2 coefficients, the line has 1 values") {
            _ = try SavedModels.load(.svm, with(tokens[0]))
        }
        refuses("is not above the one before it") {
            _ = try SavedModels.load(
                .svm, with(([tokens[0], tokens[1]] + tokens[2...].reversed()).joined(separator: " ")))
        }
        refuses("a support vector has feature index 5, but the model takes 4 features") {
            _ = try SavedModels.load(.svm, with(vectors[0] + " 5:1"))
        }
        refuses("'1:inf': feature 1's value is not a finite number") {
            _ = try SavedModels.load(.svm, with(tokens[..<2].joined(separator: " ") + " 1:inf"))
        }
        refuses("after the last of the") { _ = try SavedModels.load(.svm, text + vectors[0] + "\n") }
        #expect(try SavedModels.load(.svm, text + "\n\n").kind == .svm, "blank lines at the end are harmless")
    }

    @Test("a forest whose walk could loop, leave its arrays or give no probabilities is refused")
    func forest() throws {
        /// The forest with its first tree changed by `tree`, then the forest itself by `forest`.
        func edit(
            tree: (inout [String: Any]) -> Void = { _ in }, forest: (inout [String: Any]) -> Void = { _ in }
        ) throws -> [String: Any] {
            var json = try saved.json(.rf)
            var trees = json["trees"] as! [[String: Any]]
            tree(&trees[0])
            json["trees"] = trees
            forest(&json)
            return json
        }
        let first = (try saved.json(.rf)["trees"] as! [[String: Any]])[0]
        let split = (first["feature"] as! [Int]).firstIndex { $0 >= 0 }!
        func set(_ key: String, _ index: Int, _ value: Any) throws -> [String: Any] {
            try edit(tree: { tree in
                var values = tree[key] as! [Any]
                values[index] = value
                tree[key] = values
            })
        }
        refuses("tree 0: node \(split)'s left child \(split) is not after it (a tree must not loop)") {
            _ = try SavedModels.load(.rf, json: try set("left", split, split))
        }
        refuses("right child 100000 is out of range") {
            _ = try SavedModels.load(.rf, json: try set("right", split, 100_000))
        }
        refuses("splits on feature 4, but the model takes 4 features") {
            _ = try SavedModels.load(.rf, json: try set("feature", split, 4))
        }
        refuses("splits on feature -2") { _ = try SavedModels.load(.rf, json: try set("feature", split, -2)) }
        let leaf = (first["feature"] as! [Int]).firstIndex(of: -1)!
        refuses("class shares are not between 0 and 1 adding up to 1") {
            _ = try SavedModels.load(.rf, json: try set("value", leaf, [5.0, 0.0, 0.0]))
        }
        refuses("has 2 class shares, the forest has 3") {
            _ = try SavedModels.load(.rf, json: try set("value", leaf, [0.5, 0.5]))
        }
        refuses("'threshold' has") {
            _ = try SavedModels.load(.rf, json: try edit(tree: { $0["threshold"] = [Double]() }))
        }
        refuses("the forest predicts 4 classes, the labels name 3") {
            var forest = try saved.json(.rf)
            forest["classCount"] = 4
            forest["trees"] = (forest["trees"] as! [[String: Any]]).map { tree in
                var tree = tree
                tree["value"] = (tree["value"] as! [[Double]]).map { $0 + [0] }
                return tree
            }
            _ = try SavedModels.load(.rf, json: forest)
        }
        refuses("classCount 1000000000000 is out of range") {
            _ = try SavedModels.load(.rf, json: try edit(forest: { $0["classCount"] = 1_000_000_000_000 }))
        }
        refuses("the forest has no trees") {
            _ = try SavedModels.load(.rf, json: try edit(forest: { $0["trees"] = [Any]() }))
        }
        refuses("trees[0].threshold[0]: expected a number, found a string") {
            _ = try SavedModels.load(.rf, json: try set("threshold", 0, "1"))
        }
    }

    @Test("MLP weights must agree in shape with each other, the scaler and the labels")
    func mlp() throws {
        func edit(_ change: (inout [String: Any]) -> Void) throws -> [String: Any] {
            var weights = try saved.json(.mlp)
            change(&weights)
            return weights
        }
        refuses("w1[0] has 2 weights, b1 has 6 hidden units") {
            _ = try SavedModels.load(
                .mlp, json: try edit { $0["w1"] = ($0["w1"] as! [[Double]]).map { Array($0.prefix(2)) } })
        }
        refuses("w2 has 5 rows, b1 has 6 hidden units") {
            _ = try SavedModels.load(.mlp, json: try edit { $0["w2"] = Array(($0["w2"] as! [[Double]]).prefix(5)) })
        }
        refuses("w2[0] has 3 weights, b2 has 2 classes") {
            _ = try SavedModels.load(.mlp, json: try edit { $0["b2"] = Array(($0["b2"] as! [Double]).prefix(2)) })
        }
        refuses("the MLP takes 3 features, the scaler gives 4") {
            _ = try SavedModels.load(.mlp, json: try edit { $0["w1"] = Array(($0["w1"] as! [[Double]]).prefix(3)) })
        }
        refuses("w1 has 0 rows") { _ = try SavedModels.load(.mlp, json: try edit { $0["w1"] = [[Double]]() }) }
        refuses("missing key 'b1'") { _ = try SavedModels.load(.mlp, json: try edit { $0["b1"] = nil }) }
    }

    @Test("logistic regression weights must agree in shape with each other, the scaler and the labels, and be finite")
    func logreg() throws {
        func edit(_ change: (inout [String: Any]) -> Void) throws -> [String: Any] {
            var weights = try saved.json(.logreg)
            change(&weights)
            return weights
        }
        /// The saved JSON with `intercept[0]` written as `token`.
        func interceptWritten(_ token: String) throws -> Data {
            let marked = try edit { $0["intercept"] = [12345.5] + ($0["intercept"] as! [Double]).dropFirst() }
            let text = String(decoding: try JSONSerialization.data(withJSONObject: marked), as: UTF8.self)
            return Data(text.replacingOccurrences(of: "12345.5", with: token).utf8)
        }
        refuses("coef[1] has 2 weights, coef[0] has 4") {
            _ = try SavedModels.load(
                .logreg,
                json: try edit {
                    $0["coef"] = ($0["coef"] as! [[Double]]).enumerated().map { $0 == 1 ? Array($1.prefix(2)) : $1 }
                })
        }
        refuses("coef has 2 rows; 3 classes need 3") {
            _ = try SavedModels.load(
                .logreg, json: try edit { $0["coef"] = Array(($0["coef"] as! [[Double]]).prefix(2)) })
        }
        refuses("intercept has 2 values, coef has 3 rows") {
            _ = try SavedModels.load(
                .logreg, json: try edit { $0["intercept"] = Array(($0["intercept"] as! [Double]).prefix(2)) })
        }
        refuses("the logistic regression takes 3 features, the scaler gives 4") {
            _ = try SavedModels.load(
                .logreg, json: try edit { $0["coef"] = ($0["coef"] as! [[Double]]).map { Array($0.prefix(3)) } })
        }
        refuses("the logistic regression predicts 3 classes, the labels name 4") {
            _ = try SavedModels.load(.logreg, saved.files[.logreg]!, classCount: 4)
        }
        refuses("classes is 1; allowed: 2 to 1000") {
            _ = try SavedModels.load(.logreg, json: try edit { $0["classes"] = 1 })
        }
        refuses("coef[0] has 0 weights") {
            _ = try SavedModels.load(.logreg, json: try edit { $0["coef"] = [[Double]](repeating: [], count: 3) })
        }
        refuses("class 1 is absent, but its row is not zero") {
            _ = try SavedModels.load(.logreg, json: try edit { $0["absent"] = [1] })
        }
        refuses("absent must list distinct classes 0 to 2 in ascending order") {
            _ = try SavedModels.load(.logreg, json: try edit { $0["absent"] = [5] })
        }
        refuses("missing key 'intercept'") {
            _ = try SavedModels.load(.logreg, json: try edit { $0["intercept"] = nil })
        }
        // JSON has no NaN or infinity; a number too large for a double is the nearest a file gets.
        #expect(throws: LearnError.self) { try SavedModels.load(.logreg, try interceptWritten("1e999")) }
        #expect(throws: LearnError.self) { try SavedModels.load(.logreg, try interceptWritten("NaN")) }
        #expect(throws: LearnError.self) { try SavedModels.load(.logreg, try interceptWritten("-Infinity")) }
    }

    @Test("XGBoost JSON that would make XGBoost loop or read past its arrays is refused before XGBoost sees it")
    func xgboost() throws {
        let text = saved.text(.xgb)
        func replacing(_ old: String, _ new: String) -> String {
            let range = text.range(of: old)!
            return text.replacingCharacters(in: range, with: new)
        }
        refuses("tree 0: node 0's left child 0 is not after it (a tree must not loop)") {
            _ = try SavedModels.load(.xgb, replacing(#""left_children":[1,"#, #""left_children":[0,"#))
        }
        refuses("tree_info has 1 entries, the model 12 trees") {
            let info = text.range(of: #""tree_info":["#)!
            let end = text[info.upperBound...].firstIndex(of: "]")!
            _ = try SavedModels.load(.xgb, text.replacingCharacters(in: info.upperBound..<end, with: "0"))
        }
        refuses("node 1's parent is 7, but it is a child of node 0") {
            _ = try SavedModels.load(.xgb, replacing(#""parents":[2147483647,0,"#, #""parents":[2147483647,7,"#))
        }
        refuses("learner_model_param.num_class is '3'; the labels name 4") {
            _ = try SavedModels.load(.xgb, Data(text.utf8), classCount: 4)
        }
        refuses("a backslash escape") {
            _ = try SavedModels.load(
                .xgb, replacing(#""left_children":"#, #""left\u005fchildren":[0],"left_children":"#))
        }
        refuses("does not start with '{'") { _ = try SavedModels.load(.xgb, " " + text) }
        refuses("objective 'reg:squarederror' is not multi:softprob") {
            _ = try SavedModels.load(.xgb, replacing(#""name":"multi:softprob""#, #""name":"reg:squarederror""#))
        }
        refuses("not valid JSON") { _ = try SavedModels.load(.xgb, String(text.prefix(text.count / 2))) }
    }

    @Test("XGBoost's own refusal of a model is one line without its source location or stack trace")
    func xgboostRefusal() throws {
        // A float where XGBoost wants an integer: the checks read it as 1, XGBoost refuses the cast.
        let text = saved.text(.xgb)
        let damaged = text.replacingCharacters(
            in: text.range(of: #""left_children":[1,"#)!, with: #""left_children":[1.0,"#)
        let error = #expect(throws: LearnError.self) { try SavedModels.load(.xgb, damaged) }
        #expect(error?.code == .libraryFailure)
        #expect(error?.message.hasPrefix("XGBoost: ") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("\n") == false)
        #expect(error?.message.contains(".cc:") == false, "\(error?.message ?? "")")
    }

    @Test("labels must be two or more distinct names in a JSON list of UTF-8 strings")
    func labels() {
        refuses("names 'sad' twice") { _ = try ClassLabels.load(json: Data(#"["sad","happy","sad"]"#.utf8)) }
        refuses("names 0 emotions; a model needs at least 2") { _ = try ClassLabels.load(json: Data("[]".utf8)) }
        refuses("emotion 1 is an empty name") { _ = try ClassLabels.load(json: Data(#"["sad",""]"#.utf8)) }
        refuses("not UTF-8 text (byte 0xFF at offset 3)") {
            _ = try ClassLabels.load(json: Data([0x5B, 0x22, 0x61, 0xFF, 0x22, 0x5D]))
        }
        refuses("expected a list, found an object") { _ = try ClassLabels.load(json: Data(#"{"a":1}"#.utf8)) }
        refuses("[1]: expected a string, found a number") { _ = try ClassLabels.load(json: Data(#"["a",2]"#.utf8)) }
        refuses("empty file (0 bytes)") { _ = try ClassLabels.load(json: Data()) }
        refuses("not valid JSON (Too many nested") {
            _ = try ClassLabels.load(json: Data((String(repeating: "[", count: 100_000)).utf8))
        }
        refuses(#"names 'a\n' twice"#) { _ = try ClassLabels.load(json: Data(#"["a\n","a\n"]"#.utf8)) }
    }

    @Test("JSON of many tiny lists, which would take far more memory than its size, is refused unread")
    func decodingCost() throws {
        let tiny = Data(("[" + Array(repeating: "[0]", count: 250_000).joined(separator: ",") + "]").utf8)
        refuses("its 250001 lists would take about 36 MiB of memory to read; serreport reads at most 16 MiB") {
            try SavedModelFile.checkDecodingCost(tiny, limit: 16 << 20)
        }
        for kind in [ModelKind.rf, .mlp, .xgb, .logreg] {
            // serreport's own files cost a few times their size.
            try SavedModelFile.checkDecodingCost(saved.files[kind]!, limit: 8 * saved.files[kind]!.count)
        }
    }

    @Test("JSON model files cut short anywhere are refused, never trapped on")
    func jsonCutAnywhere() {
        for kind in [ModelKind.rf, .mlp, .xgb, .logreg] {
            let bytes = saved.files[kind]!
            for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 97)) {
                #expect(throws: LearnError.self, "\(kind.fileName) cut at \(cut)") {
                    try SavedModels.load(kind, bytes.prefix(cut))
                }
            }
        }
    }
}
