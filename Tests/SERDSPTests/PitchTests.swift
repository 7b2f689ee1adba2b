import Foundation
import Testing

@testable import SERDSP

/// pYIN against librosa 0.11.0 (`Fixtures/*_voice.json`) and against its own definitions.
@Suite("F0 and voicing (librosa.pyin, C2–C6)")
struct PitchTests {
    /// Measured: voicing agrees on every frame of all three clips, and every frame both call voiced has
    /// the same pitch bin (relative F0 error 0); voiced_prob within 4.4e-11 (float64 here, float32 in librosa,
    /// 10 digits in the JSON).
    @Test("pyin's voicing, F0 and voiced probability match librosa on the golden clips", arguments: VoiceFixture.all)
    func parity(fixture: (name: String, audio: String, ext: String)) throws {
        let reference = try VoiceFixture.load(fixture.name)
        #expect(reference.meta.versions["librosa"] == "0.11.0")
        let clip = try VoiceFixture.samples(fixture.audio, fixture.ext)
        #expect(clip.sampleRate == reference.meta.sampleRate)
        #expect(clip.samples.count == reference.meta.samples)
        let pyin = try ProbabilisticYIN(sampleRate: Double(clip.sampleRate))
        let track = pyin(clip.samples)
        try #require(track.frameCount == reference.f0.count)

        let agreeing = zip(track.voiced, reference.voicedFlag).filter { $0 == $1 }.count
        #expect(Double(agreeing) >= 0.95 * Double(track.frameCount), "\(fixture.name): voicing agrees on \(agreeing)")
        #expect(reference.voicedFlag.contains(true) && reference.voicedFlag.contains(false))
        var errors: [Double] = []
        for (mine, theirs) in zip(track.f0, reference.f0) {
            guard let theirs, !mine.isNaN else { continue }
            errors.append(abs(mine - theirs) / theirs)
        }
        try #require(errors.count >= 20)
        let sameBin = errors.filter { $0 < 1e-6 }.count
        #expect(errors.sorted()[errors.count / 2] <= 0.01, "\(fixture.name): median relative F0 error")
        #expect(Double(sameBin) >= 0.95 * Double(errors.count), "\(fixture.name): \(sameBin) of \(errors.count) bins")
        for (mine, theirs) in zip(track.f0, track.voiced) { #expect(mine.isNaN == !theirs) }
        let probabilityError = maxAbsDifference(track.voicedProbability, reference.voicedProb)
        #expect(probabilityError <= 1e-9, "\(fixture.name): voiced_prob max abs error \(probabilityError)")
    }

    @Test("a steady 220 Hz tone is voiced at 220 Hz; silence is unvoiced with NaN F0")
    func toneAndSilence() throws {
        let rate = 22050.0
        let tone = (0..<22050).map { Float(0.4 * sin(2 * Double.pi * 220 * Double($0) / rate)) }
        let pyin = try ProbabilisticYIN(sampleRate: rate)
        let track = pyin(tone)
        #expect(track.frameCount == 1 + 22050 / 512)
        let inner = track.f0.dropFirst(3).dropLast(3)
        #expect(inner.allSatisfy { abs($0 - 220) / 220 < 0.003 }, "\(Array(inner))")
        let silent = pyin([Float](repeating: 0, count: 11025))
        #expect(silent.voiced.allSatisfy { !$0 })
        #expect(silent.f0.allSatisfy { $0.isNaN })
        #expect(silent.voicedProbability.allSatisfy { $0 == 0 })
        #expect(pyin([]).frameCount == 1)
    }

    @Test("parameters librosa.pyin rejects are DSPErrors")
    func invalid() {
        #expect(throws: DSPError.self) { try ProbabilisticYIN(sampleRate: 16000, maximumFrequency: 8001) }
        #expect(throws: DSPError.self) {
            try ProbabilisticYIN(sampleRate: 22050, minimumFrequency: 500, maximumFrequency: 400)
        }
        #expect(throws: DSPError.self) { try ProbabilisticYIN(sampleRate: 22050, minimumFrequency: 0) }
        // One period of 10 Hz is 2205 samples: it does not fit a 2048-sample frame.
        #expect(throws: DSPError.self) { try ProbabilisticYIN(sampleRate: 22050, minimumFrequency: 10) }
        #expect(throws: DSPError.self) { try ProbabilisticYIN(sampleRate: 22050, hopLength: 0) }
    }

    @Test("C2–C6 at 22050 Hz: 481 pitch bins, a transition band of ±50 bins, bin 0 at C2")
    func geometry() throws {
        let pyin = try ProbabilisticYIN(sampleRate: 22050)
        #expect(pyin.binCount == 481)
        #expect(abs(pyin.frequency(ofBin: 0) - 65.40639132514966) < 1e-12)
        #expect(abs(pyin.frequency(ofBin: 480) - 1046.5022612023945) < 1e-9)
        let transitions = PitchTransitions(binCount: 481, width: 101, switchProbability: 0.01)
        #expect(transitions.halfWidth == 50)
        // Row 200 is a whole triangle: the diagonal holds 51 / 51² of the mass, times 0.99.
        let diagonal = exp(transitions.stayLog[200 * 101 + 50])
        #expect(abs(diagonal - 0.99 / 51) < 1e-15)
        #expect(abs(exp(transitions.switchLog[200 * 101 + 50]) - 0.01 / 51) < 1e-15)
    }

    @Test("the threshold prior is Beta(2, 18)'s mass on each hundredth and sums to 1")
    func thresholdPrior() {
        // I_0.1(2, 18) = 1 - 0.9^18 (1 + 18 · 0.1).
        #expect(abs(PitchObservationModel.betaCDF(0.1, a: 2, b: 18) - (1 - pow(0.9, 18) * 2.8)) < 1e-15)
        let model = PitchObservationModel(
            sampleRate: 22050, minimumFrequency: 65.4, minPeriod: 21, binCount: 481, binsPerSemitone: 10,
            thresholdCount: 100, beta: (2, 18), boltzmannParameter: 2, noTroughProbability: 0.01,
            maxTroughs: 318)
        #expect(model.thresholds.count == 100 && model.thresholds.last == 1)
        #expect(abs(model.thresholdPrior.reduce(0, +) - 1) < 1e-12)
        #expect(model.thresholdPrior.allSatisfy { $0 >= 0 })
    }

    @Test("the FFT difference function equals YIN's direct sum, in librosa's form")
    func differenceFunction() throws {
        var generator = SplitMix(seed: 7)
        let frame = (0..<2048).map { _ in Float(generator.nextUnit() - 0.5) }
        let difference = try YINDifference(frameLength: 2048, minPeriod: 21, maxPeriod: 338)
        var yin = [Double](repeating: 0, count: difference.periodCount)
        frame.withUnsafeBufferPointer { frame in
            yin.withUnsafeMutableBufferPointer { difference(frame.baseAddress!, into: $0.baseAddress!) }
        }
        let x = frame.map(Double.init)
        func autocorrelation(_ k: Int) -> Double { (0..<(2048 - k)).reduce(0) { $0 + x[$1] * x[$1 + k] } }
        let zero = autocorrelation(0)
        var d = [0.0]
        var energy = 0.0
        for k in 1...338 {
            energy += x[k - 1] * x[k - 1]
            d.append(2 * (zero - autocorrelation(k)) - energy)
        }
        for period in [21, 22, 100, 337, 338] {
            let mean = d[1...period].reduce(0, +) / Double(period)
            #expect(abs(yin[period - 21] - d[period] / mean) < 1e-9, "period \(period)")
        }
    }

    /// The divide-and-conquer search must find a path as likely as librosa's dense Viterbi, including
    /// frames where every voiced state has probability 0 or the frame is certainly voiced, so that jumps out
    /// of the transition band (at log(tiny)) are taken. Unvoiced states share one observation, so equally
    /// likely paths are common here; which of them wins is decided by rounding (in librosa too), so the
    /// paths' scores are compared, and the paths themselves must agree on most frames.
    @Test(
        "Viterbi over the banded transitions is as likely as the dense librosa Viterbi",
        arguments: [(40, 11), (61, 21), (160, 41)])
    func viterbi(bins: Int, width: Int) {
        let transitions = PitchTransitions(binCount: bins, width: width, switchProbability: 0.01)
        var generator = SplitMix(seed: UInt64(bins))
        var agreeing = 0
        for _ in 0..<20 {
            let observations = (0..<30).map { _ in randomObservation(bins: bins, &generator) }
            var scratch = PitchViterbi.Scratch()
            let fast = PitchViterbi(transitions: transitions).decode(observations, scratch: &scratch)
            let dense = denseViterbi(observations, transitions: transitions)
            let (mine, best) = (score(fast, observations, transitions), score(dense, observations, transitions))
            #expect(abs(mine - best) <= 1e-9 * abs(best), "log score \(mine) vs \(best)")
            agreeing += zip(fast, dense).filter { $0 == $1 }.count
        }
        #expect(agreeing >= 20 * 30 * 8 / 10)
    }

    /// The log score of `path` as librosa's Viterbi sums it.
    private func score(_ path: [Int], _ observations: [PitchObservation], _ transitions: PitchTransitions) -> Double {
        let n = transitions.binCount
        var logObservation = [Double](repeating: 0, count: 2 * n)
        var total = log(1 / Double(2 * n) + Double.leastNormalMagnitude)
        for (t, state) in path.enumerated() {
            PitchViterbi.logObservation(observations[t], binCount: n, into: &logObservation)
            total += logObservation[state]
            if t > 0 { total += transitions.logProbability(from: path[t - 1], to: state) }
        }
        return total
    }

    private func randomObservation(bins: Int, _ generator: inout SplitMix) -> PitchObservation {
        var observation = PitchObservation()
        let kind = generator.nextUnit()
        guard kind > 0.15 else { return observation }
        var chosen = Set<Int>()
        for _ in 0..<(1 + Int(generator.nextUnit() * 4)) { chosen.insert(Int(generator.nextUnit() * Double(bins))) }
        var weights = chosen.sorted().map { ($0, generator.nextUnit()) }
        let total = weights.reduce(0) { $0 + $1.1 }
        let mass = kind > 0.7 ? 1.0 : generator.nextUnit()
        weights = weights.map { ($0.0, $0.1 / total * mass) }
        observation.bins = weights.map { (bin: $0.0, probability: $0.1) }
        observation.voicedProbability = min(max(weights.reduce(0) { $0 + $1.1 }, 0), 1)
        return observation
    }

    /// `librosa.sequence._viterbi` with the dense `log(transition + tiny)` matrix.
    private func denseViterbi(_ observations: [PitchObservation], transitions: PitchTransitions) -> [Int] {
        let n = transitions.binCount
        let states = 2 * n
        func logTransition(_ k: Int, _ j: Int) -> Double { transitions.logProbability(from: k, to: j) }
        var logObservation = [Double](repeating: 0, count: states)
        PitchViterbi.logObservation(observations[0], binCount: n, into: &logObservation)
        var value = logObservation.map { $0 + log(1 / Double(states) + Double.leastNormalMagnitude) }
        var pointers: [[Int]] = [[]]
        for observation in observations.dropFirst() {
            PitchViterbi.logObservation(observation, binCount: n, into: &logObservation)
            var next = [Double](repeating: 0, count: states)
            var pointer = [Int](repeating: 0, count: states)
            for j in 0..<states {
                var best = 0
                for k in 1..<states where value[k] + logTransition(k, j) > value[best] + logTransition(best, j) {
                    best = k
                }
                pointer[j] = best
                next[j] = logObservation[j] + value[best] + logTransition(best, j)
            }
            value = next
            pointers.append(pointer)
        }
        var state = 0
        for s in 1..<states where value[s] > value[state] { state = s }
        var path = [state]
        for t in stride(from: observations.count - 1, to: 0, by: -1) {
            state = pointers[t][state]
            path.append(state)
        }
        return path.reversed()
    }
}

extension SplitMix {
    /// Uniform in [0, 1).
    mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
