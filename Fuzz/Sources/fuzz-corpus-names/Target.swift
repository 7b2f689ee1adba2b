import Foundation
import FuzzSupport
import SERCorpus

/// A corpus folder's file names, as any folder might hold them: the first byte picks the layout
/// (`auto` detects one), the rest is one relative path per line. Every layout's naming reads every
/// name; the corpus may be refused with one line, otherwise each name is a clip, a skipped file or a
/// file left out on purpose — never two of them, never a clip that was not a name.
func fuzzCorpusNames(_ data: Data) {
    guard let choice = data.first, let text = FuzzTarget.text(data.dropFirst()) else { return }
    let layout = CorpusLayout.allCases[Int(choice) % CorpusLayout.allCases.count]
    let names = text.split(separator: "\n").prefix(512).map(String.init)
    do {
        let corpus = try Corpus.read(
            names: names, root: URL(fileURLWithPath: "/nonexistent/fuzz-corpus"), layout: layout)
        if corpus.clips.count + corpus.rejected.count > names.count {
            fatalError("\(corpus.clips.count) clips and \(corpus.rejected.count) skipped from \(names.count) names")
        }
        let given = Set(names)
        for clip in corpus.clips where !given.contains(clip.path) || clip.emotion.isEmpty {
            fatalError("clip \(clip.path.debugDescription) (\(clip.emotion)) is not a labelled name given")
        }
    } catch {
        FuzzTarget.expectOneLine(error.description, "\(layout): \(text)")
    }
}

#if FUZZING
    /// libFuzzer's entry point (only in `make fuzz` builds: a test bundle links every target).
    @_cdecl("LLVMFuzzerTestOneInput")
    func fuzzerTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
        fuzzCorpusNames(FuzzTarget.data(bytes, count))
        return 0
    }
#endif
