import Glibc
import SERDSP
import Testing

@Suite("STFT (librosa.stft defaults)")
struct STFTTests {
    /// `A sin(2π k0 n / N)` sampled at 22050 Hz: exactly on bin `k0`.
    private func tone(bin: Int, amplitude: Float = 0.5, count: Int = 8192, nFFT: Int = 2048) -> [Float] {
        (0..<count).map { n in amplitude * Float(sin(2 * Double.pi * Double(bin * n) / Double(nFFT))) }
    }

    @Test(
        "frame count is 1 + n // 512 for every feature", arguments: [(0, 1), (1, 1), (511, 1), (512, 2), (66150, 130)])
    func frameCounts(length: Int, frames: Int) throws {
        let y = [Float](repeating: 0.25, count: length)
        let stft = try STFT(nFFT: 2048, hopLength: 512)
        #expect(stft.frameCount(sampleCount: length) == frames)
        #expect(stft.magnitude(y).frameCount == frames)
        #expect(RMS(geometry: FrameGeometry(frameLength: 2048, hopLength: 512))(y).count == frames)
        #expect(ZeroCrossingRate(geometry: FrameGeometry(frameLength: 2048, hopLength: 512))(y).count == frames)
        let features = try FrameFeatureExtractor(sampleRate: 22050).extract(y)
        #expect(features.frameCount == frames)
        #expect(features.entries.allSatisfy { $0.matrix.frameCount == frames })
    }

    @Test("a sinusoid on bin 100 peaks there with |X| = A N / 4 and Hann side bins A N / 8")
    func sinusoidPeak() throws {
        let stft = try STFT(nFFT: 2048, hopLength: 512)
        let spectrum = stft.magnitude(tone(bin: 100))
        #expect(spectrum.binCount == 1025)
        #expect(spectrum.frameCount == 17)
        for frame in 4..<12 {  // frames fully inside the tone
            let column = (0..<spectrum.binCount).map { spectrum[bin: $0, frame: frame] }
            let peak = column.indices.max { column[$0] < column[$1] }
            #expect(peak == 100)
            #expect(abs(column[100] - 256) < 1e-3)
            #expect(abs(column[99] - 128) < 1e-3 && abs(column[101] - 128) < 1e-3)
            #expect(column[110] < 1e-3)
        }
    }

    @Test("power is the float32 square of the magnitude")
    func powerIsSquaredMagnitude() throws {
        let stft = try STFT(nFFT: 2048, hopLength: 512)
        let y = tone(bin: 37, count: 3000)
        let magnitude = stft.magnitude(y)
        let power = stft.power(y)
        #expect(power.values == magnitude.values.map { $0 * $0 })
    }

    @Test("an empty or short signal is all padding: one frame of zeros, no trap")
    func emptyAndShort() throws {
        let stft = try STFT(nFFT: 2048, hopLength: 512)
        let empty = stft.magnitude([])
        #expect(empty.frameCount == 1 && empty.values.count == 1025)
        #expect(empty.values.allSatisfy { $0 == 0 })
        let single = stft.magnitude([1])
        // One unit sample at the frame centre, times the window's centre weight 1: a flat spectrum.
        #expect(single.values.allSatisfy { abs($0 - 1) < 1e-6 })
    }

    @Test("reusing one STFT for clips of different lengths gives the same as fresh ones")
    func reuse() throws {
        let shared = try STFT(nFFT: 2048, hopLength: 512)
        var buffer = Spectrogram()
        for length in [5000, 700, 0, 12000] {
            let y = tone(bin: 50, count: length)
            shared.magnitude(y, into: &buffer)
            #expect(buffer == (try STFT(nFFT: 2048, hopLength: 512)).magnitude(y))
        }
    }

    @Test("odd or non-positive sizes are refused with a DSPError")
    func invalidSizes() {
        #expect(throws: DSPError.self) { try STFT(nFFT: 2047, hopLength: 512) }
        #expect(throws: DSPError.self) { try STFT(nFFT: 0, hopLength: 512) }
        #expect(throws: DSPError.self) { try STFT(nFFT: 2048, hopLength: 0) }
    }

    @Test("16 STFT plans made concurrently in a task group all work")
    func concurrentPlans() async throws {
        let sizes = (0..<16).map { 256 << ($0 % 4) }
        let peaks = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            for (task, size) in sizes.enumerated() {
                group.addTask {
                    let stft = try STFT(nFFT: size, hopLength: size / 4)
                    let bin = 10 + task
                    let y = (0..<(4 * size)).map { Float(sin(2 * Double.pi * Double(bin * $0) / Double(size))) }
                    let spectrum = stft.magnitude(y)
                    let column = (0..<spectrum.binCount).map { spectrum[bin: $0, frame: 2] }
                    return (bin, column.indices.max { column[$0] < column[$1] } ?? -1)
                }
            }
            var found: [(Int, Int)] = []
            for try await result in group { found.append(result) }
            return found
        }
        #expect(peaks.count == 16)
        for (expected, peak) in peaks { #expect(peak == expected) }
    }
}
