/// Text printed as one line (a `skip` line, a status line, a file's features): every character that
/// could end the line, move the cursor or reorder what a terminal shows is written as an escape, so
/// a file named `a\nskip b.wav: forged.wav` prints on its one line, as `a\nskip b.wav: forged.wav`.
///
/// Escaped: the C0 controls (`\n`, `\r`, `\t`, others as `\x1B`), DEL and the C1 controls, the
/// Unicode line and paragraph separators, and the bidirectional controls (which can make a name read
/// backwards), the last ones as `\u{202E}`. Everything else, accents and scripts included, prints as is.
enum PrintedLine {
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += scalar.value < 0x100 ? "\\x" + (hex.count < 2 ? "0" + hex : hex) : "\\u{\(hex)}"
            }
        }
        return out
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x2028, 0x2029: true
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
