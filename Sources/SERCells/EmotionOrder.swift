import SERFigures

/// The order emotions appear in, in every table and figure: the usual SER order (RAVDESS's coding,
/// then boredom) by what each name means, so EmoDB's "anger" sits where RAVDESS's "angry" does; then
/// any others alphabetically. Colours and table rows never move between runs.
enum EmotionOrder {
    static func sorted(_ emotions: some Sequence<String>) -> [String] {
        func rank(_ emotion: String) -> Int {
            Corpus.usualEmotionOrder.firstIndex(of: EmotionPalette.canonicalName(emotion))
                ?? Corpus.usualEmotionOrder.count
        }
        return Set(emotions).sorted { (rank($0), $0) < (rank($1), $1) }
    }
}
