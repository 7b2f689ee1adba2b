import ArgumentParser
import Foundation
import SERAudio
import SERCells
import SERLearn
import SERNotebook

/// `serreport features FILE...`: the features of single files, for checking against librosa.
struct Features: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the features of audio files, one JSON object per line per file.",
        discussion: """
            The JSON has the layout and key names of reference_features.py (meta, summary, frames), \
            so the two diff directly. Processing follows the settings (normalise, trim, fix length).
            """)

    /// `--out FILE` writes the lines to a file instead of standard output.
    @OptionGroup var common: CommonOptions

    @Argument(help: "Audio files (WAV, FLAC, OGG, MP3, AIFF, … anything libsndfile reads).")
    var files: [String]

    @Flag(name: .long, help: "Print JSON lines (default: one readable line per file).")
    var json = false

    @Flag(name: .long, help: "Leave out the per-frame matrices.")
    var summary = false

    @Flag(name: .long, help: "Skip every processing step (load only, then features).")
    var raw = false

    @Option(name: .long, help: "Write the processed waveform of the (single) file as float32 WAV.")
    var dumpWave: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Use the settings a built report's models were trained with (its models/settings.json).",
            discussion:
                "The features exactly as `predict` computes them for that report's models (with its cnn, the log-mel spectrogram too, as frames.log_mel).",
            valueName: "report"))
    var report: String?

    @Option(name: .long, help: "Worker threads (default: all cores).")
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if report != nil, common.config != nil || !common.overrides.isEmpty {
            throw ValidationError("--report takes the report's settings: give it without --config or --set")
        }
    }

    func run() throws {
        let settings =
            try report.map { try SavedReportModel.settings(SavedReportModel.join($0, "models/settings.json")) }
            ?? common.resolveSettings()
        if dumpWave != nil && files.count != 1 { throw CommandError("--dump-wave takes exactly one file") }
        try checkOutputs()
        var dump = FeatureDump(settings: settings, processing: !raw, includeFrames: !summary, json: json)
        dump.waveOutput = dumpWave
        if report != nil, settings.train.models.contains(.cnn) {
            dump.logMelBands = settings.train.parameters.cnn.melBands
        }
        var output = FeatureOutput(path: common.out)
        var failed = false
        for result in dump.run(paths: files, jobs: jobs) {
            switch result {
            case .success(let line): output.write(line)
            case .failure(let error):
                Standard.error("serreport: \(error)")
                failed = true
            }
        }
        try output.close()
        if failed { throw ExitCode.failure }
    }

    /// `--out` and `--dump-wave` name files to write (through a symbolic link, never a folder, FIFO or
    /// device), and never one of the input files: checked before any file is read.
    private func checkOutputs() throws {
        var targets: [String: String] = [:]
        for (option, path) in [("--out", common.out), ("--dump-wave", dumpWave)] {
            guard let path else { continue }
            let target: String
            do {
                target = try NamedOutputFile.target(of: path)
            } catch {
                throw CommandError("\(option) \(error.message)")
            }
            if let input = files.first(where: { NamedOutputFile.sameFile($0, path) }) {
                throw CommandError("\(option) \(path): is the input file \(input); give another file to write")
            }
            if let other = targets[target] {
                throw CommandError("\(option) \(path): is also \(other)'s file; give each its own file")
            }
            targets[target] = option
        }
    }
}

/// Where `features` prints: standard output, or the `--out` file, written whole at the end (through a
/// symbolic link, atomically: ``NamedOutputFile``), and left as it was when no file gave a line.
struct FeatureOutput {
    private let path: String?
    private var text = ""

    init(path: String?) {
        self.path = path
    }

    mutating func write(_ line: String) {
        if path == nil { StandardOutput.line(line) } else { text += line + "\n" }
    }

    func close() throws {
        guard let path, !text.isEmpty else { return }
        do {
            try NamedOutputFile.write(Data(text.utf8), to: path)
        } catch {
            throw CommandError(error.message)
        }
    }
}
