import Foundation
import SERDSP
import Testing

@Suite("FFTW wrappers")
struct RealFFTTests {
    /// A deterministic non-trivial signal.
    private func signal(_ n: Int) -> [Double] {
        (0..<n).map { i in
            let t = Double(i)
            return sin(t * 0.37) + 0.25 * cos(t * t * 0.011)
        }
    }

    @Test("the inverse transform undoes the forward one, times n", arguments: [1024, 1000, 7, 2, 1])
    func roundTrip(size: Int) throws {
        let forward = try RealFFT(size: size)
        let inverse = try InverseRealFFT(size: size)
        let x = signal(size)
        for i in 0..<size { forward.input[i] = x[i] }
        forward.execute()
        for k in 0..<forward.binCount {
            inverse.input[2 * k] = forward.real(k)
            inverse.input[2 * k + 1] = forward.imaginary(k)
        }
        inverse.execute()
        let worst = (0..<size).map { abs(inverse.output[$0] / Double(size) - x[$0]) }.max() ?? 0
        #expect(worst < 1e-13)
    }

    @Test("execute(into:) gives execute()'s bins on aligned and misaligned storage")
    func executeInto() throws {
        let fft = try RealFFT(size: 1024)
        let x = signal(1024)
        for i in 0..<1024 { fft.input[i] = x[i] }
        fft.execute()
        let expected = (0..<fft.binCount).flatMap { [fft.real($0), fft.imaginary($0)] }
        let storage = UnsafeMutableRawPointer.allocate(byteCount: (2 * fft.binCount + 1) * 8, alignment: 64)
        defer { storage.deallocate() }
        for offset in [0, 1] {
            let spectrum = storage.bindMemory(to: Double.self, capacity: 2 * fft.binCount + 1) + offset
            fft.execute(into: spectrum)
            #expect((0..<(2 * fft.binCount)).map { spectrum[$0] } == expected)
        }
    }
}
