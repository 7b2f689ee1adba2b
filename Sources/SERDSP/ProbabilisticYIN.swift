import Glibc

/// Fundamental frequency and voicing by probabilistic YIN: `librosa.pyin(y, sr=sr, fmin=fmin, fmax=fmax,
/// frame_length=2048, hop_length=512)` with librosa 0.11's other defaults (`n_thresholds=100`,
/// `beta_parameters=(2, 18)`, `boltzmann_parameter=2`, `resolution=0.1`, `max_transition_rate=35.92`,
/// `switch_prob=0.01`, `no_trough_prob=0.01`, `center=True`, `pad_mode="constant"`).
///
/// The stages are librosa's: frames centred as every other feature here (``FrameGeometry``, so
/// `1 + n // hop` of them); each frame's cumulative mean normalised difference (``YINDifference``); the
/// probabilistic thresholds and pitch-bin observations (``PitchObservationModel``); the transition matrix
/// (``PitchTransitions``); Viterbi decoding (``PitchViterbi``). The default range is C2–C6
/// (65.4–1046.5 Hz, ``speechMinimum`` / ``speechMaximum``): librosa's documented C2–C7 cut at C6, above
/// which no speaking voice goes, which also shrinks the state space by a fifth.
///
/// Holds FFTW plans, the transition tables and scratch buffers. Not Sendable: one per task.
package final class ProbabilisticYIN {
    /// `librosa.note_to_hz("C2")`, 65.41 Hz.
    package static let speechMinimum = 440 * pow(2, (36 - 69) / 12.0)
    /// `librosa.note_to_hz("C6")`, 1046.5 Hz.
    package static let speechMaximum = 440 * pow(2, (84 - 69) / 12.0)

    package let sampleRate: Double
    package let minimumFrequency: Double
    package let maximumFrequency: Double
    package let geometry: FrameGeometry
    /// Pitch bins of the voiced states, `floor(12 · 10 · log2(fmax / fmin)) + 1`.
    package var binCount: Int { transitions.binCount }

    private let difference: YINDifference
    private let observationModel: PitchObservationModel
    private let transitions: PitchTransitions
    private var frame: [Float]
    private var yin: [Double]
    private var troughs: [Int] = []
    private var viterbiScratch = PitchViterbi.Scratch()

    /// The checks of ``init(sampleRate:minimumFrequency:maximumFrequency:frameLength:hopLength:)`` alone,
    /// without planning anything: what settings are checked against before a build starts.
    package static func check(
        sampleRate: Double, minimumFrequency fmin: Double = speechMinimum,
        maximumFrequency fmax: Double = speechMaximum, frameLength: Int, hopLength: Int
    ) throws(DSPError) {
        let sr = sampleRate
        guard sr > 0, sr.isFinite else {
            throw DSPError(.invalidParameter, reason: "pyin: sample rate must be positive, got \(sr)")
        }
        guard fmax <= sr / 2 else {
            throw DSPError(.invalidParameter, reason: "pyin: fmax=\(fmax) cannot exceed Nyquist frequency \(sr / 2)")
        }
        guard fmin > 0, fmin < fmax else {
            throw DSPError(.invalidParameter, reason: "pyin: need 0 < fmin < fmax, got fmin=\(fmin), fmax=\(fmax)")
        }
        guard frameLength >= 4, sr / fmin < Double(frameLength - 1) else {
            throw DSPError(
                .invalidParameter,
                reason: "pyin: fmin=\(fmin) is too small for frame_length=\(frameLength) at \(sr) Hz")
        }
        guard hopLength > 0 else {
            throw DSPError(.invalidParameter, reason: "pyin: hop_length must be positive, got \(hopLength)")
        }
        let binCount = Int((120 * log2(fmax / fmin)).rounded(.down)) + 1
        let width = Int((35.92 * 12 * Double(hopLength) / sr).rounded(.toNearestOrEven)) * 10 + 1
        guard width <= binCount, 2 * binCount <= Int(UInt16.max) else {
            throw DSPError(
                .invalidParameter,
                reason: "pyin: \(binCount) pitch bins with a transition width of \(width) is outside what it supports")
        }
    }

    /// Throws ``DSPError`` where librosa raises (`fmax` above Nyquist, `fmin >= fmax`, `fmin <= 0`, a
    /// period of `fmin` not fitting the frame), for a non-positive hop, or if FFTW cannot plan.
    package init(
        sampleRate: Double, minimumFrequency fmin: Double = speechMinimum,
        maximumFrequency fmax: Double = speechMaximum,
        frameLength: Int = 2048, hopLength: Int = 512
    ) throws(DSPError) {
        try Self.check(
            sampleRate: sampleRate, minimumFrequency: fmin, maximumFrequency: fmax, frameLength: frameLength,
            hopLength: hopLength)
        let sr = sampleRate
        let minPeriod = Int((sr / fmax).rounded(.down))
        let maxPeriod = min(Int((sr / fmin).rounded(.up)), frameLength - 1)
        let binsPerSemitone = 10
        let binCount = Int((Double(12 * binsPerSemitone) * log2(fmax / fmin)).rounded(.down)) + 1
        let semitonesPerFrame = Int((35.92 * 12 * Double(hopLength) / sr).rounded(.toNearestOrEven))
        let width = semitonesPerFrame * binsPerSemitone + 1
        self.sampleRate = sr
        self.minimumFrequency = fmin
        self.maximumFrequency = fmax
        self.geometry = FrameGeometry(frameLength: frameLength, hopLength: hopLength)
        self.difference = try YINDifference(frameLength: frameLength, minPeriod: minPeriod, maxPeriod: maxPeriod)
        self.observationModel = PitchObservationModel(
            sampleRate: sr, minimumFrequency: fmin, minPeriod: minPeriod, binCount: binCount,
            binsPerSemitone: binsPerSemitone, thresholdCount: 100, beta: (2, 18), boltzmannParameter: 2,
            noTroughProbability: 0.01, maxTroughs: maxPeriod - minPeriod + 1)
        self.transitions = PitchTransitions(binCount: binCount, width: width, switchProbability: 0.01)
        self.frame = [Float](repeating: 0, count: frameLength)
        self.yin = [Double](repeating: 0, count: maxPeriod - minPeriod + 1)
    }

    /// The frequency of pitch bin `bin`: `fmin · 2^(bin / 120)`.
    package func frequency(ofBin bin: Int) -> Double {
        minimumFrequency * pow(2, Double(bin) / 120)
    }

    /// The observations of every frame of `y` (mono float32 at ``sampleRate``), before decoding.
    package func observations(_ y: [Float]) -> [PitchObservation] {
        let frames = geometry.frameCount(sampleCount: y.count)
        let length = geometry.frameLength
        return y.withUnsafeBufferPointer { signal in
            frame.withUnsafeMutableBufferPointer { frame in
                yin.withUnsafeMutableBufferPointer { yin in
                    (0..<frames).map { t in
                        let start = geometry.frameStart(t)
                        for i in 0..<length {
                            let j = start + i
                            frame[i] = j >= 0 && j < signal.count ? signal[j] : 0
                        }
                        difference(frame.baseAddress!, into: yin.baseAddress!)
                        return observationModel.observe(yin.baseAddress!, count: yin.count, troughs: &troughs)
                    }
                }
            }
        }
    }

    /// The pitch track of `y`: `f0`, `voiced_flag` and `voiced_prob` as `librosa.pyin` returns them, one per
    /// frame (`1 + n // hop`), with `fill_na=nan`.
    package func callAsFunction(_ y: [Float]) -> PitchTrack {
        track(observations(y))
    }

    /// Viterbi decoding of ``observations(_:)``'s result into the pitch track.
    package func track(_ observations: [PitchObservation]) -> PitchTrack {
        let states = PitchViterbi(transitions: transitions).decode(observations, scratch: &viterbiScratch)
        let n = binCount
        return PitchTrack(
            f0: states.map { $0 < n ? frequency(ofBin: $0) : .nan },
            voiced: states.map { $0 < n },
            voicedProbability: observations.map(\.voicedProbability))
    }
}

@available(*, unavailable, message: "holds FFTW plans and scratch buffers; make one per task")
extension ProbabilisticYIN: Sendable {}
