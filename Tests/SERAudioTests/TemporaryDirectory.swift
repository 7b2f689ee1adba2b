import Foundation

/// A fresh directory under the system temporary folder, removed when the value is released.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("serreport-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A deterministic test signal: a 440 Hz sine at `amplitude` with a little harmonic content.
func testTone(count: Int, sampleRate: Int, amplitude: Float = 0.5) -> [Float] {
    (0..<count).map { i in
        let t = Double(i) / Double(sampleRate)
        return amplitude * Float(0.8 * sin(2 * .pi * 440 * t) + 0.2 * sin(2 * .pi * 1320 * t))
    }
}
