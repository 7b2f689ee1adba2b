import ArgumentParser
import Foundation
import SERAudio
import SERCells

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

    @Option(name: .long, help: "Worker threads (default: all cores).")
    var jobs: Int?

    func run() throws {
        let settings = try common.resolveSettings()
        if dumpWave != nil && files.count != 1 { throw CommandError("--dump-wave takes exactly one file") }
        var dump = FeatureDump(settings: settings, processing: !raw, includeFrames: !summary, json: json)
        dump.waveOutput = dumpWave
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
}

/// Where `features` prints: standard output, or the `--out` file (written whole at the end).
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
        guard let path else { return }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CommandError("\(path): cannot write (\(error.localizedDescription))")
        }
    }
}
