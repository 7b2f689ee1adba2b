import Foundation
import SERAudio
import SERCorpus
import SERDSP
import SERNotebook
import SERParallel
import SERReport

/// The process cell: pydub's peak normalisation, `librosa.load` (mono, soxr HQ to `sample_rate`),
/// `librosa.effects.trim`, `librosa.util.fix_length` and `noisereduce.reduce_noise`, each switchable,
/// on every clip; the processed samples are stored per clip for the extract cell.
///
/// Per clip, the result is keyed by the file's content and the processing settings, so changing a
/// feature setting re-extracts without re-processing, and adding a clip processes that clip only.
struct ProcessCell: Cell {
    static let name = "process"
    /// The settings that shape a clip's processed samples: trimming frames the signal as the features
    /// do (`frame_length=n_fft`, `hop_length`).
    static let clipSettings = ["sample_rate", "process", "features.n_fft", "features.hop_length"]

    let settings: Settings
    /// Where each clip's file is, by its corpus path.
    let locations: [String: String]
    /// The stamp each file had when its digest was taken: a file read in another version is not used.
    var stamps = ClipStamps.none

    var id: String { Self.name }
    var summary: String {
        let process = settings.resolvedProcess
        var steps: [String] = []
        if process.normalize.enabled { steps.append("normalise") }
        steps.append("resample")
        if process.trim.enabled { steps.append("trim") }
        if process.fixLength.enabled == .on { steps.append("fix length") }
        if process.denoise.enabled == .on { steps.append("reduce noise") }
        return steps.joined(separator: ", ") + " on every clip"
    }
    /// 2: a failure of the moment (a full disk, an I/O error) is no longer remembered as a clip's
    /// reason, so per-clip results of version 1 may hold one and are not reused.
    var version: Int { 2 }
    var inputs: [ArtifactDeclaration] { [Artifacts.clips.declaration] }
    var outputs: [ArtifactDeclaration] { [Artifacts.processed.declaration] }
    var parameters: ParameterList {
        settings.withResolvedProcess.parameters(Self.clipSettings + ["report.figure_formats"])
    }

    /// The key of one clip's processing result: the file's content and every setting that shapes it
    /// (`settings` is ``itemSettings``, computed once per run).
    static func itemKey(content: Digest, settings: String, version: Int) -> Digest {
        var builder = KeyBuilder("process-item")
        builder.add("version", "\(version)")
        builder.add("settings", settings)
        builder.add("content", content)
        return builder.finish()
    }

    /// The settings of ``clipSettings`` (not the figure formats, which shape the figures, not a clip's
    /// samples), in canonical form.
    private var itemSettings: String { settings.withResolvedProcess.parameters(Self.clipSettings).canonical }

    /// The key of the entry that holds a clip's processed samples.
    static func audioKey(_ itemKey: Digest) -> Digest {
        var builder = KeyBuilder("process-audio")
        builder.add("item", itemKey)
        return builder.finish()
    }

    func run(_ context: CellContext) throws -> ArtifactBundle {
        let clips = try context.read(Artifacts.clips)
        let settings = self.settings
        let locations = self.locations
        let version = self.version
        let itemSettings = self.itemSettings
        let stamps = self.stamps
        context.progress.expect(clips.count, "clips")
        let outcomes = ParallelJobs.map(
            count: clips.count, workers: context.jobs,
            makeState: { () -> Result<ClipProcessor, AudioError> in
                Result { () throws(AudioError) in try settings.clipProcessor() }
            },
            body: { processor, index -> ProcessFacts in
                let clip = clips[index]
                let key = Self.itemKey(content: clip.content, settings: itemSettings, version: version)
                if let data = context.cachedItem(key),
                    let facts = try? JSONDecoder.stable.decode(ProcessFacts.self, from: data),
                    facts.skip != nil || context.store.contains(Self.audioKey(key))
                {
                    context.progress.advance(cached: true)
                    return facts
                }
                let facts = Self.process(
                    clip, at: locations[clip.path] ?? clip.path, with: processor, key: key, stamps: stamps,
                    context: context)
                context.progress.advance()
                return facts
            })
        var records: [ProcessedRecord] = []
        var skipped: [SkippedFile] = []
        for (clip, facts) in zip(clips, outcomes) {
            if let reason = facts.skip {
                skipped.append(SkippedFile(path: clip.path, reason: reason))
            } else {
                let key = Self.itemKey(content: clip.content, settings: itemSettings, version: version)
                records.append(ProcessedRecord(path: clip.path, audio: Self.audioKey(key), facts: facts))
            }
        }
        guard !records.isEmpty else {
            throw CellError(cell: id, message: "no clip could be processed (first: \(skipped.first?.reason ?? "?"))")
        }
        var bundle = ArtifactBundle()
        try bundle.put(records, as: Artifacts.processed.artifact)
        try bundle.encode(skipped, as: ReportArtifacts.skipped.name)
        let processedPaths = Set(records.map(\.path))
        let examples = ProcessFigureSet(
            settings: settings, clips: clips.filter { processedPaths.contains($0.path) }, locations: locations)
        let figures = try FigureRendering.render(
            examples.figures(), formats: settings.report.figureFormats, jobs: context.jobs, into: &bundle)
        try bundle.encode(section(records, figures: figures), as: ReportArtifacts.section.name)
        try bundle.encode(narrative(records), as: ReportArtifacts.narrative.name)
        return bundle
    }

    /// Processes one clip and stores its samples, then its facts; a clip that cannot be processed
    /// gets the reason.
    ///
    /// Storing is for later builds: a clip whose samples cannot be stored is processed all the same
    /// (the extract cell processes it again), and its facts are then not stored either, so the next
    /// build processes it again too. A failure that depends on the moment (``AudioError/isLasting``)
    /// is not stored, and keeps the cell's result out of the cache: the next build tries again.
    private static func process(
        _ clip: LoadedClip, at location: String, with processor: Result<ClipProcessor, AudioError>, key: Digest,
        stamps: ClipStamps, context: CellContext
    ) -> ProcessFacts {
        func remember(_ facts: ProcessFacts) -> ProcessFacts {
            if let data = try? JSONEncoder.stable.encode(facts) { context.storeItem(data, for: key) }
            return facts
        }
        func failed(_ error: AudioError) -> ProcessFacts {
            guard error.isLasting, stamps.changeAfterFailure(of: clip.path, at: location) == nil else {
                context.keepOutOfCache(because: "\(clip.path) could not be read (\(error.reason))")
                let reason = error.reason + " (not remembered: the next build tries again)"
                return ProcessFacts(sampleRate: 0, loadedCount: 0, count: 0, skip: reason)
            }
            return remember(ProcessFacts(sampleRate: 0, loadedCount: 0, count: 0, skip: error.reason))
        }
        let processed: ProcessedClip
        do {
            processed = try processor.get().process(path: location)
        } catch {
            return failed(error)
        }
        if let change = stamps.change(of: clip.path, readAs: processed.stamp) {
            context.keepOutOfCache(because: "\(clip.path) changed while this build read it")
            return ProcessFacts(sampleRate: 0, loadedCount: 0, count: 0, skip: change)
        }
        let facts = ProcessFacts(
            sampleRate: processed.sampleRate, loadedCount: processed.stages.loadedCount,
            trimStart: processed.stages.trim?.lowerBound, trimEnd: processed.stages.trim?.upperBound,
            count: processed.samples.count)
        guard context.storeItem(SampleCoding.data(processed.samples), for: audioKey(key)) else { return facts }
        return remember(facts)
    }

    private func narrative(_ records: [ProcessedRecord]) -> [String: String] {
        let trimmed = records.filter { record in
            (record.facts.trimEnd ?? record.facts.loadedCount) - (record.facts.trimStart ?? 0)
                < record.facts.loadedCount
        }
        return [
            "clips": "\(records.count)", "trimmed": "\(trimmed.count)",
            "sample_rate": settings.sampleRate == 0 ? "each file's own rate" : "\(settings.sampleRate) Hz",
        ]
    }

    private func section(_ records: [ProcessedRecord], figures: [ReportFigure]) -> ReportSection {
        let process = settings.resolvedProcess
        func seconds(_ samples: Int, _ rate: Int) -> Double { rate > 0 ? Double(samples) / Double(rate) : 0 }
        /// Samples left after trimming.
        func kept(_ record: ProcessedRecord) -> Int {
            (record.facts.trimEnd ?? record.facts.loadedCount) - (record.facts.trimStart ?? 0)
        }
        func mean(_ values: [Double]) -> String {
            String(format: "%.2f s", values.reduce(0, +) / Double(max(values.count, 1)))
        }
        let loaded = records.map { seconds($0.facts.loadedCount, $0.facts.sampleRate) }
        let removed = records.map { seconds($0.facts.loadedCount - kept($0), $0.facts.sampleRate) }
        var rows = [["clips processed", "\(records.count)"], ["mean length as loaded", mean(loaded)]]
        if process.trim.enabled {
            rows.append(["mean silence trimmed", mean(removed)])
            rows.append(["clips trimmed", "\(removed.filter { $0 > 0 }.count)"])
        }
        if process.fixLength.enabled == .on {
            let target = "\(process.fixLength.seconds) s"
            rows.append(["clips padded to \(target)", "\(records.filter { $0.facts.count > kept($0) }.count)"])
            rows.append(["clips cut to \(target)", "\(records.filter { $0.facts.count < kept($0) }.count)"])
        }
        return ReportSection(
            id: id, title: "Process", narrative: "", parameters: processParameters(), timing: "", figures: figures,
            tables: [ReportTable(caption: "What processing did", columns: ["step", "clips or seconds"], rows: rows)])
    }

    private func processParameters() -> [ReportPair] {
        let process = settings.resolvedProcess
        /// How an `auto` step was decided, after its value: `why` is the reason it is off for the extended set.
        func decided(_ step: StepSwitch, _ why: String) -> String {
            guard step == .auto else { return "" }
            return settings.features.featureSet == .seed
                ? " (auto: on, the notebook's chain for features.set seed)"
                : " (auto: off for features.set extended: \(why))"
        }
        return [
            ReportPair("sample_rate", settings.sampleRate == 0 ? "native" : "\(settings.sampleRate)"),
            ReportPair("normalize", process.normalize.enabled ? "headroom_db \(process.normalize.headroomDB)" : "off"),
            ReportPair("trim", process.trim.enabled ? "top_db \(process.trim.topDB)" : "off"),
            ReportPair(
                "fix_length",
                (process.fixLength.enabled == .on ? "seconds \(process.fixLength.seconds)" : "off")
                    + decided(settings.process.fixLength.enabled, "padding adds silent frames to every statistic")),
            ReportPair(
                "denoise",
                (process.denoise.enabled == .on
                    ? "\(process.denoise.reduction.stationary ? "stationary" : "non-stationary"), "
                        + "prop_decrease \(process.denoise.reduction.propDecrease)" : "off")
                    + decided(settings.process.denoise.enabled, "noise reduction removes voice-quality cues")),
        ]
    }
}

/// Samples as stored in the cache: float32, little-endian, nothing else.
enum SampleCoding {
    static func data(_ samples: [Float]) -> Data {
        samples.withUnsafeBufferPointer { buffer in
            Data(buffer: UnsafeBufferPointer(start: buffer.baseAddress.map { UnsafePointer($0) }, count: buffer.count))
        }
    }

    static func samples(_ data: Data) -> [Float]? {
        guard data.count % 4 == 0 else { return nil }
        let count = data.count / 4
        return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            _ = data.copyBytes(to: buffer)
            initialized = count
        }
    }
}
