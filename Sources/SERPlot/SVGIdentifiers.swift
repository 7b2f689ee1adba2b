/// Makes Cairo's SVG output the same on every render.
///
/// Cairo 1.16 names some SVG elements after a process-wide counter of surfaces (`<g id="surface22">`,
/// `<image id="image7">`), so the second figure drawn in a process differs from the first. These ids are
/// renumbered 1, 2, 3… per prefix in order of first appearance, both where they are defined (`id="…"`)
/// and where they are referenced (`#…`); ids Cairo numbers per document (glyphs, clips) are left alone.
enum SVGIdentifiers {
    /// The id prefixes Cairo numbers from its process-wide counter.
    static let processWidePrefixes = ["surface", "image"]

    static func renumbered(_ svg: [UInt8]) -> [UInt8] {
        let prefixes = processWidePrefixes.map { Array($0.utf8) }
        var numbering: [[UInt8]: [Int: Int]] = [:]
        var output: [UInt8] = []
        output.reserveCapacity(svg.count)
        var index = 0
        while index < svg.count {
            let byte = svg[index]
            output.append(byte)
            index += 1
            guard byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "#") else { continue }
            for prefix in prefixes where svg[index...].starts(with: prefix) {
                var end = index + prefix.count
                var number = 0
                while end < svg.count, let digit = Self.digit(svg[end]) {
                    number = number &* 10 &+ digit
                    end += 1
                }
                guard end > index + prefix.count else { continue }
                let seen = numbering[prefix, default: [:]]
                let renumbered = seen[number] ?? seen.count + 1
                numbering[prefix, default: [:]][number] = renumbered
                output.append(contentsOf: prefix)
                output.append(contentsOf: String(renumbered).utf8)
                index = end
                break
            }
        }
        return output
    }

    private static func digit(_ byte: UInt8) -> Int? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int(byte - UInt8(ascii: "0")) : nil
    }
}
