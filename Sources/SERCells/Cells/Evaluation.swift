import SERCorpus
import SERFigures
import SERLearn
import SERReport

/// The models' scores, computed from the train cell's record: pooled over every test fold, per fold,
/// and per speaker.
struct Evaluation {
    struct ModelScores {
        var kind: ModelKind
        var pooled: ClassificationScores
        var folds: [ClassificationScores]
        /// Accuracy on each speaker's tested clips, speakers in name order.
        var speakerAccuracy: [(speaker: String, accuracy: Double)]
    }

    let record: TrainingRecord
    let models: [ModelScores]

    init(_ record: TrainingRecord) {
        self.record = record
        let truth = record.truth
        let classCount = record.classNames.count
        models = record.models.map { model in
            let tested = model.predictions.indices.filter { model.predictions[$0].fold >= 0 }
            func scores(_ rows: [Int]) -> ClassificationScores {
                ClassificationScores(
                    truth: rows.map { truth[$0] }, predicted: rows.map { model.predictions[$0].label },
                    classCount: classCount)
            }
            var tally: [String: (correct: Int, total: Int)] = [:]
            for row in tested where !record.rows[row].speaker.isEmpty {
                let speaker = record.rows[row].speaker
                tally[speaker, default: (0, 0)].total += 1
                if model.predictions[row].label == truth[row] { tally[speaker, default: (0, 0)].correct += 1 }
            }
            return ModelScores(
                kind: model.kind, pooled: scores(tested),
                folds: (0..<record.foldCount).map { fold in scores(tested.filter { model.predictions[$0].fold == fold })
                },
                speakerAccuracy: tally.keys.sorted().map { ($0, Double(tally[$0]!.correct) / Double(tally[$0]!.total)) }
            )
        }
    }

    /// The model with the highest pooled UAR (the first on a tie).
    var best: ModelScores? {
        models.enumerated().max { a, b in (a.element.pooled.uar, -a.offset) < (b.element.pooled.uar, -b.offset) }?
            .element
    }

    /// The models as the evaluate figures take them.
    var figureEvaluations: [ModelEvaluation] {
        models.map { model in
            ModelEvaluation(
                name: model.kind.rawValue, title: model.kind.title, labels: record.classNames,
                confusion: model.pooled.confusion, f1: model.pooled.perClass.map(\.f1),
                accuracy: FoldScores(model.folds.map(\.accuracy)), uar: FoldScores(model.folds.map(\.uar)),
                macroF1: FoldScores(model.folds.map(\.macroF1)), speakerAccuracy: model.speakerAccuracy)
        }
    }

    /// `metrics.json`: every model's scores keyed by short name, the best model and the protocol.
    func metrics(settings: Settings) -> MetricsFile {
        func rounded(_ value: Double) -> Double { (value * 1e6).rounded() / 1e6 }
        func fold(_ scores: ClassificationScores) -> MetricsFile.FoldScore {
            .init(accuracy: rounded(scores.accuracy), uar: rounded(scores.uar), macroF1: rounded(scores.macroF1))
        }
        func spread(_ values: [Double]) -> (Double, Double) {
            let scores = FoldScores(values)
            return (rounded(scores.mean), rounded(scores.spread))
        }
        var files: [String: MetricsFile.Model] = [:]
        for model in models {
            let scores = model.pooled
            let accuracy = spread(model.folds.map(\.accuracy))
            let uar = spread(model.folds.map(\.uar))
            let f1 = spread(model.folds.map(\.macroF1))
            files[model.kind.rawValue] = MetricsFile.Model(
                title: model.kind.title, accuracy: rounded(scores.accuracy), uar: rounded(scores.uar),
                macroF1: rounded(scores.macroF1),
                perClass: Dictionary(
                    uniqueKeysWithValues: zip(record.classNames, scores.perClass).map {
                        (
                            $0,
                            MetricsFile.ClassScore(
                                precision: rounded($1.precision), recall: rounded($1.recall), f1: rounded($1.f1),
                                support: $1.support)
                        )
                    }),
                confusion: scores.confusion, labels: record.classNames, folds: model.folds.map(fold),
                foldMean: .init(accuracy: accuracy.0, uar: uar.0, macroF1: f1.0),
                foldStd: .init(accuracy: accuracy.1, uar: uar.1, macroF1: f1.1),
                perSpeaker: Dictionary(
                    uniqueKeysWithValues: model.speakerAccuracy.map { ($0.speaker, rounded($0.accuracy)) }),
                importance: record.importance(of: model.kind).map { groups in
                    groups.map {
                        MetricsFile.GroupImportance(
                            group: $0.name, uarDrop: rounded($0.mean), std: rounded($0.spread),
                            folds: $0.folds.map(rounded))
                    }
                },
                featureImportance: record.featureImportance(of: model.kind).map { features in
                    features.prefix(FeatureImportance.shown).map {
                        MetricsFile.FeatureImportanceEntry(
                            feature: $0.name, crossEntropyRise: rounded($0.mean), std: rounded($0.spread),
                            folds: $0.folds.map(rounded))
                    }
                },
                training: record.models.first(where: { $0.kind == model.kind }).flatMap { trained in
                    trained.chosenEpochs.map { epochs in
                        MetricsFile.DeepTraining(
                            parameters: trained.parameterCount ?? 0, chosenEpochs: epochs,
                            trainingLoss: trained.curves.map { $0.loss.map(rounded) },
                            validationUAR: trained.curves.map { $0.validation.map(rounded) })
                    }
                })
        }
        func rounded(_ decision: SpeakerNormalizationDecision) -> SpeakerNormalizationDecision {
            var decision = decision
            decision.innerUAROn = decision.innerUAROn.map(rounded)
            decision.innerUAROff = decision.innerUAROff.map(rounded)
            return decision
        }
        return MetricsFile(
            models: files, best: best?.kind.rawValue ?? "", bestSelection: "test-max",
            bestSelectionNote: Self.bestSelectionNote(models: models.count),
            protocol: .init(
                requested: record.requestedProtocol, used: record.usedProtocol, folds: record.foldCount,
                seed: settings.train.seed, speakerNormalization: settings.train.speakerNormalization.rawValue,
                speakerNormalizationFolds: record.normalization.map(rounded),
                speakerNormalizationFinal: rounded(record.finalNormalization),
                notes: record.notes),
            clips: record.rows.count,
            excluded: Dictionary(record.excluded.map { ($0.path, $0.reason) }, uniquingKeysWith: { first, _ in first }))
    }

    /// How `best` is chosen, for metrics.json and the report: the highest of `models` pooled test UARs.
    static func bestSelectionNote(models: Int) -> String {
        "the model with the highest UAR pooled over the test folds, of \(models) compared: the test folds chose it, so its score is an optimistic estimate of a model chosen in advance"
    }

    /// `predictions.csv`: per clip and model, the fold it was tested in, the true and predicted emotion
    /// and every class's probability.
    func predictionsTable() -> CSVTable {
        var table = CSVTable(
            header: ["path", "speaker", "model", "fold", "true", "predicted"] + record.classNames.map { "p_\($0)" })
        for model in record.models {
            for (row, prediction) in zip(record.rows, model.predictions) where prediction.fold >= 0 {
                table.append(
                    [
                        row.path, row.speaker, model.kind.rawValue, "\(prediction.fold)", row.emotion,
                        record.classNames[prediction.label],
                    ] + prediction.probabilities.map { "\((($0 * 1e6).rounded() / 1e6))" })
            }
        }
        return table
    }
}
