import Glibc
import Testing

@testable import SERDSP

@Suite("MFCC (librosa.feature.mfcc defaults)")
struct MFCCTests {
    @Test("the DCT-II table is orthonormal (C Cᵀ = I) for 128 points")
    func dctOrthonormal() {
        let n = 128
        let dct = OrthonormalDCT(inputCount: n, outputCount: n)
        // Transform each unit vector: column m of the result is column m of C.
        var matrix = [Double](repeating: 0, count: n * n)
        var unit = [Float](repeating: 0, count: n)
        var column = [Double](repeating: 0, count: n)
        for m in 0..<n {
            unit[m] = 1
            unit.withUnsafeBufferPointer { input in
                column.withUnsafeMutableBufferPointer {
                    dct.apply(input.baseAddress!, into: $0.baseAddress!, outputStride: 1)
                }
            }
            for q in 0..<n { matrix[q * n + m] = column[q] }
            unit[m] = 0
        }
        var worst = 0.0
        for a in 0..<n {
            for b in 0..<n {
                let dot = (0..<n).reduce(0.0) { $0 + matrix[a * n + $1] * matrix[b * n + $1] }
                worst = max(worst, abs(dot - (a == b ? 1 : 0)))
            }
        }
        // Entries are rounded to float32 on output, so orthonormality holds to float32 precision.
        #expect(worst < 1e-6)
        #expect(Float(matrix[0]) == Float((1.0 / 128).squareRoot()))
    }

    @Test("a DCT of a constant puts everything in c0")
    func dctOfConstant() {
        let dct = OrthonormalDCT(inputCount: 128, outputCount: 20)
        let input = [Float](repeating: -100, count: 128)
        var output = [Double](repeating: .nan, count: 20)
        input.withUnsafeBufferPointer { i in
            output.withUnsafeMutableBufferPointer { dct.apply(i.baseAddress!, into: $0.baseAddress!, outputStride: 1) }
        }
        #expect(abs(output[0] - -100 * 128.0.squareRoot()) < 1e-3)
        #expect(output.dropFirst().allSatisfy { abs($0) < 1e-4 })
    }

    @Test("silence gives c0 = -100·sqrt(128) = -1131.37 and zeros, like librosa", arguments: [0, 1, 4000])
    func silence(length: Int) throws {
        let features = try FrameFeatureExtractor(sampleRate: 22050).extract([Float](repeating: 0, count: length))
        let mfcc = try #require(features[.mfcc])
        #expect(mfcc.rowCount == 20)
        for t in 0..<mfcc.frameCount {
            #expect(abs(mfcc[0, t] - -1131.3708498984761) < 1e-3)
            #expect((1..<20).allSatisfy { abs(mfcc[$0, t]) < 1e-3 })
        }
    }

    @Test("top_db clips at 80 dB below the loudest bin of the whole clip, not per frame")
    func globalTopDB() throws {
        // Loud tone then quiet tone: with a per-frame floor the quiet half would keep its full
        // dynamic range; with the global floor its quietest mel bands sit at exactly peak - 80 dB.
        let loud = (0..<8192).map { Float(0.9 * sin(Double($0) * 0.3)) }
        let quiet = (0..<8192).map { Float(1e-4 * sin(Double($0) * 0.3)) }
        let mfcc = try MFCC(sampleRate: 22050, nFFT: 2048, melCount: 128, coefficientCount: 20)
        let stft = try STFT(nFFT: 2048, hopLength: 512)
        let power = stft.power(loud + quiet)
        var mel: [Float] = []
        mfcc.filterbank.apply(to: power, into: &mel)
        mel.withUnsafeMutableBufferPointer { DecibelScale.powerToDB($0) }
        let peak = try #require(mel.max())
        let floor = try #require(mel.min())
        #expect(floor == peak - 80)
        let lastFrame = mel.suffix(128)
        #expect(lastFrame.allSatisfy { $0 == floor })
    }

    @Test("n_mfcc outside 1...n_mels is refused")
    func invalid() {
        #expect(throws: DSPError.self) { try MFCC(sampleRate: 22050, nFFT: 2048, melCount: 128, coefficientCount: 0) }
        #expect(throws: DSPError.self) { try MFCC(sampleRate: 22050, nFFT: 2048, melCount: 16, coefficientCount: 20) }
    }
}
