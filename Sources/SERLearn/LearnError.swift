/// Why a model could not be fitted or read back: the one error type of SERLearn, thrown for data a
/// model cannot learn from and for saved model files that are damaged (never for programmer errors
/// such as mismatched shapes in memory, which are preconditions).
package struct LearnError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure this is; compare with the static members. New codes may be added.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: String, Hashable, Sendable {
            case tooFewRows = "too few rows"
            case invalidComponentCount = "invalid component count"
            case nonFiniteValue = "non-finite value"
            case lapackFailure = "LAPACK failure"
            case unusableLabels = "unusable labels"
            case unusableProtocol = "unusable protocol"
            case libraryFailure = "library failure"
            case malformedModel = "malformed model"
            case needsFrames = "needs frames"
        }

        private let kind: Kind

        private init(_ kind: Kind) {
            self.kind = kind
        }

        /// The data has fewer rows (samples) than the model needs.
        package static let tooFewRows = Code(.tooFewRows)
        /// The requested number of components is below 1 or above `min(rows, columns)`.
        package static let invalidComponentCount = Code(.invalidComponentCount)
        /// The data contains NaN or an infinity, or a statistic of it overflowed.
        package static let nonFiniteValue = Code(.nonFiniteValue)
        /// A LAPACK routine reported failure (`info != 0`) or the problem exceeds its 32-bit sizes.
        package static let lapackFailure = Code(.lapackFailure)
        /// The labels cannot train a classifier: fewer than two classes, or a class with no example.
        package static let unusableLabels = Code(.unusableLabels)
        /// The evaluation protocol cannot split this data (one speaker, fewer clips than folds…).
        package static let unusableProtocol = Code(.unusableProtocol)
        /// XGBoost or libsvm reported an error.
        package static let libraryFailure = Code(.libraryFailure)
        /// A saved model file (or its scaler, labels or settings) is damaged, inconsistent or too large.
        package static let malformedModel = Code(.malformedModel)
        /// A model that learns from frame sequences (``ModelKind/learnsFromFrames``) was given clip statistics.
        package static let needsFrames = Code(.needsFrames)

        package var description: String { kind.rawValue }
    }

    /// What kind of failure this is.
    package let code: Code
    /// One line saying what failed and why.
    package let message: String

    /// Creates an error of kind `code` that reads `message`.
    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { message }
}
