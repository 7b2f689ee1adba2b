/// One labelled recording of a corpus.
package struct Clip: Sendable, Hashable {
    /// Path relative to the corpus root, as written in reports (never absolute).
    package var path: String
    /// Absolute or working-folder-relative path used to open the file.
    package var location: String
    package var emotion: String
    /// Empty when the corpus does not say who is speaking.
    package var speaker: String
    /// `male`, `female`, or empty when unknown.
    package var gender: String

    package init(path: String, location: String, emotion: String, speaker: String = "", gender: String = "") {
        self.path = path
        self.location = location
        self.emotion = emotion
        self.speaker = speaker
        self.gender = gender
    }
}

/// A file of the corpus that the build could not use, and why (shown in the report).
package struct SkippedFile: Sendable, Hashable, Codable {
    package var path: String
    package var reason: String

    package init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}
