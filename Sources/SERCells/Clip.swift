/// One labelled recording of a corpus.
public struct Clip: Sendable, Hashable {
    /// Path relative to the corpus root, as written in reports (never absolute).
    public var path: String
    /// Absolute or working-folder-relative path used to open the file.
    public var location: String
    public var emotion: String
    /// Empty when the corpus does not say who is speaking.
    public var speaker: String
    /// `male`, `female`, or empty when unknown.
    public var gender: String

    public init(path: String, location: String, emotion: String, speaker: String = "", gender: String = "") {
        self.path = path
        self.location = location
        self.emotion = emotion
        self.speaker = speaker
        self.gender = gender
    }
}

/// A file of the corpus that the build could not use, and why (shown in the report).
public struct SkippedFile: Sendable, Hashable, Codable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}
