import SERParallel

/// Fits several models on the same standardised data at once, one thread each, seeded per model as
/// ``CrossValidation`` does, so the result does not depend on `workers`. Logistic regression's binary
/// problems are jobs of their own (one class against the rest each), so that its fit, usually the longest,
/// does not keep one core busy while the other waits.
package enum FinalFit {
    package static func fit(
        _ kinds: [ModelKind], features: Matrix, labels: [Int], classCount: Int, settings: ModelParameters,
        seed: UInt64, workers: Int
    ) throws -> [any TrainedClassifier] {
        // Data logistic regression refuses goes the whole-model way, which throws the same error in job order.
        let logreg =
            kinds.contains(.logreg) && features.rows >= 2 && features.isFinite
            ? try? LogisticRegression.Problems(
                features: features, labels: labels, classCount: classCount, settings: settings.logreg) : nil
        let jobs = kinds.enumerated().flatMap { index, kind -> [Job] in
            guard kind == .logreg, let logreg else { return [.model(index)] }
            return logreg.positiveClasses.indices.map { Job.problem(model: index, problem: $0) }
        }
        let order = jobs.indices.sorted {
            (kinds[jobs[$0].model].startRank, $0) < (kinds[jobs[$1].model].startRank, $1)
        }
        let parts = try ParallelJobs.map(count: jobs.count, workers: workers, order: order) { index throws -> Part in
            switch jobs[index] {
            case .model(let model):
                let kind = kinds[model]
                return .model(
                    Box(
                        model: try kind.fit(
                            features: features, labels: labels, classCount: classCount, settings: settings,
                            seed: SeededGenerator.derived(
                                from: seed, UInt64(ModelKind.allCases.firstIndex(of: kind)!), UInt64.max))))
            case .problem(_, let problem):
                return .problem(try logreg!.fit(problem))
            }
        }
        var models: [any TrainedClassifier] = []
        var position = 0
        for kind in kinds {
            if kind == .logreg, let logreg {
                let fits = parts[position..<(position + logreg.positiveClasses.count)].map { part in
                    guard case .problem(let fit) = part else { preconditionFailure("a problem's job gives its fit") }
                    return fit
                }
                position += fits.count
                models.append(LogisticRegression(weights: logreg.weights(fits)))
            } else {
                guard case .model(let box) = parts[position] else { preconditionFailure("a model's job gives it") }
                position += 1
                models.append(box.model)
            }
        }
        return models
    }

    /// A whole model's fit, or one binary problem of a logistic regression, by the model's index in `kinds`.
    private enum Job {
        case model(Int)
        case problem(model: Int, problem: Int)

        var model: Int {
            switch self {
            case .model(let model), .problem(let model, _): model
            }
        }
    }

    private enum Part: Sendable {
        case model(Box)
        case problem(LogisticRegression.Problems.Fit?)
    }

    /// A fitted model crossing from the worker thread that made it to the caller; it is not used by
    /// two threads at once.
    private struct Box: @unchecked Sendable {
        let model: any TrainedClassifier
    }
}
