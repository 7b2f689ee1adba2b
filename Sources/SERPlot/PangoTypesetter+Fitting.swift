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
}

extension Substring {
    fileprivate func trimmingSuffix(while predicate: (Character) -> Bool) -> String {
        var end = endIndex
        while end > startIndex, predicate(self[index(before: end)]) { end = index(before: end) }
        return String(self[..<end])
    }
}
