import Foundation
import SERPlot
import SERReport
import SERTestSupport

/// A report like a build's, with its figure files written by SERPlot into a test folder: a section
/// that ran (narrative in three scripts, parameters, a figure as PDF and PNG, a 300-row table), a
/// cached one whose figure exists only as PNG, a failed one, notices and skipped files.
enum SampleReport {
    static let title = "Speech emotion report: Samples"
    /// Strings drawn by SERPlot inside the figures (axis labels), to find in the report's text.
    static let vectorAxisLabel = "frame energy (dB)"
    static let rasterAxisLabel = "raster only axis"
    static let tableRows = 300

    static func document(in folder: OutputFolder, tableRows: Int = tableRows) throws -> ReportDocument {
        try folder.makeFolder("figures")
        let energy = figure(title: "Energy per frame", xLabel: "time (s)", yLabel: vectorAxisLabel)
        try energy.write(to: folder.file("figures/load-energy.pdf"), format: .pdf)
        try energy.write(to: folder.file("figures/load-energy.png"), format: .png)
        let spectrum = figure(title: "Spectrum", xLabel: "frequency (Hz)", yLabel: rasterAxisLabel)
        try spectrum.write(to: folder.file("figures/process-spectrum.png"), format: .png)

        let load = ReportSection(
            id: "load", title: "Load the corpus",
            narrative: """
                Each clip is decoded with libsndfile, mixed to mono and resampled with libsoxr's HQ recipe, \
                as librosa.load does. Labels come from the corpus layout.

                Emotion names appear as the corpus spells them: Ärger, Langeweile, غصہ (Urdu), سعادة (Arabic).
                """,
            parameters: [ReportPair("sample_rate", "22050"), ReportPair("corpus", "auto")],
            timing: "1.25 s", state: "ran",
            figures: [
                ReportFigure(
                    title: "Frame energy", caption: "Energy of every frame, in decibels.",
                    image: "figures/load-energy.png", vector: "figures/load-energy.pdf", width: 420, height: 280,
                    formats: [])
            ],
            tables: [
                ReportTable(
                    caption: "Clips", columns: ["clip", "emotion", "speaker", "seconds"],
                    rows: (1...tableRows).map {
                        [clipName($0), ["angry", "calm", "sad"][$0 % 3], "s\($0 % 7)", "3.0"]
                    })
            ])
        let process = ReportSection(
            id: "process", title: "Process the audio", narrative: "Peak normalisation, trimming and noise reduction.",
            parameters: [], timing: "0.40 s", state: "cached",
            figures: [
                ReportFigure(
                    title: "Spectrum", caption: "Drawn from the PNG only.", image: "figures/process-spectrum.png",
                    width: 420, height: 280, formats: [])
            ], tables: [])
        let evaluate = ReportSection(
            id: "evaluate", title: "Evaluate the models", narrative: "Accuracy, UAR and macro-F1 per model.",
            parameters: [ReportPair("models", "svm,rf")], timing: "", state: "failed",
            error: "train: xgboost could not read models/xgb.json (unexpected end of file)", figures: [], tables: [])
        return ReportDocument(
            title: title, subtitle: "12 clips, 3 emotions, 2 speakers",
            highlights: [ReportPair("clips", "12"), ReportPair("best UAR", "0.52 (svm)")],
            provenance: [ReportPair("serreport", "0.1.0"), ReportPair("git commit", "24192fc")],
            notices: ["A random split over-states accuracy: speakers appear in both training and test folds."],
            sections: [load, process, evaluate],
            skipped: [ReportPair("Samples/bad.wav", "cannot decode"), ReportPair("Samples/quiet.wav", "silent")],
            downloads: [], generator: "serreport tests")
    }

    /// The first cell of table row `row`: unique, and no prefix of another (clip-001 … clip-300).
    static func clipName(_ row: Int) -> String {
        "clip-" + String(repeating: "0", count: max(0, 4 - "\(row)".count)) + "\(row)"
    }

    private static func figure(title: String, xLabel: String, yLabel: String) -> Figure {
        let xs = (0..<50).map { Double($0) / 10 }
        return Figure(
            panels: [
                Axes(
                    title: title, xLabel: xLabel, yLabel: yLabel,
                    marks: [
                        .line(xs: xs, ys: xs.map { -30 + 8 * ($0 - 2.5) * ($0 - 2.5) }, color: Color(hex: 0x0072B2))
                    ])
            ], width: 420, height: 280)
    }
}

extension OutputFolder {
    func makeFolder(_ name: String) throws {
        try FileManager.default.createDirectory(atPath: file(name), withIntermediateDirectories: true)
    }
}
