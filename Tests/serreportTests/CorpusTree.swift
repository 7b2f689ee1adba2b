import Foundation
import SERAudio

/// A throwaway corpus folder laid out like a real corpus: tiny valid audio files (a short tone each)
/// at the given relative paths, plus any text files. Removed when released.
final class CorpusTree {
    let root: URL

    /// `name` becomes the folder's last component, so the corpus name can be checked.
    init(_ files: [String], name: String = "corpus") throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("serreport-tree-\(UUID().uuidString)", isDirectory: true)
            .appendingPathComponent(name, isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (index, file) in files.enumerated() { try addAudio(file, frequency: 200 + 10 * Double(index)) }
    }

    var path: String { root.path }

    func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// A 200 ms tone (serreport skips clips under 0.1 s as too short); FLAC for `.flac`, 16-bit WAV otherwise (the scan goes by extension only).
    func addAudio(_ relative: String, frequency: Double = 440) throws {
        let target = url(relative)
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let tone = (0..<3200).map { Float(0.3 * sin(2 * .pi * frequency * Double($0) / 16000)) }
        let format: AudioFileFormat = target.pathExtension.lowercased() == "flac" ? .flac16 : .wav16
        try AudioFile.write(tone, sampleRate: 16000, format: format, to: target.path)
    }

    func addText(_ relative: String, _ text: String) throws {
        let target = url(relative)
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: target, atomically: true, encoding: .utf8)
    }

    func addLink(_ relative: String, to destination: String) throws {
        try FileManager.default.createSymbolicLink(atPath: url(relative).path, withDestinationPath: destination)
    }

    deinit { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
}
