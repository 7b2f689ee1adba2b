import Foundation
import SERAudio
import SERCorpus
import SERDSP
import SERFigures
import SERLearn
import SERNotebook
import SERParallel
import SERReport

/// The extract cell: librosa's RMS, ZCR, MFCC, chroma (with tuning estimate) and spectral contrast
/// on every processed clip, summarised by the mean and standard deviation of each coefficient over
/// frames — one row per clip in `features.csv` — then the features' distributions in figures.
///
/// Per clip, the result is keyed by the processed samples' key and the feature settings.
struct ExtractCell: Cell {
    static let name = "extract"

    let settings: Settings
    let locations: [String: String]
    /// The stamp each file had when its digest was taken: a file read in another version is not used.
    var stamps = ClipStamps.none

    var id: String { Self.name }
    var summary: String {
        let features = settings.features
        if features.featureSet == .seed {
            return
                "RMS, ZCR, MFCC, chroma and spectral contrast per clip, mean and std over frames (the notebook's 82 values)"
        }
        let groups = features.activeGroups.map(\.rawValue).joined(separator: ", ")
        return "\(groups) per clip, \(features.activeFunctionals.count) statistics over frames"
    }
    /// 2: a clip whose content is shared with another path takes its own path, not the other's.
    /// 3: spectral flatness sums its logarithms in float64 (within 6.5e-7 of 2's); pYIN's Viterbi may break
    /// exact ties between equally likely paths differently.
    /// 4: summaries store their values as base64 float64s (the same values); the loudness group.
    /// 5: the voice_quality group adds jitter and shimmer; the extract-voice figure (the formants group,
    /// added since, is off by default and new, so no cached summary can lack it).
    /// 6: the result holds each clip's frame vectors (`sequences.json`) and log-mel spectrogram (`log-mels.json`)
    /// for the deep models; clips' summaries are unchanged, so their entries keep ``itemVersion``.
    var version: Int { 6 }
    /// The version in each clip's entries: the last version that changed a clip's summary.
    static let itemVersion = 5
    var inputs: [ArtifactDeclaration] { [Artifacts.clips.declaration, Artifacts.processed.declaration] }
    var outputs: [ArtifactDeclaration] {
        [Artifacts.features.declaration, Artifacts.sequences.declaration, Artifacts.logMels.declaration]
    }
    var parameters: ParameterList {
        var list = settings.parameters(["features", "report.figure_formats"])
        if Self.keepsFrames(settings) { list.values["frame_sequences"] = "true" }
        if let bands = Self.logMelBands(settings) { list.values["log_mel_bands"] = "\(bands)" }
        return list
    }

    /// Whether the cell keeps each clip's frame vectors: only for the `gru` model, so that a build without a
    /// deep model stores no more than the summaries.
    static func keepsFrames(_ settings: Settings) -> Bool {
        settings.train.models.contains { $0.learnsFromFrames && !$0.learnsFromLogMel }
    }

    /// The mel bands of the log-mel spectrograms the cell keeps: only for the `cnn` model.
    static func logMelBands(_ settings: Settings) -> Int? {
        settings.train.models.contains(where: \.learnsFromLogMel) ? settings.train.parameters.cnn.melBands : nil
    }

    func run(_ context: CellContext) throws -> ArtifactBundle {
        let clips = try context.read(Artifacts.clips)
        let processed = try context.read(Artifacts.processed)
        let settings = self.settings
        let locations = self.locations
        let stamps = self.stamps
        var featureSettings = KeyBuilder("extract-settings")
        featureSettings.add("version", "\(Self.itemVersion)")
        featureSettings.add("features", settings.parameters(["features"]).canonical)
        let settingsKey = featureSettings.finish()
        context.progress.expect(processed.count, "clips")
        let keepFrames = Self.keepsFrames(settings)
        let bands = Self.logMelBands(settings)
        let width = FrameSequencesRecord.names(settings.features).count
        let outcomes = ParallelJobs.map(
            count: processed.count, workers: context.jobs, makeState: { ClipExtractor(settings: settings) },
            body: { extractor, index -> Result<ExtractedClip, ClipError> in
                let record = processed[index]
                var builder = KeyBuilder("extract-item")
                builder.add("settings", settingsKey)
                builder.add("audio", record.audio)
                let key = builder.finish()
                var framesBuilder = KeyBuilder("extract-frames")
                framesBuilder.add("settings", settingsKey)
                framesBuilder.add("audio", record.audio)
                let framesKey = framesBuilder.finish()
                var logMelBuilder = KeyBuilder("extract-log-mel")
                logMelBuilder.add("settings", settingsKey)
                logMelBuilder.add("bands", "\(bands ?? 0)")
                logMelBuilder.add("audio", record.audio)
                let logMelKey = logMelBuilder.finish()
                // Items are keyed by content, so a copy of the clip under another path (in this corpus
                // or another) shares the entry: the path is always this record's.
                if let data = context.cachedItem(key),
                    var summary = try? JSONDecoder.stable.decode(ClipSummary.self, from: data)
                {
                    summary.path = record.path
                    var cached = ExtractedClip(summary: summary)
                    if keepFrames, let data = context.cachedItem(framesKey), let frames = SampleCoding.samples(data),
                        width > 0, frames.count == summary.frames * width
                    {
                        cached.frames = frames
                    }
                    if let bands, let data = context.cachedItem(logMelKey), let logMel = SampleCoding.samples(data),
                        logMel.count == summary.frames * bands
                    {
                        cached.logMel = logMel
                    }
                    if (cached.frames != nil) == keepFrames && (cached.logMel != nil) == (bands != nil) {
                        context.progress.advance(cached: true)
                        return .success(cached)
                    }
                }
                let result = extractor.summary(
                    of: record, location: locations[record.path] ?? record.path, store: context.store,
                    stamps: stamps, keepFrames: keepFrames, logMelBands: bands)
                if case .success(let extracted) = result, let data = try? JSONEncoder.stable.encode(extracted.summary) {
                    context.storeItem(data, for: key)
                    if let frames = extracted.frames { context.storeItem(SampleCoding.data(frames), for: framesKey) }
                    if let logMel = extracted.logMel { context.storeItem(SampleCoding.data(logMel), for: logMelKey) }
                }
                context.progress.advance()
                return result
            })
        var summaries: [ClipSummary] = []
        var sequences: [FrameSequence] = []
        var logMels: [FrameSequence] = []
        var skipped: [SkippedFile] = []
        for outcome in outcomes {
            switch outcome {
            case .success(let extracted):
                summaries.append(extracted.summary)
                if let frames = extracted.frames {
                    sequences.append(FrameSequence(path: extracted.summary.path, values: frames))
                }
                if let logMel = extracted.logMel {
                    logMels.append(FrameSequence(path: extracted.summary.path, values: logMel))
                }
            case .failure(let error):
                skipped.append(SkippedFile(path: error.path, reason: error.reason))
                if !error.isLasting {
                    context.keepOutOfCache(because: "\(error.path) could not be read (\(error.reason))")
                }
            }
        }
        guard !summaries.isEmpty else {
            throw CellError(cell: id, message: "no clip gave features (first: \(skipped.first?.reason ?? "?"))")
        }
        let names = FeatureNames.summary(settings.features)
        let table = FeatureTableRecord(names: names, clips: summaries)
        var bundle = ArtifactBundle()
        try bundle.put(table, as: Artifacts.features.artifact)
        try bundle.put(
            FrameSequencesRecord(
                names: keepFrames ? FrameSequencesRecord.names(settings.features) : [], clips: sequences),
            as: Artifacts.sequences.artifact)
        try bundle.put(
            FrameSequencesRecord(names: bands.map { bands in (0..<bands).map { "mel_\($0)" } } ?? [], clips: logMels),
            as: Artifacts.logMels.artifact)
        try bundle.encode(skipped, as: ReportArtifacts.skipped.name)
        let labels = Dictionary(clips.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        bundle.files["features.csv"] = try featuresCSV(table, labels: labels)
        let figures = try FigureRendering.render(
            ExtractFigureSet(
                features: settings.features, names: names, clips: summaries,
                emotions: summaries.map { labels[$0.path]?.emotion ?? "" }
            )
            .figures(),
            formats: settings.report.figureFormats, jobs: context.jobs, into: &bundle)
        try bundle.encode(section(table, figures: figures), as: ReportArtifacts.section.name)
        try bundle.encode(
            [
                "clips": "\(summaries.count)", "features": "\(names.count)",
                "descriptors": Self.descriptorPhrase(settings.features),
                "statistics": Self.statisticsPhrase(settings.features),
            ], as: ReportArtifacts.narrative.name)
        return bundle
    }

    /// The descriptors the setting computes, in words, for the narrative.
    static func descriptorPhrase(_ features: FeatureParameters) -> String {
        let phrases: [FeatureGroup: String] = [
            .rms: "RMS energy", .zcr: "zero-crossing rate", .mfcc: "MFCCs",
            .chroma: "chroma with librosa's tuning estimate", .contrast: "spectral contrast",
            .mfccDelta: "delta MFCCs (librosa.feature.delta)",
            .spectralShape: "spectral centroid, bandwidth, roll-off and flatness",
            .spectralBalance: "eGeMAPS' alpha ratio, Hammarberg index and spectral slopes (0–500, 500–1500 Hz)",
            .pitch: "F0 in semitones and voicing probability by pYIN (librosa.pyin, C2–C6)",
            .voiceQuality: "eGeMAPS' harmonics-to-noise ratio, local jitter and shimmer at pYIN's F0",
            .loudness: "eGeMAPS' loudness (the sum of an auditory spectrum)",
            .formants: "eGeMAPS' formants F1–F3 with their bandwidths (LPC) over voiced frames",
            .harmonicDifferences: "eGeMAPS' harmonic differences H1–H2 and H1–A3 over voiced frames",
        ]
        let words = features.activeGroups.compactMap { phrases[$0] }
        return words.count > 1 ? words.dropLast().joined(separator: ", ") + " and " + words.last! : words.joined()
    }

    /// The statistics the setting takes over frames, in words, for the narrative.
    static func statisticsPhrase(_ features: FeatureParameters) -> String {
        let names = features.activeFunctionals.map(\.rawValue).joined(separator: ", ")
        let voiced =
            features.activeKinds.contains(.f0)
            ? " (F0 over voiced frames only, with the rate and lengths of voiced and unvoiced segments)" : ""
        return features.featureSet == .seed
            ? "the mean and standard deviation of every coefficient" : "\(names) of every coefficient\(voiced)"
    }

    /// `features.csv`: path, label, speaker, gender, then every summary value.
    private func featuresCSV(_ table: FeatureTableRecord, labels: [String: LoadedClip]) throws(CellError) -> Data {
        var csv = FeatureTable(featureNames: table.names)
        for clip in table.clips {
            let label = labels[clip.path]
            csv.append(
                path: clip.path, label: label?.emotion ?? "", speaker: label?.speaker ?? "",
                gender: label?.gender ?? "", values: clip.values)
        }
        do {
            return Data(try csv.csv().utf8)
        } catch {
            throw CellError(cell: id, message: error.description)
        }
    }

    private func section(_ table: FeatureTableRecord, figures: [ReportFigure]) -> ReportSection {
        let frames = table.clips.map(\.frames)
        let low = frames.min() ?? 0
        let high = frames.max() ?? 0
        let features = settings.features
        return ReportSection(
            id: id, title: "Extract", narrative: "",
            parameters: [
                ReportPair("set", features.featureSet.rawValue),
                ReportPair(
                    "groups",
                    features.featureSet == .seed
                        ? "(seed)" : features.activeGroups.map(\.rawValue).joined(separator: ", ")),
                ReportPair(
                    "functionals",
                    features.featureSet == .seed
                        ? "(seed)" : features.activeFunctionals.map(\.rawValue).joined(separator: ", ")),
                ReportPair("n_fft", "\(features.nFFT)"),
                ReportPair("hop_length", "\(features.hopLength)"),
                ReportPair("mfcc.n_mfcc", "\(features.nMFCC)"),
                ReportPair("mfcc.n_mels", "\(features.nMels)"),
                ReportPair("chroma.n_chroma", "\(features.nChroma)"),
                ReportPair("contrast.n_bands", "\(features.nBands)"),
                ReportPair("contrast.fmin", "\(features.fmin)"),
            ],
            timing: "", figures: figures,
            tables: [
                ReportTable(
                    caption: "Features per clip", columns: ["feature", "coefficients", "summary values"],
                    rows: FeatureNames.groups(features).map {
                        [$0.name, $0.rows > 0 ? "\($0.rows)" : "", "\($0.values)"]
                    }
                        + [["frames per clip", low == high ? "\(low)" : "\(low)–\(high)", "\(table.names.count)"]])
            ])
    }
}
