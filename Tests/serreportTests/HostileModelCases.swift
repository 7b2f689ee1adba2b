import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Edits of a report's `models/` folder (or its `metrics.json`, one folder up).
enum ModelsDamage {
    static func text(_ models: URL, _ name: String, _ change: (String) -> String) throws {
        let url = models.appendingPathComponent(name)
        try Data(change(try String(contentsOf: url, encoding: .utf8)).utf8).write(to: url)
    }

    static func bytes(_ models: URL, _ name: String, _ change: (Data) -> Data) throws {
        let url = models.appendingPathComponent(name)
        try change(try Data(contentsOf: url)).write(to: url)
    }

    /// Changes the file's JSON object (re-written by JSONSerialization: fine for serreport's own JSON).
    static func json(_ models: URL, _ name: String, _ change: (inout [String: Any]) -> Void) throws {
        let url = models.appendingPathComponent(name)
        var object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        change(&object)
        try JSONSerialization.data(withJSONObject: object).write(to: url)
    }

    /// Replaces the file with something else made at its path by `make`.
    static func replace(_ models: URL, _ name: String, _ make: (String) throws -> Void) throws {
        let path = models.appendingPathComponent(name).path
        try FileManager.default.removeItem(atPath: path)
        try make(path)
    }

    /// The first line of `text` that starts with `key` and a space.
    static func line(_ text: String, _ key: String) -> String {
        String(text.split(separator: "\n").first { $0.hasPrefix(key + " ") } ?? "")
    }

    /// `text` with the first occurrence of `old` replaced.
    static func first(_ text: String, _ old: String, _ new: String) -> String {
        guard let range = text.range(of: old) else { return text }
        return text.replacingCharacters(in: range, with: new)
    }

    /// The index of the first split (a node that is not a leaf) of the forest's first tree.
    static func firstSplit(_ forest: [String: Any]) -> Int {
        ((forest["trees"] as! [[String: Any]])[0]["feature"] as! [Int]).firstIndex { $0 >= 0 }!
    }

    /// Sets entry `index` of the first tree's array `key`.
    static func setFirstTree(_ forest: inout [String: Any], _ key: String, _ index: Int, _ value: Any) {
        var trees = forest["trees"] as! [[String: Any]]
        var values = trees[0][key] as! [Any]
        values[index] = value
        trees[0][key] = values
        forest["trees"] = trees
    }
}

extension HostileModelCase {
    /// The damaged files `predict` must refuse, by file.
    static let all: [HostileModelCase] = svm + json + folder

    static let svm: [HostileModelCase] = [
        HostileModelCase("svm.model cut in half", model: "svm", file: "models/svm.model", "line ") { models in
            try ModelsDamage.bytes(models, "svm.model") { $0.prefix($0.count / 2) }
        },
        HostileModelCase(
            "svm.model claiming two billion support vectors", model: "svm", file: "models/svm.model",
            "total_sv is 2000000000"
        ) { models in
            try ModelsDamage.text(models, "svm.model") {
                $0.replacingOccurrences(of: ModelsDamage.line($0, "total_sv"), with: "total_sv 2000000000")
            }
        },
        HostileModelCase(
            "svm.model with a precomputed kernel", model: "svm", file: "models/svm.model",
            "kernel_type precomputed is not what serreport's SVM models use"
        ) { models in
            try ModelsDamage.text(models, "svm.model") {
                $0.replacingOccurrences(of: "kernel_type rbf", with: "kernel_type precomputed")
            }
        },
        HostileModelCase(
            "svm.model with a label beyond labels.json", model: "svm", file: "models/svm.model",
            "line 7: 7 is out of range (0 to 2)"
        ) { models in
            try ModelsDamage.text(models, "svm.model") {
                $0.replacingOccurrences(of: ModelsDamage.line($0, "label"), with: "label 0 1 7")
            }
        },
        HostileModelCase(
            "svm.model using a feature the scaler does not have", model: "svm", file: "models/svm.model",
            "a support vector has feature index 500, but the model takes 82 features"
        ) { models in
            try ModelsDamage.text(models, "svm.model") { text in
                let vectors = text.range(of: "SV\n")!.upperBound
                let end = text[vectors...].firstIndex(of: "\n")!
                return text.replacingCharacters(in: end..<end, with: " 500:1")
            }
        },
        HostileModelCase(
            "svm.model with binary bytes", model: "svm", file: "models/svm.model", "not text (a NUL byte at offset 20)"
        ) { models in
            try ModelsDamage.bytes(models, "svm.model") { $0.prefix(20) + Data([0, 0xFF]) + $0.dropFirst(20) }
        },
    ]

    static let json: [HostileModelCase] = [
        HostileModelCase(
            "scaler.json with a shorter mean", file: "models/scaler.json", "mean has 10 entries, feature_names has 82"
        ) { models in
            try ModelsDamage.json(models, "scaler.json") { $0["mean"] = Array(($0["mean"] as! [Double]).prefix(10)) }
        },
        HostileModelCase(
            "scaler.json with a zero scale", file: "models/scaler.json", "scale[3] is 0.0; a scale must be above 0"
        ) { models in
            try ModelsDamage.json(models, "scaler.json") { scaler in
                var scale = scaler["scale"] as! [Double]
                scale[3] = 0
                scaler["scale"] = scale
            }
        },
        HostileModelCase("scaler.json cut short", file: "models/scaler.json", "not valid JSON (") { models in
            try ModelsDamage.bytes(models, "scaler.json") { $0.prefix($0.count / 3) }
        },
        HostileModelCase(
            "mlp.json with shortened rows", model: "mlp", file: "models/mlp.json",
            "w1[0] has 5 weights, b1 has 100 hidden units"
        ) { models in
            try ModelsDamage.json(models, "mlp.json") { weights in
                weights["w1"] = (weights["w1"] as! [[Double]]).map { Array($0.prefix(5)) }
            }
        },
        HostileModelCase(
            "mlp.json whose weights overflow", model: "mlp", file: "models/mlp.json", "(its numbers are out of range)"
        ) { models in
            try ModelsDamage.json(models, "mlp.json") { weights in
                weights["b1"] = (weights["b1"] as! [Double]).map { _ in 1e308 }
                weights["w2"] = (weights["w2"] as! [[Double]]).map { $0.map { _ in 1e308 } }
            }
        },
        HostileModelCase(
            "logreg.json with shortened rows", model: "logreg", file: "models/logreg.json",
            "the logistic regression takes 5 features, the scaler gives"
        ) { models in
            try ModelsDamage.json(models, "logreg.json") { weights in
                weights["coef"] = (weights["coef"] as! [[Double]]).map { Array($0.prefix(5)) }
            }
        },
        HostileModelCase(
            "logreg.json with a row too few", model: "logreg", file: "models/logreg.json",
            "coef has 2 rows; 3 classes need 3"
        ) { models in
            try ModelsDamage.json(models, "logreg.json") { weights in
                weights["coef"] = Array((weights["coef"] as! [[Double]]).prefix(2))
            }
        },
        HostileModelCase(
            "rf.json whose node points at itself", model: "rf", file: "models/rf.json",
            "tree 0: node 0's left child 0 is not after it (a tree must not loop)"
        ) { models in
            try ModelsDamage.json(models, "rf.json") { forest in
                let split = ModelsDamage.firstSplit(forest)
                ModelsDamage.setFirstTree(&forest, "left", split, split)
            }
        },
        HostileModelCase(
            "rf.json splitting on a feature the scaler does not have", model: "rf", file: "models/rf.json",
            "splits on feature 82, but the model takes 82 features (0 to 81)"
        ) { models in
            try ModelsDamage.json(models, "rf.json") { forest in
                ModelsDamage.setFirstTree(&forest, "feature", ModelsDamage.firstSplit(forest), 82)
            }
        },
        HostileModelCase("rf.json empty", model: "rf", file: "models/rf.json", "empty file (0 bytes)") { models in
            try Data().write(to: models.appendingPathComponent("rf.json"))
        },
        HostileModelCase(
            "xgb.json whose tree loops", model: "xgb", file: "models/xgb.json",
            "tree 0: node 0's left child 0 is not after it (a tree must not loop)"
        ) { models in
            try ModelsDamage.text(models, "xgb.json") {
                ModelsDamage.first($0, #""left_children":[1,"#, #""left_children":[0,"#)
            }
        },
        HostileModelCase(
            "xgb.json with a short tree_info", model: "xgb", file: "models/xgb.json", "tree_info has 1 entries"
        ) { models in
            try ModelsDamage.text(models, "xgb.json") { text in
                let info = text.range(of: #""tree_info":["#)!
                let end = text[info.upperBound...].firstIndex(of: "]")!
                return text.replacingCharacters(in: info.upperBound..<end, with: "0")
            }
        },
        HostileModelCase("xgb.json that XGBoost refuses", model: "xgb", file: "models/xgb.json", "XGBoost: ") {
            models in
            try ModelsDamage.text(models, "xgb.json") {
                ModelsDamage.first($0, #""left_children":[1,"#, #""left_children":[1.0,"#)
            }
        },
        HostileModelCase("labels.json naming an emotion twice", file: "models/labels.json", "names 'sad' twice") {
            models in
            try Data(#"["happy","sad","sad"]"#.utf8).write(to: models.appendingPathComponent("labels.json"))
        },
        HostileModelCase(
            "labels.json with no emotions", file: "models/labels.json", "names 0 emotions; a model needs at least 2"
        ) { models in
            try Data("[]".utf8).write(to: models.appendingPathComponent("labels.json"))
        },
        HostileModelCase(
            "labels.json with fewer emotions than the model", model: "rf", file: "models/rf.json",
            "the forest predicts 3 classes, the labels name 2"
        ) { models in
            try Data(#"["happy","sad"]"#.utf8).write(to: models.appendingPathComponent("labels.json"))
            // Without metrics.json's record of the classes, the model file's own count catches it.
            try FileManager.default.removeItem(
                at: models.deletingLastPathComponent().appendingPathComponent("metrics.json"))
        },
        HostileModelCase(
            "labels.json in another order than metrics.json records for the model", file: "models/labels.json",
            "names the classes"
        ) { models in
            let url = models.appendingPathComponent("labels.json")
            let labels = try JSONDecoder().decode([String].self, from: Data(contentsOf: url))
            try JSONEncoder().encode(Array(labels.reversed())).write(to: url)
        },
        HostileModelCase("labels.json not UTF-8", file: "models/labels.json", "not UTF-8 text (byte 0xFF at offset 3)")
        { models in
            try Data([0x5B, 0x22, 0x61, 0xFF, 0x22, 0x5D]).write(to: models.appendingPathComponent("labels.json"))
        },
        HostileModelCase(
            "metrics.json naming an unknown best model", file: "metrics.json",
            "the best model 'knn' is not one serreport trains (rf, xgb, svm, mlp, logreg, gru, fusion, cnn)"
        ) { models in
            try ModelsDamage.json(models.deletingLastPathComponent(), "metrics.json") { $0["best"] = "knn" }
        },
        HostileModelCase(
            "settings.json failing the settings schema", file: "models/settings.json",
            "features.n_fft: 1025 is out of range"
        ) { models in
            try ModelsDamage.json(models, "settings.json") { settings in
                var features = settings["features"] as! [String: Any]
                features["n_fft"] = 1025
                settings["features"] = features
            }
        },
        HostileModelCase(
            "settings.json extracting other features than the scaler's", file: "models/scaler.json",
            "has 82 features, not 68"
        ) { models in
            try ModelsDamage.json(models, "settings.json") { settings in
                var features = settings["features"] as! [String: Any]
                features["mfcc"] = ["n_mfcc": 13, "n_mels": 128]
                settings["features"] = features
            }
        },
        HostileModelCase(
            "settings.json nested 100,000 deep", file: "models/settings.json", "not valid JSON (Too many nested"
        ) { models in
            let deep = #"{"a":"# + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
            try Data(deep.utf8).write(to: models.appendingPathComponent("settings.json"))
        },
    ]

    static let folder: [HostileModelCase] = [
        HostileModelCase("labels.json is a directory", file: "models/labels.json", "is a folder, not a regular file") {
            models in
            try ModelsDamage.replace(models, "labels.json") {
                try FileManager.default.createDirectory(atPath: $0, withIntermediateDirectories: false)
            }
        },
        HostileModelCase(
            "rf.json is a FIFO", model: "rf", file: "models/rf.json", "is a named pipe (FIFO), not a regular file"
        ) { models in
            try ModelsDamage.replace(models, "rf.json") { _ = mkfifo($0, 0o600) }
        },
        HostileModelCase("labels.json is a symbolic link loop", file: "models/labels.json", "a symbolic link loop") {
            models in
            try ModelsDamage.replace(models, "labels.json") {
                try FileManager.default.createSymbolicLink(atPath: $0, withDestinationPath: $0)
            }
        },
        HostileModelCase(
            "scaler.json claiming 100 MB (sparse)", file: "models/scaler.json",
            "is 100 MiB, larger than the 64 MiB serreport reads"
        ) { models in
            let url = models.appendingPathComponent("scaler.json")
            let handle = try FileHandle(forWritingTo: url)
            try handle.truncate(atOffset: 100 << 20)
            try handle.close()
        },
    ]
}
