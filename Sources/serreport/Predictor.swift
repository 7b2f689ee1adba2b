import Foundation
import SERAudio
import SERCells
import SERDSP
import SERFiles
import SERLearn
import SERNotebook
import SERParallel

/// One file's predicted emotion with every class's probability.
struct Prediction: Sendable {
    var file: String
    var emotion: String
    var model: String
    /// Class names and probabilities, in the model's class order.
    var probabilities: [(emotion: String, probability: Double)]
}

/// `serreport predict`: a built report's saved model, scaler and settings applied to new files —
/// the same load → process → extract as the build, the same speaker normalisation and scaling, then
/// the model.
///
/// Every file of the report is read and checked in full, and against the others, before any audio
/// is decoded (see ``SavedReportModel``): a damaged, truncated or hostile file is one line naming it
/// and the reason, never a trap, a hang or a wrong prediction.
struct Predictor {
    let settings: Settings
    let labels: [String]
    let scaler: ScalerFile
    let model: ModelKind
    /// The model's file, for messages about what it predicts.
    let modelPath: String
    private let classifier: any TrainedClassifier
    /// For `fusion`: the models it fuses.
    private let members: [any TrainedClassifier]

    /// The short name of the model used (rf, xgb, svm, mlp, logreg, gru).
    var modelName: String { model.rawValue }

    /// Reads `report/models/`; `model` picks one by short name, otherwise the report's best.
    init(report: String, model: String?) throws(CommandError) {
        let saved = try Self.consistent(report: report, model: model)
        settings = saved.settings
        labels = saved.labels
        scaler = saved.scaler
        self.model = saved.kind
        modelPath = saved.modelPath
        classifier = saved.classifier
        members = saved.members
    }

    /// The report's saved files, all from one build: a build running meanwhile swaps a new report folder
    /// in whole, so the files are read again (three times at most) if the folder's build token changed
    /// while they were read; a mix of two builds' settings, scaler and model would predict nonsense.
    private static func consistent(report: String, model: String?) throws(CommandError) -> SavedReportModel {
        for _ in 0..<3 {
            let before = ReportFolder.buildToken(of: report)
            let saved: Result<SavedReportModel, CommandError> = Result { () throws(CommandError) in
                try SavedReportModel(report: report, model: model)
            }
            guard before == ReportFolder.buildToken(of: report) else { continue }
            return try saved.get()
        }
        throw CommandError(
            "\(report): changed while predict read it (a build is writing it again and again?); try again when it is done"
        )
    }

    /// Predicts every file; with `sameSpeaker`, the files are speaker-normalised together as one
    /// speaker's clips, otherwise each with the training corpus's typical speaker statistics.
    func predict(paths: [String], sameSpeaker: Bool, jobs: Int) throws(CommandError) -> [Result<
        Prediction, ClipError
    >] {
        let settings = self.settings
        let analyses = ParallelJobs.map(
            count: paths.count, workers: jobs, makeState: { settings.clipAnalyzer() },
            body: { analyzer, index in
                Result { () throws(ClipError) in
                    // A FIFO or a device would block the decoder or never end: refuse it by its type.
                    if let kind = FileKind.irregular(at: paths[index]) {
                        throw ClipError(path: paths[index], reason: "is \(kind.phrase), not an audio file")
                    }
                    return try analyzer.analyze(path: paths[index])
                }
            })
        let featureCount = scaler.featureNames.count
        // With --same-speaker every file counts toward the speaker's statistics: a file given twice (under
        // any name) would count twice, and two copies alone have no spread at all.
        var sameFile: [Int: Int] = [:]
        var seen: [FileIdentity: Int] = [:]
        for (index, path) in paths.enumerated() {
            guard let identity = FileIdentity(path) else { continue }
            if let first = seen[identity] { sameFile[index] = first } else { seen[identity] = index }
        }
        var good: [Int] = []
        var rows: [[Double]] = []
        var sequences: [[Double]] = []
        var logMels: [[Double]] = []
        let recurrent = ([classifier] + members).contains { $0 is RecurrentClassifier }
        let bands = ([classifier] + members).compactMap { ($0 as? ConvolutionalClassifier)?.model.network.bands }.first
        var rejected: [Int: String] = [:]
        for (index, analysis) in analyses.enumerated() {
            guard case .success(let clip) = analysis else { continue }
            // What a build skips (silent, too short) is no clip for its model either.
            if let problem = clip.processed.unusable {
                rejected[index] = problem
                continue
            }
            if sameSpeaker, let first = sameFile[index] {
                rejected[index] =
                    "is the same file as \(paths[first]); --same-speaker normalises each of the speaker's clips once"
                continue
            }
            guard clip.features.summary.count == featureCount else {
                rejected[index] = "gives \(clip.features.summary.count) features, the model takes \(featureCount)"
                continue
            }
            guard clip.features.summary.allSatisfy(\.isFinite) else {
                rejected[index] = "a feature is NaN or infinite"
                continue
            }
            if recurrent {
                guard clip.features.frameCount > 0 else {
                    rejected[index] = "shorter than one frame (no frame features)"
                    continue
                }
                sequences.append(FrameSequence.frames(clip.features.frames.flatMap(\.rows)).map(Double.init))
            }
            if let bands {
                do {
                    let logMel = try ClipExtractor.logMel(
                        clip.processed.samples, sampleRate: clip.processed.sampleRate, features: settings.features,
                        bands: bands)
                    guard !logMel.isEmpty else {
                        rejected[index] = "shorter than one frame (no log-mel spectrogram)"
                        continue
                    }
                    logMels.append(logMel.map(Double.init))
                } catch {
                    rejected[index] = "log-mel spectrogram: \(error.reason)"
                    continue
                }
            }
            good.append(index)
            rows.append(clip.features.summary)
        }
        var predicted: [Int: Prediction] = [:]
        if !rows.isEmpty {
            let output = try classify(
                Matrix(rows: rows), sequences: sequences, logMels: logMels, sameSpeaker: sameSpeaker,
                files: good.map { paths[$0] })
            for (position, index) in good.enumerated() {
                predicted[index] = Prediction(
                    file: paths[index], emotion: labels[output.labels[position]], model: model.rawValue,
                    probabilities: labels.indices.map { (labels[$0], output.probabilities[position, $0]) })
            }
        }
        return analyses.indices.map { index in
            if let prediction = predicted[index] { return .success(prediction) }
            if case .failure(let error) = analyses[index] { return .failure(error) }
            return .failure(ClipError(path: paths[index], reason: rejected[index] ?? "no prediction"))
        }
    }

    /// Runs the model (for fusion, every model it fuses, then their weighted mean) and checks what it gives:
    /// a class of the labels and finite probabilities from 0 to 1 adding up to 1 for every row.
    private func classify(
        _ rows: Matrix, sequences: [[Double]], logMels: [[Double]], sameSpeaker: Bool, files: [String]
    )
        throws(CommandError) -> (labels: [Int], probabilities: Matrix)
    {
        if let fusion = classifier as? FusionClassifier {
            var outputs: [[[Double]]] = []
            for member in members {
                let output = try check(
                    self.output(member, rows, sequences: sequences, logMels: logMels, sameSpeaker: sameSpeaker),
                    rows: rows.rows,
                    files: files)
                outputs.append((0..<output.probabilities.rows).map { Array(output.probabilities.row($0)) })
            }
            let fused = Matrix(rows: LateFusion.fuse(outputs, weights: fusion.fusion.weights))
            return try check(((0..<fused.rows).map { fused.argmax(row: $0) }, fused), rows: rows.rows, files: files)
        }
        return try check(
            output(classifier, rows, sequences: sequences, logMels: logMels, sameSpeaker: sameSpeaker),
            rows: rows.rows, files: files)
    }

    /// One model's classes and probabilities for the files, their features normalised and scaled as the build
    /// did (the GRU's frames, the other models' clip statistics).
    private func output(
        _ classifier: any TrainedClassifier, _ rows: Matrix, sequences: [[Double]], logMels: [[Double]],
        sameSpeaker: Bool
    ) throws(CommandError) -> (labels: [Int], probabilities: Matrix) {
        if let recurrent = classifier as? RecurrentClassifier {
            return deepOutput(
                sequences, width: recurrent.model.network.inputSize, typical: recurrent.typicalSpeaker,
                sameSpeaker: sameSpeaker, probabilities: recurrent.probabilities(sequences:))
        }
        if let convolutional = classifier as? ConvolutionalClassifier {
            return deepOutput(
                logMels, width: convolutional.model.network.bands, typical: convolutional.typicalSpeaker,
                sameSpeaker: sameSpeaker, probabilities: convolutional.probabilities(sequences:))
        }
        var features = rows
        if scaler.speakerNormalization {
            if sameSpeaker && rows.rows >= 2 {
                features = SpeakerNormalization.normalized(
                    features, speakers: Array(repeating: "s", count: rows.rows))
            } else if let mean = scaler.typicalSpeakerMean, let scale = scaler.typicalSpeakerScale {
                features = SpeakerNormalization.normalized(features, mean: mean, scale: scale)
            }
        }
        features = SpeakerNormalization.normalized(features, mean: scaler.mean, scale: scaler.scale)
        let output: (labels: [Int], probabilities: Matrix)
        do {
            output = try classifier.predict(features)
        } catch {
            let path =
                classifier.kind == model
                ? modelPath : (modelPath as NSString).deletingLastPathComponent + "/" + classifier.kind.fileName
            throw CommandError("\(path): \(SavedModelFile.oneLine("\(error)"))")
        }
        return output
    }

    /// A deep model's classes and probabilities for each clip's frames (`width` values each), speaker-normalised
    /// as the build did (the files together as one speaker's with `sameSpeaker`, otherwise by the training
    /// corpus's typical speaker).
    private func deepOutput(
        _ sequences: [[Double]], width: Int, typical: FrameStandardizer?, sameSpeaker: Bool,
        probabilities: ([[Double]]) -> [[Double]]
    ) -> (labels: [Int], probabilities: Matrix) {
        var inputs = sequences
        if scaler.speakerNormalization {
            if sameSpeaker && inputs.count >= 2 {
                inputs = RecurrentEvaluation.speakerNormalized(
                    inputs, speakers: Array(repeating: "s", count: inputs.count), width: width)
            } else if let typical {
                inputs = inputs.map(typical.scaled)
            }
        }
        let matrix = Matrix(rows: probabilities(inputs))
        return ((0..<matrix.rows).map { matrix.argmax(row: $0) }, matrix)
    }

    /// Checks what a model gave: a class of the labels and finite probabilities from 0 to 1 adding up to 1 for
    /// every one of `rows` files.
    private func check(_ output: (labels: [Int], probabilities: Matrix), rows: Int, files: [String])
        throws(CommandError) -> (labels: [Int], probabilities: Matrix)
    {
        guard output.labels.count == rows, output.probabilities.rows == rows,
            output.probabilities.columns == labels.count
        else {
            throw CommandError(
                "\(modelPath): the \(model.title) model gave \(output.labels.count) answers of "
                    + "\(output.probabilities.columns) classes for \(rows) files of \(labels.count) classes")
        }
        for (row, file) in files.enumerated() {
            let shares = output.probabilities.row(row)
            let label = output.labels[row]
            guard labels.indices.contains(label), shares.allSatisfy({ $0.isFinite && $0 >= -1e-9 && $0 <= 1 + 1e-6 }),
                abs(shares.reduce(0, +) - 1) <= 1e-3
            else {
                throw CommandError(
                    "\(modelPath): the \(model.title) model gives \(file) class \(label) with probabilities "
                        + "\(shares.map { "\($0)" }.joined(separator: ", ")) (its numbers are out of range)")
            }
        }
        return output
    }
}

/// A file as the file system knows it (device and inode), whatever the path that names it.
struct FileIdentity: Hashable {
    let device: UInt64
    let inode: UInt64

    init?(_ path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
    }
}
