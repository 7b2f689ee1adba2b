import Foundation
import SERFigures
import SERLearn
import SERNotebook
import SERONNX
import SERReport

/// The train cell: speaker normalisation, the protocol's folds (speaker-independent by default), every
/// model fitted and tested fold by fold with a scaler fitted on training clips only, then every model
/// fitted on all clips and saved in its library's own format under `models/`.
struct TrainCell: Cell {
    /// `1 fold`, `5 folds`.
    static func folds(_ count: Int) -> String { count == 1 ? "1 fold" : "\(count) folds" }

    static let name = "train"

    let settings: Settings

    var id: String { Self.name }
    var summary: String {
        "fit \(settings.train.models.map(\.rawValue).joined(separator: ", ")) fold by fold, then on all clips"
    }
    /// 4: `auto` speaker normalisation needs a significant inner gain (McNemar), so earlier decisions may differ.
    /// 5: records permutation importance per feature group.
    /// 6: records logistic regression's permutation importance per feature, and the feature names.
    /// 7: the `gru` model (its chosen epochs and parameter count in the record).
    var version: Int { 7 }
    var inputs: [ArtifactDeclaration] {
        [
            Artifacts.clips.declaration, Artifacts.features.declaration, Artifacts.sequences.declaration,
            Artifacts.logMels.declaration,
        ]
    }
    var outputs: [ArtifactDeclaration] { [Artifacts.training.declaration, Artifacts.times.declaration] }
    var parameters: ParameterList { settings.parameters(["train", "report.figure_formats"]) }

    func run(_ context: CellContext) throws -> ArtifactBundle {
        let clips = try context.read(Artifacts.clips)
        let table = try context.read(Artifacts.features)
        let labels = Dictionary(clips.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let none = FrameSequencesRecord(names: [], clips: [])
        let sequences = settings.train.models.contains(.gru) ? try context.read(Artifacts.sequences) : none
        let logMels = settings.train.models.contains(.cnn) ? try context.read(Artifacts.logMels) : none
        let frames = Dictionary(sequences.clips.map { ($0.path, $0.values) }, uniquingKeysWith: { first, _ in first })
        let spectrograms = Dictionary(
            logMels.clips.map { ($0.path, $0.values) }, uniquingKeysWith: { first, _ in first })
        let rows = table.clips.compactMap { summary -> TrainingClip? in
            guard let clip = labels[summary.path] else { return nil }
            return TrainingClip(
                path: clip.path, emotion: clip.emotion, speaker: clip.speaker, values: summary.values,
                frames: frames[summary.path], logMel: spectrograms[summary.path])
        }
        context.progress.expect(settings.train.models.count, "models")
        let training = try Training.run(
            train: settings.train, clips: rows, featureNames: table.names, frameNames: sequences.names,
            logMelBands: logMels.names.count, jobs: context.jobs)
        var bundle = ArtifactBundle()
        let record = TrainingRecord(training)
        try bundle.put(record, as: Artifacts.training.artifact)
        try bundle.encode(training.excluded, as: ReportArtifacts.skipped.name)
        try bundle.put(RunTimes(training), as: Artifacts.times.artifact)
        try saveModels(training, into: &bundle)
        let figures = EvaluationFigures.train(
            curves: record.mlpCurves, coverage: record.coverage, importance: record.importanceFigure,
            featureImportance: record.featureImportanceFigure, deepCurves: record.curves(of: .gru),
            convolutionalCurves: record.curves(of: .cnn))
        let drawn = try FigureRendering.render(
            figures, formats: settings.report.figureFormats, jobs: context.jobs, into: &bundle)
        let fitSeconds = Dictionary(uniqueKeysWithValues: training.evaluations.map { ($0.kind, $0.fitSeconds) })
        try bundle.encode(
            section(record, figures: drawn, fitSeconds: fitSeconds), as: ReportArtifacts.section.name)
        try bundle.encode(narrative(training.plan, record: record), as: ReportArtifacts.narrative.name)
        for _ in settings.train.models { context.progress.advance() }
        return bundle
    }

    /// `models/`: each model in its library's format, the scaler, the label list and the settings.
    private func saveModels(_ training: Training, into bundle: inout ArtifactBundle) throws(CellError) {
        func json(_ value: some Encodable) throws(CellError) -> Data {
            do {
                return try JSONEncoder.readable.encode(value) + Data("\n".utf8)
            } catch {
                throw CellError(cell: id, message: "cannot encode a model file (\(error))")
            }
        }
        bundle.files["models/scaler.json"] = try json(ScalerFile(training, settings: settings))
        bundle.files["models/labels.json"] = try json(training.classNames)
        // The corpus location is not part of how a clip is turned into features: leave it out.
        var saved = settings
        saved.data = ""
        bundle.files["models/settings.json"] = try json(saved)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "serreport-models-\(getpid())-\(UInt64.random(in: 0...UInt64.max))")
        defer { try? FileManager.default.removeItem(at: scratch) }
        for model in training.finalModels {
            switch model.kind {
            case .rf:
                if let forest = (model as? RandomForest)?.forest { bundle.files["models/rf.json"] = try json(forest) }
            case .mlp:
                if let network = (model as? NeuralNetwork)?.network {
                    bundle.files["models/mlp.json"] = try json(network.weights)
                }
            case .gru:
                if let recurrent = model as? RecurrentClassifier {
                    let weights = RecurrentWeights(recurrent.model, typicalSpeaker: recurrent.typicalSpeaker)
                    bundle.files["models/gru.json"] = try json(weights)
                    try saveONNX(
                        model.kind, { try RecurrentONNX.model(weights, labels: $0, producerVersion: $1) },
                        inputs: ONNXInputs(settings: settings, weights: weights, labels: training.classNames),
                        labels: training.classNames, into: &bundle)
                }
            case .cnn:
                if let convolutional = model as? ConvolutionalClassifier {
                    let weights = ConvolutionalWeights(
                        convolutional.model, typicalSpeaker: convolutional.typicalSpeaker)
                    bundle.files["models/cnn.json"] = try json(weights)
                    try saveONNX(
                        model.kind, { try ConvolutionalONNX.model(weights, labels: $0, producerVersion: $1) },
                        inputs: ONNXInputs(settings: settings, convolutional: weights, labels: training.classNames),
                        labels: training.classNames, into: &bundle)
                }
            case .fusion:
                if let fusion = model as? FusionClassifier {
                    bundle.files["models/fusion.json"] = try json(fusion.fusion)
                }
            case .xgb, .svm, .logreg:
                let name = model.kind.fileName
                do {
                    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
                    let path = scratch.appendingPathComponent(name)
                    try model.save(to: path.path)
                    bundle.files["models/\(name)"] = try Data(contentsOf: path)
                } catch {
                    throw CellError(cell: id, message: "cannot save the \(model.kind.title) model (\(error))")
                }
            }
        }
    }

    /// `models/<kind>.onnx` (made by `export` from the labels and serreport's version) and the `.onnx.json` that
    /// says what it expects.
    private func saveONNX(
        _ kind: ModelKind, _ export: ([String], String) throws -> Data, inputs: ONNXInputs, labels: [String],
        into bundle: inout ArtifactBundle
    ) throws(CellError) {
        do {
            bundle.files["models/\(kind.rawValue).onnx"] = try export(labels, SerreportVersion.current)
            bundle.files["models/\(kind.rawValue).onnx.json"] =
                try JSONEncoder.readable.encode(inputs) + Data("\n".utf8)
        } catch {
            throw CellError(cell: id, message: "cannot write the \(kind.title) as ONNX (\(error))")
        }
    }

    private func narrative(_ plan: FoldPlan, record: TrainingRecord) -> [String: String] {
        let protocolLine =
            plan.used == plan.requested
            ? "\(plan.used.rawValue), \(Self.folds(plan.folds.count))"
            : "\(plan.used.rawValue) (asked: \(plan.requested.rawValue)), \(Self.folds(plan.folds.count))"
        return [
            "protocol": protocolLine,
            "speaker_normalization": Self.normalizationText(
                settings.train.speakerNormalization, folds: record.normalization, final: record.finalNormalization,
                innerFolds: settings.train.search.innerFolds),
            "notes": plan.notes.joined(separator: " "),
        ]
    }

    /// `fitSeconds`: each model's CPU time over its folds (shown for the deep models; not in any compared output).
    private func section(_ record: TrainingRecord, figures: [ReportFigure], fitSeconds: [ModelKind: Double])
        -> ReportSection
    {
        let train = settings.train
        func describe(_ choice: [String: String]) -> String {
            choice.keys.sorted().map { "\($0)=\(choice[$0]!)" }.joined(separator: ", ")
        }
        let searched = record.models.filter { !$0.finalChoice.isEmpty }
        let search = train.search
        let models = train.parameters
        var tables: [ReportTable] = []
        if train.speakerNormalization == .auto {
            tables.append(Self.normalizationTable(record.normalization, final: record.finalNormalization))
        }
        if !searched.isEmpty {
            tables.append(
                ReportTable(
                    caption: searched.contains { $0.kind == .fusion }
                        ? "Chosen inside each training fold: the inner grid search's parameters (UAR over \(search.innerFolds) inner folds), fusion's weights (the lowest cross-entropy on the fold's validation speakers, the models refitted without them)"
                        : "Chosen by the inner grid search (UAR over \(search.innerFolds) inner folds of each training fold)",
                    columns: ["model"] + (0..<record.foldCount).map { "fold \($0 + 1)" } + ["final model"],
                    rows: searched.map { model in
                        [model.kind.title] + model.chosen.map(describe) + [describe(model.finalChoice)]
                    }))
        }
        let deep = record.models.filter { $0.chosenEpochs != nil }
        if !deep.isEmpty {
            tables.append(
                ReportTable(
                    caption:
                        "Deep models: trainable values, the epoch whose weights each fold kept (of the epochs it ran before early stopping), and CPU time over the folds",
                    columns: ["model", "parameters"] + (0..<record.foldCount).map { "fold \($0 + 1)" } + ["training"],
                    rows: deep.map { model in
                        let epochs = model.chosenEpochs ?? []
                        let kept = model.curves.indices.map { fold in
                            fold < epochs.count ? "\(epochs[fold] + 1) of \(model.curves[fold].loss.count)" : ""
                        }
                        return [model.kind.title, "\(model.parameterCount ?? 0)"] + kept
                            + [String(format: "%.0f s", fitSeconds[model.kind] ?? 0)]
                    }))
        }
        var searchLine: [String] = []
        if !search.svmC.isEmpty { searchLine.append("svm C \(search.svmC.map { "\($0)" }.joined(separator: "/"))") }
        if !search.svmGamma.isEmpty {
            searchLine.append("svm gamma \(search.svmGamma.map(\.text).joined(separator: "/"))")
        }
        if !search.forestTrees.isEmpty {
            searchLine.append("rf n_estimators \(search.forestTrees.map(String.init).joined(separator: "/"))")
        }
        return ReportSection(
            id: id, title: "Train", narrative: "",
            parameters: [
                ReportPair("protocol", train.evaluation.rawValue),
                ReportPair(
                    "folds",
                    record.foldCount == train.folds
                        ? "\(train.folds)" : "\(record.foldCount) (asked: \(train.folds); \(record.usedProtocol))"),
                ReportPair("seed", "\(train.seed)"),
                ReportPair(
                    "speaker_normalization",
                    "\(train.speakerNormalization.rawValue): "
                        + Self.normalizationSummary(record.normalization, final: record.finalNormalization)),
                ReportPair("models", train.models.map(\.rawValue).joined(separator: ", ")),
                ReportPair("rf", "n_estimators \(models.rf.nEstimators)"),
                ReportPair(
                    "xgb",
                    "n_estimators \(models.xgb.nEstimators), learning_rate \(models.xgb.learningRate), max_depth \(models.xgb.maxDepth)"
                ),
                ReportPair(
                    "svm",
                    "RBF, C \(models.svm.c), gamma \(models.svm.gamma.text), class_weight \(models.svm.classWeight.rawValue)"
                ),
                ReportPair(
                    "mlp",
                    "ReLU \(models.mlp.hiddenLayerSize), Adam, alpha \(models.mlp.alpha), early stopping on \(models.mlp.validationFraction) of each training fold"
                ),
                ReportPair(
                    "logreg",
                    "liblinear, L2, one-vs-rest, C \(models.logreg.c), class_weight \(models.logreg.classWeight.rawValue), tol \(models.logreg.tol)"
                ),
                ReportPair(
                    "gru",
                    "bidirectional, \(models.gru.hiddenSize) units each way, mean+max pooling over frames, dropout \(models.gru.dropout), Adam \(models.gru.learningRate), at most \(models.gru.epochs) epochs, early stopping on \(train.validationSpeakers) of each training fold's speakers (patience \(models.gru.patience))"
                        + (models.gru.masking ? ", masking" : "")
                        + (models.gru.noise > 0 ? ", noise \(models.gru.noise)" : "")
                        + (models.gru.averaging > 0 ? ", weights averaged (\(models.gru.averaging))" : "")),
                ReportPair(
                    "cnn",
                    "log-mel \(models.cnn.melBands) bands, 3×3 convolution blocks of \(models.cnn.channels.map(String.init).joined(separator: "/")) channels (batch norm, ReLU, 2×2 max pooling), mean over time, dropout \(models.cnn.dropout), Adam \(models.cnn.learningRate), at most \(models.cnn.epochs) epochs (patience \(models.cnn.patience))"
                ),
                ReportPair(
                    "validation_speakers",
                    "\(train.validationSpeakers) of each training fold's speakers (deep models' early stopping, fusion's weights)"
                ),
                ReportPair("search", searchLine.isEmpty ? "off" : searchLine.joined(separator: "; ")),
                ReportPair(
                    "importance_repeats",
                    train.importanceRepeats > 0
                        ? "\(train.importanceRepeats) shuffles of each feature group (and, for logistic regression, of each feature) per test fold (permutation importance)"
                        : "0 (permutation importance not measured)"),
            ],
            timing: "", figures: figures, tables: tables)
    }
}

/// Fit times for `run.json`: what differs from run to run, kept out of every compared output.
struct RunTimes: Codable, Sendable {
    /// Seconds spent fitting each model, summed over the folds of cross-validation.
    var fitSeconds: [String: Double]
    /// Deciding speaker normalisation (`auto`): the inner comparisons of every fold and of all clips.
    var speakerNormalizationSeconds: Double
    var crossValidationSeconds: Double
    var finalFitSeconds: Double
    /// The deep models' folds and final fits, together (they run after the others).
    var deepModelsSeconds: Double

    enum CodingKeys: String, CodingKey {
        case fitSeconds = "fit_seconds"
        case speakerNormalizationSeconds = "speaker_normalization_seconds"
        case crossValidationSeconds = "cross_validation_seconds"
        case finalFitSeconds = "final_fit_seconds"
        case deepModelsSeconds = "deep_models_seconds"
    }

    init(_ training: Training) {
        func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        }
        fitSeconds = Dictionary(uniqueKeysWithValues: training.evaluations.map { ($0.kind.rawValue, $0.fitSeconds) })
        speakerNormalizationSeconds = seconds(training.normalizationTime)
        crossValidationSeconds = seconds(training.evaluateTime)
        finalFitSeconds = seconds(training.finalFitTime)
        deepModelsSeconds = seconds(training.deepTime)
    }
}
