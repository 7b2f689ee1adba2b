/// Containers and encodings serreport writes.
package enum AudioFileFormat: String, Sendable, CaseIterable, CustomStringConvertible {
    case wav16, wav24, wavFloat, flac16, flac24

    package var description: String { rawValue }
}

/// Reading and writing audio files through libsndfile.
package enum AudioFile {
    /// Decodes every channel at the file's own rate, as `soundfile.read(dtype="float32")` does.
    ///
    /// Throws ``AudioError`` naming the file for a missing, unreadable, non-audio, empty or
    /// NaN/Inf-laden file.
    package static func read(path: String) throws(AudioError) -> DecodedAudio {
        try SndFile.read(path: path)
    }

    /// Writes interleaved samples in `format`; integer formats clip to full scale.
    package static func write(
        _ samples: [Float], channelCount: Int = 1, sampleRate: Int, format: AudioFileFormat, to path: String
    ) throws(AudioError) {
        try SndFile.write(
            path: path, samples: samples, channelCount: channelCount, sampleRate: sampleRate, format: format)
    }
}
