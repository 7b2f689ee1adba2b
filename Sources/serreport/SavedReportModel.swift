import Foundation
import SERCells
import SERDSP
import SERFiles
import SERLearn
import SERSettings

#if canImport(Glibc)
    import Glibc
#endif

/// What `predict` reads from a report folder, each file checked in full and against the others:
///
/// - `models/settings.json`: the settings the model was trained with (the settings schema checks it);
/// - `models/labels.json`: the emotions, at least two, none twice;
/// - `models/scaler.json`: one finite mean and positive scale per feature, its features exactly the
///   ones the saved settings extract;
/// - the model (`rf.json`, `xgb.json`, `svm.model`, `mlp.json`, `logreg.json` or `gru.json`): taking that many
///   features (for the GRU, values per frame) and predicting that many classes
///   (``ModelKind/load(_:featureCount:classCount:)``);
/// - `metrics.json`, only for the best model's name when `--model` is not given.
///
/// Every fault is one ``CommandError`` line naming the file (as the user would type its path) and
/// the reason; nothing a file claims is allocated before it is checked against the file's size.
struct SavedReportModel {
    let settings: Settings
    let labels: [String]
    let scaler: ScalerFile
    let kind: ModelKind
    let modelPath: String
    let classifier: any TrainedClassifier
    /// For `fusion`: the models it fuses, each read and checked as a model of its own, in its file's order.
    let members: [any TrainedClassifier]

    init(report: String, model requested: String?) throws(CommandError) {
        let models = Self.join(report, "models")
        try Self.checkFolders(report: report, models: models)
        kind = try Self.kind(report: report, requested: requested)
        settings = try Self.settings(Self.join(models, "settings.json"))
        let labelsPath = Self.join(models, "labels.json")
        labels = try Self.checked(labelsPath) { data throws(LearnError) in try ClassLabels.load(json: data) }
        try Self.checkLabels(labels, at: labelsPath, against: Self.join(report, "metrics.json"), kind: kind)
        let scalerPath = Self.join(models, "scaler.json")
        scaler = try Self.checked(scalerPath) { data throws(LearnError) in try ScalerFile.load(json: data) }
        let expected = FeatureNames.summary(settings.features)
        guard scaler.featureNames == expected else {
            throw CommandError(
                "\(scalerPath): \(Self.difference(scaler.featureNames, expected)) (the settings in "
                    + "\(Self.join(models, "settings.json")) extract \(expected.count) features)")
        }
        modelPath = Self.join(models, kind.fileName)
        guard ReportFile.exists(modelPath) else {
            throw Self.missingModel(kind, path: modelPath, models: models, requested: requested != nil)
        }
        let (kind, featureCount, classCount) = (kind, expected.count, labels.count)
        classifier = try Self.checked(modelPath, limit: SavedModelLimits.modelFileBytes) { data throws(LearnError) in
            try kind.load(data, featureCount: featureCount, classCount: classCount)
        }
        let saved = classifier
        var members: [any TrainedClassifier] = []
        for member in (saved as? FusionClassifier)?.fusion.models ?? [] {
            let path = Self.join(models, member.fileName)
            guard ReportFile.exists(path) else {
                throw CommandError("\(modelPath): fuses the \(member.rawValue) model, but \(path) is missing")
            }
            members.append(
                try Self.checked(path, limit: SavedModelLimits.modelFileBytes) { data throws(LearnError) in
                    try member.load(data, featureCount: featureCount, classCount: classCount)
                })
        }
        self.members = members
        for (model, path) in [(saved, modelPath)] + zip(members, members.map { Self.join(models, $0.kind.fileName) }) {
            if let convolutional = model as? ConvolutionalClassifier,
                convolutional.model.network.bands != settings.train.parameters.cnn.melBands
            {
                throw CommandError(
                    "\(path): the CNN takes \(convolutional.model.network.bands) mel bands, the settings in "
                        + "\(Self.join(models, "settings.json")) say \(settings.train.parameters.cnn.melBands)")
            }
            guard let recurrent = model as? RecurrentClassifier else { continue }
            let width = FrameSequencesRecord.names(settings.features).count
            guard recurrent.model.network.inputSize == width else {
                throw CommandError(
                    "\(path): the GRU takes \(recurrent.model.network.inputSize) values per frame, the settings in "
                        + "\(Self.join(models, "settings.json")) extract \(width)")
            }
        }
    }

    /// `a/b` from `a` and `b`, without doubling a slash the user typed.
    static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    private static func checkFolders(report: String, models: String) throws(CommandError) {
        guard ReportFile.exists(report) else {
            throw CommandError("\(report): no such report folder (make one with `serreport build`)")
        }
        if let kind = notFolder(report) {
            throw CommandError("\(report): is \(kind), not a report folder")
        }
        guard ReportFile.exists(models) else {
            throw CommandError("\(models): no such folder (the report has no trained models)")
        }
        if let kind = notFolder(models) {
            throw CommandError("\(models): is \(kind), not the report's models folder")
        }
    }

    /// What is at `path` when it is not a folder ("a regular file", "a named pipe (FIFO)"); nil for a
    /// folder, or when `stat` fails (reading the files in it then says why).
    private static func notFolder(_ path: String) -> String? {
        var status = stat()
        guard stat(path, &status) == 0, FileKind(mode: status.st_mode) != .folder else { return nil }
        return FileKind.phrase(status.st_mode)
    }

    /// The model `--model` names, or the one `metrics.json` names best.
    private static func kind(report: String, requested: String?) throws(CommandError) -> ModelKind {
        let names = ModelKind.allCases.map(\.rawValue).joined(separator: ", ")
        if let requested {
            guard let kind = ModelKind(rawValue: requested) else {
                throw CommandError("--model \(SavedModelFile.quoted(requested)): no such model (\(names))")
            }
            return kind
        }
        struct Metrics: Decodable { let best: String }
        let path = join(report, "metrics.json")
        guard ReportFile.exists(path) else {
            throw CommandError("\(path): no such file (it names the report's best model; or choose one with --model)")
        }
        let best = try checked(path) { data throws(LearnError) in try SavedModelFile.decode(Metrics.self, from: data) }
            .best
        guard let kind = ModelKind(rawValue: best) else {
            throw CommandError(
                "\(path): the best model '\(SavedModelFile.quoted(best))' is not one serreport trains (\(names))")
        }
        return kind
    }

    /// `labels.json` against the labels `metrics.json` records for the model (when it records them):
    /// the class order a model's outputs are read in must be the one it was evaluated with, or every
    /// prediction would carry another emotion's name.
    private static func checkLabels(_ labels: [String], at path: String, against metricsPath: String, kind: ModelKind)
        throws(CommandError)
    {
        struct Metrics: Decodable {
            struct Model: Decodable { let labels: [String]? }
            let models: [String: Model]?
        }
        guard ReportFile.exists(metricsPath) else { return }
        let metrics = try checked(metricsPath) { data throws(LearnError) in
            try SavedModelFile.decode(Metrics.self, from: data)
        }
        guard let recorded = metrics.models?[kind.rawValue]?.labels, recorded != labels else { return }
        func shown(_ names: [String]) -> String { names.map(SavedModelFile.quoted).joined(separator: ", ") }
        throw CommandError(
            "\(path): names the classes \(shown(labels)), but \(metricsPath) records the \(kind.rawValue) model's "
                + "as \(shown(recorded)) (files from different builds?)")
    }

    /// The saved settings, through the settings schema (which names the key and the reason).
    static func settings(_ path: String) throws(CommandError) -> Settings {
        let text = try checked(path) { data throws(LearnError) in
            // The file is JSON: read it as JSON first, so that YAML's looser syntax (anchors, tags,
            // nesting beyond JSON's limits) never reaches the settings reader from this file.
            try SavedModelFile.checkObject(data)
            return String(decoding: data, as: UTF8.self)
        }
        do {
            return try Settings.saved(json: text, file: path)
        } catch {
            throw CommandError(SavedModelFile.oneLine(error.description))
        }
    }

    /// Reads `path` (refusing what is not a file, or larger than `limit`) and makes a value of it;
    /// a ``LearnError`` becomes `path: reason`.
    private static func checked<Value>(
        _ path: String, limit: Int = SavedModelLimits.smallFileBytes, _ make: (Data) throws(LearnError) -> Value
    ) throws(CommandError) -> Value {
        let data = try ReportFile.read(path, limit: limit)
        do {
            return try make(data)
        } catch {
            throw CommandError("\(path): \(error.message)")
        }
    }

    private static func missingModel(_ kind: ModelKind, path: String, models: String, requested: Bool)
        -> CommandError
    {
        let trained = ModelKind.allCases.filter { ReportFile.exists(join(models, $0.fileName)) }
        let list = trained.isEmpty ? "none" : trained.map(\.rawValue).joined(separator: ", ")
        if requested {
            return CommandError(
                "--model \(kind.rawValue): the report has no \(kind.title) model (\(path): no such file; trained: \(list))"
            )
        }
        return CommandError(
            "\(path): no such file (metrics.json names \(kind.rawValue) the best model; trained: \(list))")
    }

    /// The first way `found` differs from `expected`, for a scaler saved with other feature settings.
    private static func difference(_ found: [String], _ expected: [String]) -> String {
        if found.count != expected.count {
            return "has \(found.count) features, not \(expected.count)"
        }
        let index = found.indices.first { found[$0] != expected[$0] } ?? 0
        return "feature \(index) is '\(SavedModelFile.quoted(found[index]))', not '\(expected[index])'"
    }
}
