import Foundation
import Testing

/// Every fuzz target's committed seeds (and any finding moved into them), replayed through the target
/// without libFuzzer: the regression half of `make fuzz`, in every `swift test`.
@Suite("Fuzz seeds replay")
struct FuzzSeedTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let targets: [String] = {
        let folder = repository.appendingPathComponent("Fuzz/Corpus").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix("fuzz-") }
            .sorted()
    }()

    @Test("each fuzz target replays its seeds without a finding", arguments: targets)
    func replay(target: String) throws {
        let binary = CommandRun.binary.deletingLastPathComponent().appendingPathComponent(target)
        let seeds = Self.repository.appendingPathComponent("Fuzz/Corpus/\(target)")
        let count = try FileManager.default.contentsOfDirectory(atPath: seeds.path).count
        let run = try CommandRun(executable: binary.path, [seeds.path])
        #expect(run.status == 0, "\(target): \(run.stderr)")
        #expect(run.stdout == "replayed \(count) inputs\n")
    }

    @Test func everyTargetHasSeeds() {
        #expect(Self.targets.count >= 2)
    }
}
