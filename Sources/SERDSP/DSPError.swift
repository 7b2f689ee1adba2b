/// The one error type of SERDSP: what failed and why, in a sentence a person can act on.
///
/// Signals never cause errors (every length ≥ 0 is valid, as in librosa); only parameters that
/// librosa would reject, or an FFTW plan that cannot be made, do.
package struct DSPError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What kind of failure this is; new codes can be added without breaking callers.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: Hashable, Sendable {
            case invalidParameter, fftPlan
        }
        private let kind: Kind

        /// A feature parameter is out of range (e.g. `n_fft` ≤ 0, `n_mfcc` > `n_mels`).
        package static let invalidParameter = Code(kind: .invalidParameter)
        /// FFTW could not create a plan for the requested transform size.
        package static let fftPlan = Code(kind: .fftPlan)

        package var description: String { "\(kind)" }
    }

    package let code: Code
    /// Why, in a few words, naming the parameter and its value.
    package let reason: String

    package init(_ code: Code, reason: String) {
        self.code = code
        self.reason = reason
    }

    package var description: String { reason }
}
