import Foundation
import SERAudio
import SERCorpus
import SERFiles
import SERNotebook
import SERSettings
import Synchronization
import Testing

@testable import SERCells

/// A full disk, an I/O error or a file that vanished says nothing about a clip: a build that meets one
/// skips the clip for this build only, and neither the clip's reason nor the cell's result is kept, so
/// the next build reads the clip again once the fault has passed.
@Suite("Hostile: failures of the moment are never remembered")
struct HostileMomentTests {
    /// The load cell over a small corpus, run through a runner with its own cache.
    struct LoadRun {
        let corpus: Corpus
        let contents: [String: Digest]
        let stamps: ClipStamps
        let settings: Settings
        let project: ScratchProject
        let store: ArtifactStore

        init() throws {
            let fixture = try CorpusFixture(emotions: ["angry", "sad"], speakers: ["s1", "s2"], badFiles: false)
            project = try ScratchProject()
            // The corpus files stay with the project, which outlives the fixture.
            let folder = project.url.appendingPathComponent("corpus")
            try FileManager.default.copyItem(at: fixture.root, to: folder)
            corpus = try Corpus.open(folder.path)
            let digests = FileDigests(file: project.url.appendingPathComponent("file-digests"))
            var contents: [String: Digest] = [:]
            var stamps: [String: FileStamp] = [:]
            for clip in corpus.clips {
                (contents[clip.path], stamps[clip.path]) = try digests.stampedDigest(ofFileAt: clip.location)
            }
            self.contents = contents
            self.stamps = ClipStamps(stamps: stamps)
            settings = try Settings.resolve(overrides: ["report.figure_formats=png"]).value
            store = ArtifactStore(folder: project.url.appendingPathComponent("cache"))
        }

        func run(
            reading read: @escaping @Sendable (String) throws(AudioError) -> DecodedAudio = { path throws(AudioError) in
                try AudioFile.read(path: path)
            }
        ) throws -> (outcome: CellOutcome, runner: NotebookRunner) {
            var cell = LoadCell(corpus: corpus, contents: contents, rejected: [], settings: settings, stamps: stamps)
            cell.read = read
            let runner = NotebookRunner(
                plan: try Plan([cell]), store: store,
                records: RecordBook(folder: project.url.appendingPathComponent("state")), jobs: 2,
                display: ProgressDisplay(mode: .quiet, write: { _ in }))
            return (runner.run()[0], runner)
        }
    }

    @Test(
        "a clip rewritten after the build took its digest is skipped for this build and nothing of it is cached under the old digest"
    )
    func changedWhileRead() throws {
        let load = try LoadRun()
        let victim = try #require(load.corpus.clips.first)
        let other = try #require(load.corpus.clips.last)
        let run = try load.run { path throws(AudioError) in
            if path == victim.location {
                // Another clip's bytes, written between the digest and the read.
                try? FileManager.default.removeItem(atPath: path)
                try? FileManager.default.copyItem(atPath: other.location, toPath: path)
            }
            return try AudioFile.read(path: path)
        }
        #expect(run.outcome.state == .ran)
        let skipped = try #require(run.outcome.bundle).skipped()
        #expect(skipped.map(\.path) == [victim.path])
        #expect(skipped.first?.reason.hasPrefix("changed while this build read it") == true, "\(skipped)")
        #expect(run.outcome.notStored != nil, "the cell's result is not kept")
        #expect(!load.store.contains(run.outcome.key))
        #expect(load.stamps.change(of: victim.path, readAs: nil) == nil, "an unknown stamp is no change")
    }

    @Test(
        "a clip emptied or garbled while a build reads it, then restored, is not remembered as unreadable under its digest"
    )
    func failedWhileChanged() throws {
        let load = try LoadRun()
        let victim = try #require(load.corpus.clips.first)
        let original = try Data(contentsOf: URL(fileURLWithPath: victim.location))
        let run = try load.run { path throws(AudioError) in
            guard path == victim.location else { return try AudioFile.read(path: path) }
            // What the build meets: an empty file (a writer truncated it) ...
            try? Data().write(to: URL(fileURLWithPath: path))
            defer {
                // ... and the writer then puts the whole file back.
                try? original.write(to: URL(fileURLWithPath: path))
            }
            return try AudioFile.read(path: path)
        }
        let skipped = try #require(run.outcome.bundle).skipped()
        #expect(skipped.map(\.path) == [victim.path])
        #expect(skipped.first?.reason.hasPrefix("changed while this build read it") == true, "\(skipped)")
        #expect(run.outcome.notStored != nil)
        #expect(!load.store.contains(run.outcome.key))
    }

    @Test("a clip that hits a full disk is skipped this time, read again next time; load is not stored meanwhile")
    func fullDiskIsNotRemembered() throws {
        let load = try LoadRun()
        let victim = try #require(load.corpus.clips.first)
        let first = try load.run { path throws(AudioError) in
            guard path != victim.location else {
                throw AudioError(.unavailable, path: path, reason: "cannot be read: No space left on device")
            }
            return try AudioFile.read(path: path)
        }
        #expect(first.outcome.state == .ran)
        let skipped = try #require(first.outcome.bundle).skipped()
        #expect(skipped.map(\.path) == [victim.path])
        #expect(skipped.first?.reason.hasPrefix("cannot be read: No space left on device (not remembered") == true)
        #expect(first.outcome.notStored?.contains("No space left on device") == true)
        #expect(!load.store.contains(first.outcome.key))
        let status = try #require(first.runner.status().first)
        #expect(!status.fresh)
        #expect(
            status.reasons.first?.hasPrefix("its last result was not kept: \(victim.path) could not be read") == true)

        // The disk has room again: the clip is read, and this time the result is kept.
        let second = try load.run()
        #expect(second.outcome.state == .ran)
        #expect(try #require(second.outcome.bundle).skipped().isEmpty)
        #expect(second.outcome.notStored == nil)
        #expect(load.store.contains(second.outcome.key))
        #expect(try load.run().outcome.state == .cached)
    }

    @Test("a failure the bytes decide (not audio) is remembered: the next build does not decode the clip again")
    func contentFailureIsRemembered() throws {
        let load = try LoadRun()
        let victim = try #require(load.corpus.clips.first)
        let decoded = Mutex(0)
        let first = try load.run { path throws(AudioError) in
            guard path != victim.location else {
                throw AudioError(.unreadable, path: path, reason: "not a readable audio file: damaged")
            }
            return try AudioFile.read(path: path)
        }
        #expect(first.outcome.notStored == nil)
        #expect(try #require(first.outcome.bundle).skipped().first?.reason == "not a readable audio file: damaged")
        load.store.remove(first.outcome.key)
        // The cell runs again (its result is gone), but every clip's result comes from the cache.
        let second = try load.run { path throws(AudioError) in
            decoded.withLock { $0 += 1 }
            return try AudioFile.read(path: path)
        }
        #expect(second.outcome.state == .ran)
        #expect(decoded.withLock { $0 } == 0)
        #expect(try #require(second.outcome.bundle).skipped().first?.reason == "not a readable audio file: damaged")
    }

    @Test("a cell reading a result that was not kept is not kept either")
    func downstreamIsNotStored() throws {
        let load = try LoadRun()
        let victim = try #require(load.corpus.clips.first)
        let cells: [any Cell] = [
            LoadCell(
                corpus: load.corpus, contents: load.contents, rejected: [], settings: load.settings,
                read: { path throws(AudioError) in
                    guard path != victim.location else {
                        throw AudioError(.unavailable, path: path, reason: "cannot be read: input/output error")
                    }
                    return try AudioFile.read(path: path)
                }),
            ProcessCell(
                settings: load.settings,
                locations: Dictionary(uniqueKeysWithValues: load.corpus.clips.map { ($0.path, $0.location) })),
        ]
        let runner = NotebookRunner(
            plan: try Plan(cells), store: load.store,
            records: RecordBook(folder: load.project.url.appendingPathComponent("state")), jobs: 2,
            display: ProgressDisplay(mode: .quiet, write: { _ in }))
        let outcomes = runner.run()
        let process = try #require(outcomes.last)
        #expect(process.state == .ran)
        #expect(process.notStored?.hasPrefix("load was not kept") == true)
        #expect(!load.store.contains(process.key))
        #expect(runner.status().allSatisfy { !$0.fresh })
    }

    @Test("a file that vanished before extract had to read it again is skipped, and extract is not stored")
    func vanishedBeforeExtract() throws {
        let load = try LoadRun()
        let victim = try #require(load.corpus.clips.first)
        var locations = Dictionary(uniqueKeysWithValues: load.corpus.clips.map { ($0.path, $0.location) })
        func cells() -> [any Cell] {
            [
                LoadCell(corpus: load.corpus, contents: load.contents, rejected: [], settings: load.settings),
                ProcessCell(settings: load.settings, locations: locations),
                ExtractCell(settings: load.settings, locations: locations),
            ]
        }
        func run(forcing: Set<String> = []) throws -> [CellOutcome] {
            NotebookRunner(
                plan: try Plan(cells()), store: load.store,
                records: RecordBook(folder: load.project.url.appendingPathComponent("state")), jobs: 2,
                display: ProgressDisplay(mode: .quiet, write: { _ in })
            ).run(forcing: forcing)
        }
        let first = try run()
        #expect(first.allSatisfy { $0.state == .ran && $0.notStored == nil })
        // The victim's processed samples are gone from the cache, and so is its file: extract, run again
        // without its per-clip results, must read the file.
        let records = try #require(first[1].bundle).get(Artifacts.processed.artifact)
        for record in records where record.path == victim.path { load.store.remove(record.audio) }
        load.store.remove(first[2].key)
        locations[victim.path] = victim.location + ".moved"
        let second = try run(forcing: ["extract"])
        #expect(second.map(\.state) == [.cached, .cached, .ran])
        #expect(second[2].notStored?.hasPrefix("\(victim.path) could not be read (no such file") == true)
        #expect(try #require(second[2].bundle).skipped().map(\.reason) == ["no such file"])
        #expect(!load.store.contains(second[2].key))
        // Back in place: extract reads it, and is stored.
        locations[victim.path] = victim.location
        let third = try run()
        #expect(third[2].state == .ran && third[2].notStored == nil)
        #expect(try #require(third[2].bundle).skipped().isEmpty)
        #expect(load.store.contains(third[2].key))
    }
}
