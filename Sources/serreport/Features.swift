import ArgumentParser
import SERCells

/// `serreport features FILE...`: the features of single files, for checking against librosa.
struct Features: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the features of audio files, one JSON object per line per file.",
        discussion: """
            The JSON has the layout and key names of reference_features.py (meta, summary, frames), \
            so the two diff directly. Processing follows the settings (normalise, trim, fix length).
            """)

    @OptionGroup var common: CommonOptions

    @Argument(help: "Audio files (WAV, FLAC, OGG, MP3, AIFF, … anything libsndfile reads).")
    var files: [String]

    @Flag(name: .long, help: "Print JSON lines (default: one readable line per file).")
    var json = false

    @Flag(name: .long, help: "Leave out the per-frame matrices.")
    var summary = false

    @Flag(name: .long, help: "Skip every processing step (load only, then features).")
    var raw = false

    @Option(name: .long, help: "Worker threads (default: all cores).")
    var jobs: Int?

    func run() throws {
        let settings = try common.resolveSettings()
        let dump = FeatureDump(settings: settings, processing: !raw, includeFrames: !summary, json: json)
        var failed = false
        for result in dump.run(paths: files, jobs: jobs) {
            switch result {
            case .success(let line): print(line)
            case .failure(let error):
                Standard.error("serreport: \(error)")
                failed = true
            }
        }
        if failed { throw ExitCode.failure }
    }
}
