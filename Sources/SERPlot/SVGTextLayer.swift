/// Makes an SVG figure's words findable: Cairo writes text as glyph outlines, so a browser cannot
/// search it, a screen reader cannot read it and a test cannot check it. Every string drawn is
/// added again as a transparent `<text>` element at the same place and size, the way a scanned PDF
/// carries an invisible text layer; it does not change what the figure looks like.
enum SVGTextLayer {
    /// One drawn string: `origin` is its anchor point, `offset` how far its left end is from it along
    /// the baseline, `angle` its anticlockwise turn in degrees.
    struct Entry {
        let text: String
        let origin: Point
        let offset: Double
        let angle: Double
        let size: Double
    }

    /// `svg` with a group holding `entries` inserted before its closing `</svg>`.
    static func inserted(_ entries: [Entry], into svg: [UInt8]) -> [UInt8] {
        guard !entries.isEmpty, let close = lastRange(of: Array("</svg>".utf8), in: svg) else { return svg }
        var layer = "<g fill-opacity=\"0\" font-family=\"\(Theme.fontFamily)\">\n"
        for entry in entries {
            let rotation =
                entry.angle == 0
                ? ""
                : " transform=\"rotate(\(number(-entry.angle)) \(number(entry.origin.x)) \(number(entry.origin.y)))\""
            layer +=
                "<text x=\"\(number(entry.origin.x + entry.offset))\" y=\"\(number(entry.origin.y))\""
                + " font-size=\"\(number(entry.size))\"\(rotation)>\(escaped(entry.text))</text>\n"
        }
        layer += "</g>\n"
        return Array(svg[..<close]) + Array(layer.utf8) + Array(svg[close...])
    }

    /// `value` rounded to hundredths, written without a trailing `.0`.
    static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100 + 0
        let whole = rounded.rounded()
        return rounded == whole && abs(whole) < 1e15 ? String(Int64(whole)) : String(rounded)
    }

    /// `text` with XML's five special characters escaped.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.append(character)
            }
        }
        return result
    }

    private static func lastRange(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var start = haystack.count - needle.count
        while start >= 0 {
            if haystack[start..<start + needle.count].elementsEqual(needle) { return start }
            start -= 1
        }
        return nil
    }
}
