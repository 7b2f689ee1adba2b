import SERDSP
import Testing

@Suite("RMS and zero-crossing rate (librosa defaults)")
struct TimeDomainFeatureTests {
    @Test("rms of a constant: sqrt(1/2) on the zero-padded edge frames, 1 inside")
    func rmsOfConstant() {
        let rms = RMS(geometry: FrameGeometry(frameLength: 2048, hopLength: 512))([Float](repeating: 1, count: 8192))
        #expect(rms.count == 17)
        #expect(rms[0] == Float(0.5).squareRoot())
        #expect(rms[16] == Float(0.5).squareRoot())
        #expect(rms[2...14].allSatisfy { $0 == 1 })
    }

    @Test("zcr: threshold 1e-10 clips to +0, zero counts as positive, edges are replicated")
    func zcrRules() {
        // Edge padding repeats 0.5 on the left and -2e-10 on the right (|x| > 1e-10: negative).
        let y: [Float] = [0.5, -0.5, 1e-11, -1e-11, -0.0, 0.25, -2e-10]
        let rate = ZeroCrossingRate(geometry: FrameGeometry(frameLength: 2048, hopLength: 512))(y)
        // Crossings: 0.5 → -0.5, -0.5 → 1e-11 (+0), 0.25 → -2e-10; the clipped and -0.0 values are +0.
        #expect(rate == [3.0 / 2048])
    }

    @Test("zcr of an alternating signal counts at most 2047 of 2048 slots")
    func zcrAlternating() {
        let y = (0..<8192).map { Float($0 % 2 == 0 ? 1 : -1) }
        let rate = ZeroCrossingRate(geometry: FrameGeometry(frameLength: 2048, hopLength: 512))(y)
        #expect(rate.count == 17)
        #expect(rate[4] == 2047.0 / 2048)
        // Frame 0 is 1024 replicated +1 values then the signal: 1023 crossings.
        #expect(rate[0] == 1023.0 / 2048)
    }

    @Test("zcr of an empty signal is one frame of 0 (librosa cannot edge-pad nothing)")
    func zcrEmpty() {
        #expect(ZeroCrossingRate(geometry: FrameGeometry(frameLength: 2048, hopLength: 512))([]) == [0])
    }
}
