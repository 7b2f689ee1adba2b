import Foundation
import SERCells
import SERCorpus
import SERFigures
import Testing

/// The committed default corpus is what `make report` runs on: check it is whole and as documented.
@Suite("The Samples corpus")
struct SamplesCorpusTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Samples")

    @Test("manifest: 6 emotions × 6 speakers (3 male, 3 female) × 5 sentences, every file present")
    func manifest() throws {
        let corpus = try Corpus.open(Self.folder.path)
        #expect(corpus.name == "samples")
        #expect(corpus.rejected.isEmpty)
        #expect(
            EmotionOrder.sorted(corpus.clips.map(\.emotion)) == ["neutral", "calm", "happy", "sad", "angry", "fearful"])
        #expect(Set(corpus.clips.map(\.speaker)).count == 6)
        let genders = Dictionary(grouping: corpus.clips, by: \.gender).mapValues { Set($0.map(\.speaker)).count }
        #expect(genders == ["male": 3, "female": 3])
        #expect(corpus.clips.count >= 6 * 6 * 5)
        for clip in corpus.clips {
            #expect(FileManager.default.fileExists(atPath: clip.location), "\(clip.path) is missing")
        }
    }

    @Test("at most 12 MiB in total")
    func size() throws {
        let files = try #require(
            FileManager.default.enumerator(at: Self.folder, includingPropertiesForKeys: [.fileSizeKey]))
        var total = 0
        for case let url as URL in files {
            total += try url.resourceValues(forKeys: [.fileSizeKey]).fileSize ?? 0
        }
        #expect(total > 1 << 20)
        #expect(total <= 12 << 20)
    }
}
