/// The one error type of SERAudio: what failed, on which file, and why.
///
/// Its description is a single line a person can act on, e.g.
/// `Samples/x.wav: not an audio file (libsndfile: Format not recognised)`.
package struct AudioError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What kind of failure this is; new codes can be added without breaking callers.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: Hashable, Sendable {
            case unreadable, empty, invalidSamples, resampling, denoising, writing
        }
        private let kind: Kind

        /// The file is missing, unreadable, or not in a format libsndfile decodes.
        package static let unreadable = Code(kind: .unreadable)
        /// The file decodes but holds no audio samples.
        package static let empty = Code(kind: .empty)
        /// The samples contain NaN or infinity.
        package static let invalidSamples = Code(kind: .invalidSamples)
        /// libsoxr rejected the conversion.
        package static let resampling = Code(kind: .resampling)
        /// Noise reduction could not run: a parameter noisereduce would reject (for this sample
        /// rate), or FFTW could not plan its transforms.
        package static let denoising = Code(kind: .denoising)
        /// An audio file could not be written.
        package static let writing = Code(kind: .writing)

        package var description: String { "\(kind)" }
    }

    package let code: Code
    /// The file the failure is about, as the caller named it.
    package let path: String
    /// Why, in a few words.
    package let reason: String

    package init(_ code: Code, path: String, reason: String) {
        self.code = code
        self.path = path
        self.reason = reason
    }

    package var description: String { "\(path): \(reason)" }
}
