import SERDSP
import SERFigures
import SERLearn

/// The extract cell's figures: per-emotion distributions of each feature group's means, the mean
/// MFCC per emotion, and every clip on two principal components.
struct ExtractFigureSet {
    let features: FeatureParameters
    let names: [String]
    let clips: [ClipSummary]
    /// Each clip's emotion, in clip order.
    let emotions: [String]

    func figures() -> [NotebookFigure] {
        let palette = EmotionPalette(emotions: EmotionOrder.sorted(emotions))
        func column(_ name: String) -> [Double]? {
            guard let index = names.firstIndex(of: name) else { return nil }
            return clips.map { $0.values[index] }
        }
        func columns(_ prefix: String, titles: (Int) -> String, limit: Int = .max) -> [(name: String, values: [Double])]
        {
            var found: [(name: String, values: [Double])] = []
            var index = 0
            while index < limit, let values = column("\(prefix)_\(index)") {
                found.append((titles(index), values))
                index += 1
            }
            return found
        }
        var figures: [NotebookFigure] = []
        func distribution(
            _ name: String, _ title: String, _ features: [(name: String, values: [Double])], _ caption: String,
            showsClips: Bool = false, yLabels: [String]
        ) {
            guard !features.isEmpty else { return }
            figures.append(
                NotebookFigure(
                    cell: "extract", name: name, caption: caption,
                    figure: ExtractFigures.distributions(
                        title: title, features: features, emotions: emotions, palette: palette,
                        columns: min(4, features.count), showsClips: showsClips, yLabels: yLabels)))
        }
        let energy = [
            ("RMS (mean over frames)", column("rms_mean_0")), ("ZCR (mean over frames)", column("zcr_mean_0")),
        ]
        .compactMap { name, values in values.map { (name: name, values: $0) } }
        distribution(
            "extract-energy", "Loudness and noisiness per emotion", energy,
            "Per-clip mean RMS energy and zero-crossing rate; each dot is a clip.", showsClips: true,
            yLabels: energy.map { $0.name.hasPrefix("RMS") ? "amplitude" : "crossings per sample" })
        let mfcc = columns("mfcc_mean", titles: { "MFCC \($0 + 1)" }, limit: 13)
        distribution(
            "extract-mfcc", "MFCC 1–\(mfcc.count) per emotion (mean over frames)", mfcc,
            "Per-clip mean of each of the first MFCCs.", yLabels: mfcc.map { _ in "coefficient value" })
        let pitchClasses = ["C", "C♯", "D", "D♯", "E", "F", "F♯", "G", "G♯", "A", "A♯", "B"]
        let chroma = columns("chroma_mean", titles: { $0 < 12 ? "chroma \(pitchClasses[$0])" : "chroma \($0 + 1)" })
        distribution(
            "extract-chroma", "Chroma per emotion (mean over frames)", chroma,
            "Per-clip mean energy of each pitch class.", yLabels: chroma.map { _ in "relative energy" })
        let contrast = columns("contrast_mean", titles: contrastBandTitle)
        distribution(
            "extract-contrast", "Spectral contrast per emotion (mean over frames)", contrast,
            "Per-clip mean peak-to-valley contrast of each octave band.", yLabels: contrast.map { _ in "dB" })
        let voice = voiceDescriptors()
        distribution(
            "extract-voice", "The voice descriptors that differ most between emotions", voice.features,
            "The \(voice.features.count) voice descriptors (pitch, voice quality, loudness, spectral balance) that "
                + "differ most between emotions, each by its statistic with the largest ANOVA F across emotions "
                + "(scikit-learn's f_classif over all \(clips.count) clips: a description of the corpus, not what a "
                + "model chose); each dot is a clip.",
            showsClips: true, yLabels: voice.units)
        if !mfcc.isEmpty {
            figures.append(
                NotebookFigure(
                    cell: "extract", name: "extract-mfcc-means",
                    caption: "Mean of each MFCC per emotion, as a z-score over all clips.",
                    figure: ExtractFigures.mfccHeatmap(mfcc: mfcc.map(\.values), emotions: emotions, palette: palette)))
        }
        if let pca = principalComponents() {
            figures.append(
                NotebookFigure(
                    cell: "extract", name: "extract-pca",
                    caption: "Every clip on the first two principal components of the standardised feature matrix.",
                    figure: ExtractFigures.pcaScatter(
                        points: pca.points, emotions: pca.rows.map { emotions[$0] }, explained: pca.explained,
                        palette: palette)))
        }
        return figures
    }

    /// One summary value for each of (up to) six voice descriptors (of the pitch, voice quality, loudness,
    /// spectral balance and formant groups; the voicing segment statistics count as one): for each descriptor
    /// its statistic with the largest ANOVA F across emotions, the descriptors ordered by that F (ties
    /// in column order), each titled with its column name and F; and the unit of each.
    private func voiceDescriptors() -> (features: [(name: String, values: [Double])], units: [String]) {
        let voiceGroups: Set<FeatureGroup> = [
            .pitch, .voiceQuality, .loudness, .spectralBalance, .formants, .harmonicDifferences,
        ]
        let emotionIndex = Dictionary(uniqueKeysWithValues: Set(emotions).sorted().enumerated().map { ($1, $0) })
        let labels = emotions.map { emotionIndex[$0]! }
        var best: [String: (column: Int, score: Double)] = [:]
        for column in names.indices {
            let name = names[column]
            guard let group = FeatureNames.group(ofColumn: name), voiceGroups.contains(group),
                let score = AnovaF.score(clips.map { $0.values[column] }, labels: labels)
            else { continue }
            let descriptor = FeatureNames.kind(ofColumn: name)?.rawValue ?? "voicing segments"
            if let current = best[descriptor], current.score >= score { continue }
            best[descriptor] = (column, score)
        }
        let ranked = best.values.sorted { $0.score > $1.score || ($0.score == $1.score && $0.column < $1.column) }
            .prefix(6)
        let features = ranked.map { entry in
            (
                name: "\(names[entry.column])  (F = \(Self.oneDecimal(entry.score)))",
                values: clips.map { $0.values[entry.column] }
            )
        }
        return (features, ranked.map { Self.unit(ofColumn: names[$0.column]) })
    }

    private static func oneDecimal(_ value: Double) -> String { "\((value * 10).rounded() / 10)" }

    /// What a voice column's values measure, for its axis.
    private static func unit(ofColumn name: String) -> String {
        let units: [(prefix: String, unit: String)] = [
            ("f0_", "semitones above 27.5 Hz"), ("hnr_", "dB"), ("shimmer_", "dB"), ("jitter_", "share of the period"),
            ("alpha_ratio_", "dB"), ("hammarberg_", "dB"), ("slope_", "dB per Hz"), ("voicing_", "probability"),
            ("loudness_", "loudness"), ("voiced_segments_per_second", "per second"), ("voiced_length", "seconds"),
            ("unvoiced_length", "seconds"), ("formant_", "Hz"), ("h1_", "dB"),
        ]
        guard let unit = units.first(where: { name.hasPrefix($0.prefix) })?.unit else { return "" }
        // Statistics that are not in the descriptor's own unit.
        for (suffix, other) in [("_skewness_", ""), ("_kurtosis_", ""), ("_slope_", "\(unit) per second")]
        where name.contains(suffix) {
            return other
        }
        return unit
    }

    /// Spectral contrast band `index`'s title with its frequency range: librosa's octave edges 0, fmin,
    /// 2 fmin, …, the last band running to the Nyquist frequency.
    private func contrastBandTitle(_ index: Int) -> String {
        let fmin = features.fmin
        let kilohertz = { (hertz: Double) in "\((hertz / 100).rounded() / 10)" }
        let low = index == 0 ? 0 : fmin * Double(1 << (index - 1))
        guard index < features.nBands else { return "contrast ≥ \(kilohertz(low)) kHz" }
        let high = fmin * Double(1 << index)
        return high < 1000
            ? "contrast \(Int(low))–\(Int(high)) Hz" : "contrast \(kilohertz(low))–\(kilohertz(high)) kHz"
    }

    /// The clips projected on the first two principal components of the standardised summary matrix;
    /// clips with a NaN or infinite value are left out of both the fit and the plot (`rows` says which
    /// clips the points are).
    private func principalComponents() -> (
        points: [(x: Double, y: Double)], rows: [Int], explained: (Double, Double)
    )? {
        let rows = clips.indices.filter { clips[$0].values.allSatisfy(\.isFinite) }
        guard rows.count >= 3 else { return nil }
        let matrix = Matrix(rows: rows.map { clips[$0].values })
        let standardized = Standardizer(fitting: matrix).transform(matrix)
        guard let pca = try? PrincipalComponents(fitting: standardized, componentCount: 2) else { return nil }
        let projected = pca.transform(standardized)
        return (
            (0..<projected.rows).map { (projected[$0, 0], projected[$0, 1]) }, rows,
            (pca.explainedVarianceRatio[0], pca.explainedVarianceRatio[1])
        )
    }
}
