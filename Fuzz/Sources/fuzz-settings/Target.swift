import Foundation
import FuzzSupport
import SERCells
import SERNotebook
import SERSettings

/// Settings as a user gives them: the first byte picks the form — a `serreport.yml` file, `--set`
/// assignments one per line, or a report's saved `models/settings.json` — and the rest is the text.
/// Any input may be refused, with one line naming the source and key; none may trap or hang.
func fuzzSettings(_ data: Data) {
    guard let mode = data.first, let text = FuzzTarget.text(data.dropFirst()) else { return }
    do {
        switch mode % 3 {
        case 0:
            _ = try Settings.resolve(file: ("serreport.yml", text))
        case 1:
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(64).map(String.init)
            _ = try Settings.resolve(overrides: lines)
        default:
            _ = try Settings.saved(json: text, file: "settings.json")
        }
    } catch {
        FuzzTarget.expectOneLine(error.description, text)
    }
}

#if FUZZING
    /// libFuzzer's entry point (only in `make fuzz` builds: a test bundle links every target).
    @_cdecl("LLVMFuzzerTestOneInput")
    func fuzzerTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
        fuzzSettings(FuzzTarget.data(bytes, count))
        return 0
    }
#endif
