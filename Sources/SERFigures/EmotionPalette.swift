package import SERPlot

/// One colour per emotion, the same in every figure of every report: the Okabe–Ito colours with a dark
/// brown for their black, plus grey (distinguishable with the common colour-vision deficiencies), each
/// emotion always given the same one whatever the corpus calls it, so "angry" in RAVDESS and "anger" in
/// EmoDB are both vermillion. Emotions it does not know take the colours left over, in the order given.
/// Lines, outlines and dots use ``strokeColor(for:)``, a darker shade of a colour too light for them.
package struct EmotionPalette: Sendable {
    /// The emotions in the order figures list them.
    package let emotions: [String]
    private let colors: [String: Color]

    package init(emotions: [String]) {
        self.emotions = emotions
        var colors: [String: Color] = [:]
        var taken = Set<UInt32>()
        for emotion in emotions {
            guard let hex = Self.canonical[Self.canonicalName(emotion)], !taken.contains(hex) else { continue }
            colors[emotion] = Color(hex: hex)
            taken.insert(hex)
        }
        var spare = Self.spareOrder.filter { !taken.contains($0) }.makeIterator()
        var fallback = 0
        for emotion in emotions where colors[emotion] == nil {
            if let hex = spare.next() {
                colors[emotion] = Color(hex: hex)
            } else {
                // More emotions than colours: reuse them in order.
                colors[emotion] = Color(hex: Self.spareOrder[fallback % Self.spareOrder.count])
                fallback += 1
            }
        }
        self.colors = colors
    }

    /// The emotion's colour (grey for one the palette was not made with).
    package func color(for emotion: String) -> Color { colors[emotion] ?? Color(hex: 0x999999) }

    /// The emotion's colour for lines, outlines and dots: ``color(for:)``, darkened when it is too light
    /// to show as a thin line on white (Okabe–Ito yellow becomes an olive yellow), so fills stay as
    /// they are and strokes stay readable.
    package func strokeColor(for emotion: String) -> Color {
        let color = color(for: emotion)
        guard color.luminance > Self.lightestStroke else { return color }
        return Color(
            red: color.red * Self.strokeShade, green: color.green * Self.strokeShade,
            blue: color.blue * Self.strokeShade, alpha: color.alpha)
    }

    /// The relative luminance above which a colour is too faint as a line on white (yellow's is 0.78;
    /// orange's, the next lightest, 0.44).
    static let lightestStroke = 0.6
    /// The factor a too light colour's components are scaled by for strokes.
    static let strokeShade = 0.75

    /// A legend key per emotion, in order.
    package func legend(symbol: LegendEntry.Symbol = .box) -> [LegendEntry] {
        emotions.map { LegendEntry($0, color: color(for: $0), symbol: symbol) }
    }

    /// The palette's colours by canonical emotion name.
    static let canonical: [String: UInt32] = [
        "neutral": 0x999999,  // grey
        "calm": 0x56B4E9,  // sky blue
        "happy": 0xE69F00,  // orange
        "sad": 0x0072B2,  // blue
        "angry": 0xD55E00,  // vermillion
        "fearful": 0xCC79A7,  // reddish purple
        "disgust": 0x009E73,  // bluish green
        "surprised": 0xF0E442,  // yellow
        "boredom": 0x7B4A2E,  // dark brown, in place of Okabe–Ito black
    ]

    /// The order spare colours are handed to unknown emotions.
    static let spareOrder: [UInt32] = [
        0x0072B2, 0xE69F00, 0x009E73, 0xD55E00, 0xCC79A7, 0x56B4E9, 0xF0E442, 0x7B4A2E, 0x999999,
    ]

    /// The canonical name for the ways corpora write an emotion: English word forms (anger, happiness,
    /// fear…), EmoDB's German names and common abbreviations.
    package static func canonicalName(_ emotion: String) -> String {
        let name = emotion.lowercased()
        return aliases[name] ?? name
    }

    private static let aliases: [String: String] = [
        "neu": "neutral", "neutrality": "neutral",
        "calmness": "calm",
        "happiness": "happy", "joy": "happy", "hap": "happy", "freude": "happy", "excited": "happy",
        "sadness": "sad", "sorrow": "sad", "trauer": "sad",
        "anger": "angry", "ang": "angry", "wut": "angry", "ärger": "angry",
        "fear": "fearful", "afraid": "fearful", "angst": "fearful",
        "disgusted": "disgust", "ekel": "disgust",
        "surprise": "surprised", "sur": "surprised", "pleasant_surprise": "surprised",
        "bored": "boredom", "langeweile": "boredom",
    ]
}
