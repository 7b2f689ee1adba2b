import ArgumentParser
import Foundation
import SERAudio
import SERCells

/// `serreport predict FILE...`: a built report's model applied to new recordings.
struct Predict: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Predict the emotion of audio files with a built report's saved model.",
        discussion: """
            Uses the report's models/ folder: the settings the model was trained with, the scaler and the \
            best model by UAR on the test folds (or --model). When the saved models were trained on \
            speaker-normalised features (scaler.json's speaker_normalization; auto decides it on all \
            clips), each file is normalised with the training corpus's typical speaker (the mean of \
            its speakers' means and deviations: an approximation for one file of an unknown speaker), \
            or, with --same-speaker, all files together as one speaker's clips (more accurate when you \
            have several clips of the speaker).
            """)

    @Argument(help: "Audio files (WAV, FLAC, OGG, MP3).")
    var files: [String]

    @Option(name: .long, help: "The report folder whose models to use (default: reports/samples).")
    var report = "reports/samples"

    @Option(name: .long, help: "rf, xgb, svm, mlp, logreg, gru, cnn or fusion (default: the report's best).")
    var model: String?

    @Flag(name: .long, help: "The files are all one speaker's: normalise them together.")
    var sameSpeaker = false

    @Flag(name: .long, help: "One JSON object per line: file, emotion, model, probabilities.")
    var json = false

    @Option(name: .long, help: "Worker threads (default: all cores).")
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let outcomes: [Result<Prediction, ClipError>]
        do {
            let predictor = try Predictor(report: report, model: model)
            outcomes = try predictor.predict(
                paths: files, sameSpeaker: sameSpeaker, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        } catch {
            Standard.error("serreport: \(error.description)")
            throw ExitCode.failure
        }
        var failed = false
        for outcome in outcomes {
            switch outcome {
            case .success(let prediction):
                StandardOutput.line(json ? Self.jsonLine(prediction) : Self.textLine(prediction))
            case .failure(let error):
                Standard.error("serreport: \(error.path): \(error.reason)")
                failed = true
            }
        }
        if failed { throw ExitCode.failure }
    }

    static func textLine(_ prediction: Prediction) -> String {
        let ranked = prediction.probabilities.sorted { $0.probability > $1.probability }
        let shares = ranked.map { "\($0.emotion) \(String(format: "%.2f", $0.probability))" }.joined(separator: ", ")
        return "\(prediction.file): \(prediction.emotion) (\(prediction.model); \(shares))"
    }

    static func jsonLine(_ prediction: Prediction) -> String {
        var probabilities: [String: Double] = [:]
        for (emotion, probability) in prediction.probabilities {
            probabilities[emotion] = (probability * 1e6).rounded() / 1e6
        }
        let object: [String: Any] = [
            "file": prediction.file, "emotion": prediction.emotion, "model": prediction.model,
            "probabilities": probabilities,
        ]
        let data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
