import Foundation
import FuzzSupport
import SERCorpus

/// A `manifest.csv` as a user or a script might write it: any text. Parsing may stop the build with one
/// line naming the manifest; otherwise every clip is listed once, with a path and an emotion, and no
/// line becomes more than one clip or skipped entry.
func fuzzManifest(_ data: Data) {
    guard let text = FuzzTarget.text(data) else { return }
    let root = URL(fileURLWithPath: "/nonexistent/fuzz-corpus")
    do {
        let corpus = try Corpus.parse(
            manifest: text, named: "/nonexistent/fuzz-corpus/manifest.csv", root: root, corpusName: "fuzz",
            note: "csv: fuzzed")
        let paths = corpus.clips.map(\.path)
        if Set(paths).count != paths.count { fatalError("a clip is listed twice: \(paths)") }
        if corpus.clips.contains(where: { $0.path.isEmpty || $0.emotion.isEmpty }) {
            fatalError("a clip without a path or emotion: \(corpus.clips)")
        }
        // Lines after the header, counted as the parser counts them (LF, CR LF or CR end a line).
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }.count
        if corpus.clips.count + corpus.rejected.count > lines {
            fatalError("\(corpus.clips.count) clips and \(corpus.rejected.count) skipped from \(lines) lines")
        }
    } catch {
        FuzzTarget.expectOneLine(error.description, text)
    }
}

#if FUZZING
    /// libFuzzer's entry point (only in `make fuzz` builds: a test bundle links every target).
    @_cdecl("LLVMFuzzerTestOneInput")
    func fuzzerTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
        fuzzManifest(FuzzTarget.data(bytes, count))
        return 0
    }
#endif
