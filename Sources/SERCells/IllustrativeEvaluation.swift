import Foundation
import SERFigures
import SERLearn

/// Made-up but plausible evaluation results for a corpus's emotions and speakers, so the train and
/// evaluate figures can be drawn (and looked at) before any model is trained: `serreport figures
/// --gallery` uses them, and every figure drawn from them says so in its caption. The numbers come
/// from a fixed formula, so the gallery is the same on every run.
enum IllustrativeEvaluation {
    static let caption = "Illustrative numbers, not a trained model: this gallery shows what the figure looks like."

    static func models(emotions: [String], speakers: [String]) -> [ModelEvaluation] {
        let models = [
            ("rf", "Random forest", 0.52), ("xgb", "Boosted trees", 0.55), ("svm", "SVM", 0.58), ("mlp", "MLP", 0.5),
        ]
        let classes = emotions.count
        return models.enumerated().map { modelIndex, model in
            let (name, title, skill) = model
            var confusion: [[Int]] = []
            for (row, _) in emotions.enumerated() {
                let clips = 40 + Int(20 * wave(row, 7))
                let recall = min(0.95, max(0.1, skill + 0.25 * (wave(row * 5 + modelIndex, 3) - 0.5)))
                // With one class every clip is "correct": there is nothing else to confuse it with.
                let correct = classes > 1 ? Int((Double(clips) * recall).rounded()) : clips
                var counts = Array(repeating: 0, count: classes)
                counts[row] = correct
                // The misses go to the other classes in proportion to fixed weights, most to a few of them.
                let others = emotions.indices.filter { $0 != row }
                let weights = others.map { pow(wave(row * 7 + $0 + modelIndex, 13), 3) + 0.02 }
                let total = weights.reduce(0, +)
                var left = clips - correct
                for (position, column) in others.enumerated() {
                    let share =
                        position == others.count - 1
                        ? left : min(left, Int(Double(clips - correct) * weights[position] / total))
                    counts[column] += share
                    left -= share
                }
                confusion.append(counts)
            }
            let f1 = f1Scores(confusion)
            let fold = { (offset: Int, base: Double) in
                FoldScores((0..<5).map { min(1, max(0, base + 0.08 * (wave($0 * 7 + offset + modelIndex, 5) - 0.5))) })
            }
            let accuracy =
                Double((0..<classes).map { confusion[$0][$0] }.reduce(0, +))
                / Double(max(1, confusion.flatMap { $0 }.reduce(0, +)))
            let uar =
                (0..<classes).map { Double(confusion[$0][$0]) / Double(max(1, confusion[$0].reduce(0, +))) }.reduce(
                    0, +) / Double(max(classes, 1))
            return ModelEvaluation(
                name: name, title: title, labels: emotions, confusion: confusion, f1: f1,
                accuracy: fold(1, accuracy), uar: fold(2, uar),
                macroF1: fold(3, f1.reduce(0, +) / Double(max(classes, 1))),
                speakerAccuracy: speakers.enumerated().map { index, speaker in
                    (speaker, min(1, max(0, accuracy + 0.3 * (wave(index * 3 + modelIndex, 17) - 0.5))))
                })
        }
    }

    static func trainingCurves(folds: Int = 5, epochs: Int = 60) -> [TrainingCurve] {
        (0..<folds).map { fold in
            let floor = 0.35 + 0.1 * wave(fold, 19)
            let rate = 0.06 + 0.02 * wave(fold, 23)
            return TrainingCurve(
                fold: fold + 1,
                loss: (0..<epochs).map { epoch in
                    floor + 1.7 * exp(-rate * Double(epoch)) + 0.03 * wave(epoch + fold * 100, 29)
                },
                validationScore: (0..<epochs).map { epoch in
                    0.52 - 0.35 * exp(-0.08 * Double(epoch)) + 0.04 * (wave(epoch + fold * 50, 31) - 0.5)
                })
        }
    }

    /// Permutation importance of `groups` for each of `models`, five folds each: larger for the earlier
    /// groups, a little below 0 for the last.
    static func importance(groups: [String], models: [ModelEvaluation], folds: Int = 5)
        -> (groups: [String], models: [(title: String, drops: [[Double]])])
    {
        let models = models.enumerated().map { modelIndex, model in
            (
                title: model.title,
                drops: groups.indices.map { group in
                    let level = 0.15 * exp(-0.45 * Double(group)) - 0.01
                    return (0..<folds).map { fold in level + 0.04 * (wave(group * 31 + fold * 7 + modelIndex, 37) - 0.5)
                    }
                }
            )
        }
        return (groups, models)
    }

    /// Logistic regression's permutation importance per feature over five folds: a few features well above
    /// the rest, most near 0.
    static func featureImportance(names: [String], folds: Int = 5) -> FeatureImportance {
        FeatureImportance(
            model: ModelKind.logreg.title, names: names,
            rises: names.indices.map { feature in
                let level = 0.04 * pow(wave(feature, 41), 6)
                return (0..<folds).map { fold in level + 0.01 * (wave(feature * 13 + fold, 43) - 0.5) }
            })
    }

    /// F1 per class of a confusion matrix (0 where undefined).
    static func f1Scores(_ confusion: [[Int]]) -> [Double] {
        confusion.indices.map { index in
            let truePositives = Double(confusion[index][index])
            let predicted = Double(confusion.map { $0[index] }.reduce(0, +))
            let actual = Double(confusion[index].reduce(0, +))
            return predicted + actual > 0 ? 2 * truePositives / (predicted + actual) : 0
        }
    }

    /// A fixed pseudo-random number in 0..<1 from two integers.
    private static func wave(_ index: Int, _ salt: Int) -> Double {
        let value = sin(Double(index) * 12.9898 + Double(salt) * 78.233) * 43_758.545_3
        return value - value.rounded(.down)
    }
}
