import Foundation
import SERAudio

/// A throwaway corpus folder with a manifest, good clips and the bad inputs users actually have.
final class CorpusFixture {
    let root: URL

    init(emotions: [String] = ["angry", "sad"], speakers: [String] = ["s1", "s2"], badFiles: Bool = true) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("serreport-corpus-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        var rows = ["path,emotion,speaker,gender"]
        for (index, emotion) in emotions.enumerated() {
            for (number, speaker) in speakers.enumerated() {
                let name = "\(speaker)_\(emotion).wav"
                let tone = Self.burst(
                    frequency: 200 + 150 * Double(index) + 7 * Double(number), amplitude: 0.3 + 0.2 * Float(index))
                try AudioFile.write(tone, sampleRate: 16000, format: .wav16, to: path(name))
                rows.append("\(name),\(emotion),\(speaker),\(number % 2 == 0 ? "female" : "male")")
            }
        }
        if badFiles {
            try "not audio".write(toFile: path("text.wav"), atomically: true, encoding: .utf8)
            _ = FileManager.default.createFile(atPath: path("empty.wav"), contents: Data())
            try AudioFile.write([], sampleRate: 16000, format: .wav16, to: path("zero.wav"))
            rows += [
                "text.wav,angry,s3,male", "empty.wav,sad,s3,male", "zero.wav,sad,s3,male", "missing.wav,angry,s3,male",
            ]
        }
        try (rows.joined(separator: "\n") + "\n").write(toFile: path("manifest.csv"), atomically: true, encoding: .utf8)
    }

    func path(_ name: String) -> String { root.appendingPathComponent(name).path }

    /// Silence, a one-second harmonic tone with a little noise, silence.
    static func burst(frequency: Double, amplitude: Float) -> [Float] {
        var state: UInt32 = 12345
        let tone = (0..<16000).map { i -> Float in
            state = state &* 1_664_525 &+ 1_013_904_223
            let noise = Float(state >> 8) / Float(1 << 24) - 0.5
            let t = Double(i) / 16000
            return amplitude * Float(sin(2 * .pi * frequency * t) + 0.3 * sin(4 * .pi * frequency * t)) / 1.3 + 0.01
                * noise
        }
        return [Float](repeating: 0, count: 4000) + tone + [Float](repeating: 0, count: 3000)
    }

    deinit { try? FileManager.default.removeItem(at: root) }
}

/// Runs the built `serreport` binary (next to the test bundle) and captures its output.
struct CommandRun {
    let status: Int32
    let stdout: String
    let stderr: String

    /// `swift test` runs `.build/<config>/serreportPackageTests.xctest`; the tool is built beside it.
    static var binary: URL {
        URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("serreport")
    }

    /// Runs the built `serreport` in `folder`, or in a new empty folder, so that each run has its own
    /// `.serreport/` cache unless a test shares one on purpose.
    init(_ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:]) throws {
        try self.init(executable: Self.binary.path, arguments, in: folder, environment: environment)
    }

    /// Runs another program (e.g. `setpriv` wrapping `serreport`) the same way; `environment` adds to
    /// (or replaces) the test's own variables.
    init(executable: String, _ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        if let folder {
            process.currentDirectoryURL = folder
        } else {
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("serreport-run-\(UUID())")
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            process.currentDirectoryURL = scratch
        }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        status = process.terminationStatus
        stdout = String(decoding: outData, as: UTF8.self)
        stderr = String(decoding: errData, as: UTF8.self)
    }
}
