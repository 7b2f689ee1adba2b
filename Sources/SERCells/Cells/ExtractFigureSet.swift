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
