/// The order emotions appear in, in every table and figure: the usual SER order (RAVDESS's coding,
/// then boredom) by what each name means, so EmoDB's "anger" sits where RAVDESS's "angry" does; then
/// any others alphabetically. Colours and table rows never move between runs.
package enum EmotionOrder {
    package static func sorted(_ emotions: some Sequence<String>) -> [String] {
        func rank(_ emotion: String) -> Int {
            usual.firstIndex(of: EmotionPalette.canonicalName(emotion))
                ?? usual.count
        }
        return Set(emotions).sorted { (rank($0), $0) < (rank($1), $1) }
    }

    /// RAVDESS's coding order, then boredom, by canonical name (``EmotionPalette/canonicalName(_:)``).
    static let usual = ["neutral", "calm", "happy", "sad", "angry", "fearful", "disgust", "surprised", "boredom"]
}
