extension PangoTypesetter {
    /// `text` as it is if it fits in `width` points, otherwise cut short with an ellipsis so it does.
    package func fitted(_ text: String, width: Double, font: TextStyle.Font) -> String {
        guard self.width(of: text, font: font) > width else { return text }
        var kept = Substring(text)
        while !kept.isEmpty {
            kept.removeLast()
            let candidate = kept.trimmingSuffix(while: \.isWhitespace) + "\u{2026}"
            if self.width(of: candidate, font: font) <= width { return candidate }
        }
        return ""
    }

    /// `text` broken at spaces (U+0020 only, so a no-break space holds words together) into lines at
    /// most `width` points wide, each filled with as many words as fit; a word wider than `width` is
    /// cut short with an ellipsis on a line of its own.
    func wrapped(_ text: String, width: Double, font: TextStyle.Font) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            let candidate = line.isEmpty ? word : line + " " + word
            if line.isEmpty || self.width(of: candidate, font: font) <= width {
                line = candidate
            } else {
                lines.append(fitted(line, width: width, font: font))
                line = word
            }
        }
        if !line.isEmpty { lines.append(fitted(line, width: width, font: font)) }
        return lines
    }
}

extension Substring {
    fileprivate func trimmingSuffix(while predicate: (Character) -> Bool) -> String {
        var end = endIndex
        while end > startIndex, predicate(self[index(before: end)]) { end = index(before: end) }
        return String(self[..<end])
    }
}
