/// The one error type of SERAudio: what failed, on which file, and why.
///
/// Its description is a single line a person can act on, e.g.
/// `Samples/x.wav: not an audio file (libsndfile: Format not recognised)`.
package struct AudioError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What kind of failure this is; new codes can be added without breaking callers.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: Hashable, Sendable {
            case unreadable, unavailable, empty, invalidSamples, beyondLimits, resampling, denoising, writing
        }
        private let kind: Kind

        /// The file's bytes are not audio libsndfile decodes: an unknown format, a damaged header or
        /// stream, an encoding it does not read.
        package static let unreadable = Code(kind: .unreadable)
        /// The file could not be opened or read at this moment: missing, not permitted, not a regular
        /// file, or a failure of the system (an I/O error, a full disk, too many open files, no memory, an
        /// interrupted call). Nothing here is a property of the file's content.
        package static let unavailable = Code(kind: .unavailable)
        /// The file decodes but holds no audio samples.
        package static let empty = Code(kind: .empty)
        /// The samples contain NaN or infinity.
        package static let invalidSamples = Code(kind: .invalidSamples)
        /// The header declares, or the data holds, more than serreport reads (``AudioLimits``): a rate
        /// outside 1 kHz–768 kHz, too many channels, too long.
        package static let beyondLimits = Code(kind: .beyondLimits)
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

    /// Whether the same bytes (with the same settings) always fail the same way, so the failure may be
    /// remembered as the clip's reason: true for everything but ``Code/unavailable``, whose failures
    /// depend on the moment (a full disk, an I/O error, a file that vanished) and must be tried again.
    package var isLasting: Bool { code != .unavailable }
}
