/// What serreport agrees to decode, checked against a file's header before any sample buffer is
/// allocated, and against the data as it is read (a header can understate its length).
///
/// A header is only bytes: a damaged or hostile one can declare a 1 Hz or 4 GHz rate, 65 535
/// channels or days of audio, and decoding it as declared would exhaust memory or run for hours.
/// Speech-emotion clips are seconds long, mono or stereo, at 8–48 kHz, so the limits are far beyond
/// any corpus and still small enough that every worker can hold its clip in memory.
package enum AudioLimits {
    /// The lowest and highest sample rate read: 1 kHz is below any speech recording (telephone
    /// speech is 8 kHz), 768 kHz is the highest rate audio interfaces record (the range
    /// `sample_rate` allows too).
    package static let sampleRates = 1000...768_000
    /// Channels at most: speech is recorded mono or stereo; 64 covers microphone arrays and
    /// seventh-order ambisonics.
    package static let maximumChannels = 64
    /// The longest audio read, in seconds: one hour. A speech-emotion clip lasts seconds; a longer
    /// file is a session to cut into clips, and one hour at 48 kHz is already 660 MB of float samples
    /// per worker.
    package static let maximumSeconds = 3600
    /// Decoded samples (frames × channels) at most: 2^28 (1 GiB of float32), which an hour of mono
    /// at 48 kHz stays under, so a high rate or many channels cannot multiply the memory an hour takes.
    package static let maximumSamples = 1 << 28
    /// The largest file read or hashed, in bytes: 4 GiB, twice what ``maximumSamples`` take at 64 bits
    /// a sample, room for any metadata a recorder adds. A larger file (a sparse terabyte named
    /// `x.wav`) cannot be a clip serreport reads, and hashing it alone would take minutes.
    package static let maximumFileBytes: Int64 = 4 << 30

    /// Why a file with this header cannot be read, or nil when it is within the limits.
    /// `frames` is nil when the header does not say how long the audio is.
    package static func problem(sampleRate: Int, channels: Int, frames: Int64?) -> String? {
        guard channels >= 1 else { return "its header declares \(channels) channels" }
        guard channels <= maximumChannels else {
            return "its header declares \(channels) channels; serreport reads at most \(maximumChannels)"
        }
        guard sampleRates.contains(sampleRate) else {
            return "its header declares a sample rate of \(sampleRate) Hz; serreport reads 1 kHz to 768 kHz"
        }
        guard let frames else { return nil }
        return problem(frames: frames, sampleRate: sampleRate, channels: channels)
    }

    /// Why this much audio is too much, or nil.
    package static func problem(frames: Int64, sampleRate: Int, channels: Int) -> String? {
        let seconds = Double(frames) / Double(sampleRate)
        if seconds > Double(maximumSeconds) {
            return "it is \(duration(seconds)) long; serreport reads clips of up to 1 hour "
                + "(an emotion clip lasts seconds: cut long recordings into clips)"
        }
        if frames > Int64(maximumSamples) || frames * Int64(channels) > Int64(maximumSamples) {
            return "it holds \(frames) frames of \(channels) channels, more than the \(maximumSamples) samples "
                + "(1 GiB) serreport reads from one file"
        }
        return nil
    }

    /// Why a file of `bytes` is too large to read, or nil.
    package static func problem(fileBytes bytes: Int64) -> String? {
        guard bytes > maximumFileBytes else { return nil }
        let gigabytes = String(Double(bytes) / Double(1 << 30))
        return "it is \(gigabytes.prefix(6)) GiB, larger than the 4 GiB serreport reads as one clip"
    }

    /// "2 h 13 min", "61 min", "12 days".
    static func duration(_ seconds: Double) -> String {
        if seconds >= 2 * 86400 { return "\(Int(seconds / 86400)) days" }
        if seconds >= 7200 { return "\(Int(seconds / 3600)) h \(Int(seconds / 60) % 60) min" }
        return "\(Int((seconds / 60).rounded(.down))) min"
    }
}
