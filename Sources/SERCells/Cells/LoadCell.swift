import Foundation
import SERAudio
import SERCorpus
import SERFigures
import SERFiles
import SERNotebook
import SERParallel
import SERReport

/// The load cell: every clip of the corpus decoded with libsndfile to learn its rate, channels and
/// length (or why it cannot be used), then the corpus's make-up in figures.
///
/// Per clip, the result is keyed by the file's content only, so adding a clip decodes that clip and
/// no other; the cell's sources are the clips' paths with their content and labels.
struct LoadCell: Cell {
    static let name = "load"

    let corpus: Corpus
    /// Each clip's content digest by path; clips missing here could not be read.
    let contents: [String: Digest]
    /// Files the corpus scan could not use, with the reason.
    let rejected: [SkippedFile]
    let settings: Settings
    /// The stamp each file had when its digest was taken: a file read in another version is not used.
    var stamps = ClipStamps.none
    /// How a clip's file is decoded: libsndfile (``AudioFile/read(path:)``); a test hands in another
    /// to make a failure of the moment happen on cue.
    var read: @Sendable (String) throws(AudioError) -> DecodedAudio = { path throws(AudioError) in
        try AudioFile.read(path: path)
    }

    var id: String { Self.name }
    var summary: String { "decode every clip (libsndfile), check it, and chart the corpus" }
    /// 3: a failure of the moment (a full disk, an I/O error) is no longer remembered as a clip's
    /// reason, so per-clip results of version 2 may hold one and are not reused.
    var version: Int { 3 }

    var inputs: [ArtifactDeclaration] { [] }
    var outputs: [ArtifactDeclaration] { [Artifacts.clips.declaration] }
    var parameters: ParameterList { settings.parameters(["corpus", "labels", "report.figure_formats"]) }

    var sources: SourceSet {
        var digests: [String: Digest] = [:]
        for clip in corpus.clips {
            var builder = KeyBuilder("clip")
            builder.add("content", contents[clip.path]?.hex ?? "unreadable")
            builder.add("emotion", clip.emotion)
            builder.add("speaker", clip.speaker)
            builder.add("gender", clip.gender)
            digests[clip.path] = builder.finish()
        }
        for file in rejected { digests[file.path] = Digest.of(Data(file.reason.utf8)) }
        // What the corpus scan says (the adapter chosen, files excluded) is shown with the cell.
        digests["(corpus notes)"] = Digest.of(Data(([corpus.adapter] + corpus.notes).joined(separator: "\n").utf8))
        return SourceSet(noun: "clips", digests: digests)
    }

    func run(_ context: CellContext) throws -> ArtifactBundle {
        let contents = self.contents
        // A clip with no digest could not be read when the build began: it is in `rejected` already.
        let clips = corpus.clips.filter { contents[$0.path] != nil }
        let version = self.version
        let read = self.read
        let stamps = self.stamps
        context.progress.expect(clips.count, "clips")
        let facts = ParallelJobs.map(
            count: clips.count, workers: context.jobs, makeState: {},
            body: { _, index -> AudioFacts in
                let clip = clips[index]
                guard let content = contents[clip.path] else {
                    context.progress.advance()
                    return AudioFacts(sampleRate: 0, channels: 0, frames: 0, format: "", skip: "cannot be read")
                }
                var builder = KeyBuilder("load-item")
                builder.add("version", "\(version)")
                builder.add("content", content)
                let key = builder.finish()
                if let data = context.cachedItem(key),
                    let facts = try? JSONDecoder.stable.decode(AudioFacts.self, from: data)
                {
                    context.progress.advance(cached: true)
                    return facts
                }
                var decoded = Self.decode(clip.location, reading: read) { stamp in
                    stamps.change(of: clip.path, readAs: stamp)
                }
                // A file that could not be used may have been another version for that moment.
                if decoded.facts.skip != nil, decoded.lasting,
                    let change = stamps.changeAfterFailure(of: clip.path, at: clip.location)
                {
                    decoded = (AudioFacts(sampleRate: 0, channels: 0, frames: 0, format: "", skip: change), false)
                }
                if decoded.lasting {
                    if let data = try? JSONEncoder.stable.encode(decoded.facts) { context.storeItem(data, for: key) }
                } else {
                    context.keepOutOfCache(because: "\(clip.path) could not be read (\(decoded.facts.skip ?? ""))")
                }
                context.progress.advance()
                return decoded.facts
            })
        var loaded: [LoadedClip] = []
        var skipped = rejected
        for (clip, facts) in zip(clips, facts) {
            if let reason = facts.skip {
                skipped.append(SkippedFile(path: clip.path, reason: reason))
            } else if let content = contents[clip.path] {
                loaded.append(
                    LoadedClip(
                        path: clip.path, emotion: clip.emotion, speaker: clip.speaker, gender: clip.gender,
                        content: content, facts: facts))
            }
        }
        guard !loaded.isEmpty else {
            guard let first = skipped.first else {
                throw CellError(cell: id, message: "\(corpus.name): the corpus has no clips")
            }
            throw CellError(
                cell: id,
                message: "none of the \(corpus.clips.count) clips could be used (\(skipped.count) skipped; first: "
                    + "\(first.path): \(first.reason))")
        }
        var bundle = ArtifactBundle()
        try bundle.put(loaded, as: Artifacts.clips.artifact)
        try bundle.encode(skipped, as: ReportArtifacts.skipped.name)
        let duplicates = DuplicateAudio(loaded)
        try bundle.encode(duplicates.notices, as: ReportArtifacts.notices.name)
        let figures = try FigureRendering.render(
            LoadFigureSet(
                clips: loaded,
                locations: Dictionary(clips.map { ($0.path, $0.location) }, uniquingKeysWith: { a, _ in a })
            )
            .figures(),
            formats: settings.report.figureFormats, jobs: context.jobs, into: &bundle)
        try bundle.encode(section(loaded, figures: figures, duplicates: duplicates), as: ReportArtifacts.section.name)
        let seconds = loaded.map(\.facts.seconds).reduce(0, +)
        try bundle.encode(
            [
                "clips": "\(loaded.count)", "emotions": "\(EmotionOrder.sorted(loaded.map(\.emotion)).count)",
                "minutes": String(format: "%.1f", seconds / 60), "corpus": corpus.name,
                "notes": corpus.notes.joined(separator: " "),
            ], as: ReportArtifacts.narrative.name)
        return bundle
    }

    /// Decodes a file to learn what it holds; a file that cannot be used (not audio, empty, NaN-laden,
    /// silent, too short) gets the reason instead. `lasting` is false when the failure depends on the
    /// moment, not on the file's content (``AudioError/isLasting``): such a result is not remembered.
    static func decode(
        _ location: String, reading read: (String) throws(AudioError) -> DecodedAudio,
        changed: (FileStamp?) -> String? = { _ in nil }
    ) -> (facts: AudioFacts, lasting: Bool) {
        func skip(_ reason: String, lasting: Bool = true) -> (AudioFacts, Bool) {
            (AudioFacts(sampleRate: 0, channels: 0, frames: 0, format: "", skip: reason), lasting)
        }
        let audio: DecodedAudio
        do {
            audio = try read(location)
        } catch {
            return error.isLasting
                ? skip(error.reason)
                : skip(error.reason + " (not remembered: the next build tries again)", lasting: false)
        }
        if let change = changed(audio.stamp) { return skip(change, lasting: false) }
        if let problem = ClipUsability.problem(frames: audio.frameCount, sampleRate: audio.sampleRate, peak: audio.peak)
        {
            return skip(problem)
        }
        let facts = AudioFacts(
            sampleRate: audio.sampleRate, channels: audio.channelCount, frames: audio.frameCount,
            format: audio.formatName)
        return (facts, true)
    }

    private func section(_ clips: [LoadedClip], figures: [ReportFigure], duplicates: DuplicateAudio) -> ReportSection {
        let emotions = EmotionOrder.sorted(clips.map(\.emotion))
        let counts = Dictionary(grouping: clips, by: \.emotion).mapValues(\.count)
        let rates = Dictionary(grouping: clips, by: \.facts.sampleRate).mapValues(\.count)
        return ReportSection(
            id: id, title: "Load", narrative: "",
            parameters: [
                ReportPair("corpus", corpus.adapter), ReportPair("data", corpus.name),
                ReportPair("clips", "\(clips.count)"),
            ],
            timing: "",
            figures: figures,
            tables: [
                ReportTable(
                    caption: "Clips per emotion", columns: ["emotion", "clips"],
                    rows: emotions.map { [$0, "\(counts[$0] ?? 0)"] }),
                ReportTable(
                    caption: "Sample rates in the files", columns: ["rate", "clips"],
                    rows: rates.keys.sorted().map { ["\($0) Hz", "\(rates[$0]!)"] }),
            ] + duplicates.tables)
    }
}
