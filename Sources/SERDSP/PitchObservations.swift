import Glibc

/// One frame's observation probabilities for pYIN's hidden Markov model, as librosa's `__pyin_helper`
/// (inside `librosa.pyin`) makes them: the probability of each voiced pitch bin that a YIN trough
/// points to, and the probability that the frame is voiced at all.
///
/// Every other voiced bin has probability 0; every unvoiced state has `(1 - voicedProbability) / binCount`.
package struct PitchObservation: Sendable {
    /// Voiced pitch bins with a nonzero probability, ascending by bin.
    package var bins: [(bin: Int, probability: Double)] = []
    /// `clip(Σ probabilities, 0, 1)`: librosa's `voiced_prob`.
    package var voicedProbability = 0.0
}

/// pYIN's probabilistic thresholding of a YIN frame (`__pyin_helper` in librosa 0.11, which follows the
/// official pYIN software rather than the paper).
///
/// For each threshold `θ_i = i / n` (`i = 1...n`, `n_thresholds`) with prior mass `β_i` (the increments of
/// the Beta(a, b) CDF over `np.linspace(0, 1, n + 1)`), the troughs (local minima) of the normalised
/// difference below `θ_i` share `β_i` by a Boltzmann prior over their rank by period (`scipy.stats.boltzmann`
/// with λ = `boltzmann_parameter`: shorter periods weigh more). When no trough is below `θ_i`, the global
/// minimum gets `no_trough_prob · β_i`. Each trough's period is refined parabolically and mapped to the
/// nearest pitch bin (`resolution` semitones, from `fmin`); a later trough on the same bin replaces an
/// earlier one, and a bin index rounded to `binCount` (just above `fmax`) is dropped, both as librosa's
/// array assignments do.
struct PitchObservationModel: Sendable {
    let sampleRate: Double
    let minimumFrequency: Double
    let minPeriod: Int
    let binCount: Int
    let binsPerSemitone: Int
    let boltzmannParameter: Double
    let noTroughProbability: Double
    /// `thresholds[1:]`, ascending.
    let thresholds: [Double]
    /// `np.diff(beta.cdf(thresholds))`, one per threshold above 0.
    let thresholdPrior: [Double]
    /// Thresholds up to the last with a nonzero prior; those above add exactly nothing.
    let usefulThresholdCount: Int
    /// `1 - exp(-λ)`, the Boltzmann pmf's numerator.
    let boltzmannNumerator: Double
    /// `exp(-λ k)` for every rank `k` a trough can have.
    let rankWeights: [Double]
    /// `(1 - exp(-λ)) / (1 - exp(-λ b))`, the Boltzmann pmf's scale when `b` troughs are below a threshold,
    /// for every `b` from 1 (index 0 unused): computed once instead of once per threshold and frame.
    let rankScales: [Double]

    init(
        sampleRate: Double, minimumFrequency: Double, minPeriod: Int, binCount: Int, binsPerSemitone: Int,
        thresholdCount: Int, beta: (a: Int, b: Int), boltzmannParameter: Double, noTroughProbability: Double,
        maxTroughs: Int
    ) {
        self.sampleRate = sampleRate
        self.minimumFrequency = minimumFrequency
        self.minPeriod = minPeriod
        self.binCount = binCount
        self.binsPerSemitone = binsPerSemitone
        self.boltzmannParameter = boltzmannParameter
        self.noTroughProbability = noTroughProbability
        let step = 1.0 / Double(thresholdCount)
        let grid = (0...thresholdCount).map { $0 == thresholdCount ? 1.0 : Double($0) * step }
        let cdf = grid.map { Self.betaCDF($0, a: beta.a, b: beta.b) }
        self.thresholds = Array(grid.dropFirst())
        self.thresholdPrior = (1...thresholdCount).map { cdf[$0] - cdf[$0 - 1] }
        self.usefulThresholdCount = (thresholdPrior.lastIndex { $0 != 0 } ?? -1) + 1
        self.boltzmannNumerator = 1 - exp(-boltzmannParameter)
        self.rankWeights = (0..<max(maxTroughs, 1)).map { exp(-boltzmannParameter * Double($0)) }
        let numerator = boltzmannNumerator
        self.rankScales = (0...max(maxTroughs, 1)).map { below in
            below == 0 ? 0 : numerator / (1 - exp(-boltzmannParameter * Double(below)))
        }
    }

    /// The regularised incomplete beta function `I_x(a, b)` for positive integer `a` and `b`
    /// (`scipy.stats.beta.cdf`): `1 - Σ_{j<a} C(a+b-1, j) x^j (1-x)^(a+b-1-j)`.
    static func betaCDF(_ x: Double, a: Int, b: Int) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let n = a + b - 1
        var term = pow(1 - x, Double(n))
        var below = term
        for j in 0..<(a - 1) {
            term *= Double(n - j) / Double(j + 1) * x / (1 - x)
            below += term
        }
        return 1 - below
    }

    /// The observation of one frame from its normalised difference `yin` (`count` periods from
    /// ``minPeriod``). `troughs` is scratch storage.
    func observe(_ yin: UnsafePointer<Double>, count: Int, troughs: inout [Int]) -> PitchObservation {
        troughs.removeAll(keepingCapacity: true)
        guard count >= 2 else { return PitchObservation() }
        // `util.localmin`: strictly below the left neighbour, not above the right one; the first
        // point by `yin[0] < yin[1]`, the last by `yin[-1] < yin[-2]`.
        if yin[0] < yin[1] { troughs.append(0) }
        for i in 1..<(count - 1) where yin[i] < yin[i - 1] && yin[i] <= yin[i + 1] { troughs.append(i) }
        if yin[count - 1] < yin[count - 2] { troughs.append(count - 1) }
        guard !troughs.isEmpty else { return PitchObservation() }

        var probabilities = [Double](repeating: 0, count: troughs.count)
        let ascending = troughs.map { yin[$0] }.sorted()
        var below = 0
        for i in 0..<usefulThresholdCount {
            let threshold = thresholds[i]
            while below < ascending.count && ascending[below] < threshold { below += 1 }
            guard below > 0 else { continue }
            let factor = rankScales[below]
            let prior = thresholdPrior[i]
            var rank = 0
            for (slot, t) in troughs.enumerated() where yin[t] < threshold {
                probabilities[slot] += factor * rankWeights[rank] * prior
                rank += 1
                if rank == below { break }
            }
        }
        var globalMinimum = 0
        for slot in troughs.indices where yin[troughs[slot]] < yin[troughs[globalMinimum]] { globalMinimum = slot }
        var notBelow = 0.0
        for (threshold, prior) in zip(thresholds, thresholdPrior) where !(yin[troughs[globalMinimum]] < threshold) {
            notBelow += prior
        }
        probabilities[globalMinimum] += noTroughProbability * notBelow

        var observation = PitchObservation()
        for (slot, t) in troughs.enumerated() where probabilities[slot] != 0 {
            let period = Double(minPeriod + t) + YINDifference.parabolicShift(yin, count: count, at: t)
            let f0 = sampleRate / period
            let position = (Double(12 * binsPerSemitone) * log2(f0 / minimumFrequency)).rounded(.toNearestOrEven)
            let bin = Int(min(max(position, 0), Double(binCount)))
            guard bin < binCount else { continue }
            if let same = observation.bins.firstIndex(where: { $0.bin == bin }) {
                observation.bins[same].probability = probabilities[slot]
            } else {
                observation.bins.append((bin, probabilities[slot]))
            }
        }
        observation.bins.sort { $0.bin < $1.bin }
        let total = observation.bins.reduce(0) { $0 + $1.probability }
        observation.voicedProbability = min(max(total, 0), 1)
        return observation
    }
}
