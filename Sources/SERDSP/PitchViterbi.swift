import Glibc

/// The most likely state sequence of pYIN's hidden Markov model: `librosa.sequence.viterbi(prob, transition,
/// p_init=uniform)` as `librosa.pyin` calls it, with the same log-domain sums
/// (`log(prob + tiny)`, `log(transition + tiny)`) and the same choice among equal scores (the lowest state
/// index, as `np.argmax`).
///
/// librosa scans all `2n` predecessors of each of the `2n` states in every frame. Here a state's best
/// predecessor within reach (``PitchTransitions/halfWidth`` bins) is found by divide and conquer over the
/// target bins: the log of the triangle window is concave, so `value[k] + log T[k, j]` is a Monge array in
/// `(j, k)` and the (first) best `k` never decreases as `j` grows; each block-to-block step then costs
/// `O((n + width) log n)` instead of `O(n · width)`. Predecessors out of reach cost `log(tiny)`; only the
/// best state overall can win that way, and it is checked for every target.
struct PitchViterbi: Sendable {
    let transitions: PitchTransitions

    /// Scratch reused between clips: previous and current values, the per-block best predecessors.
    struct Scratch {
        var previous: [Double] = []
        var current: [Double] = []
        var bestValue: [Double] = []
        var bestIndex: [Int] = []
        var pointers: [UInt16] = []
    }

    /// The decoded state per frame: `s < binCount` is voiced at bin `s`, otherwise unvoiced.
    func decode(_ observations: [PitchObservation], scratch: inout Scratch) -> [Int] {
        let n = transitions.binCount
        let states = 2 * n
        let frames = observations.count
        guard frames > 0 else { return [] }
        scratch.previous.resize(to: states)
        scratch.current.resize(to: states)
        scratch.bestValue.resize(to: 2 * n)
        scratch.bestIndex.resize(to: 2 * n)
        scratch.pointers.resize(to: frames * states)

        let initial = log(1 / Double(states) + Double.leastNormalMagnitude)
        Self.logObservation(observations[0], binCount: n, into: &scratch.previous)
        for s in 0..<states { scratch.previous[s] += initial }

        for t in 1..<frames {
            Self.logObservation(observations[t], binCount: n, into: &scratch.current)
            step(frame: t, scratch: &scratch)
            swap(&scratch.previous, &scratch.current)
        }

        var path = [Int](repeating: 0, count: frames)
        var last = 0
        for s in 1..<states where scratch.previous[s] > scratch.previous[last] { last = s }
        path[frames - 1] = last
        for t in stride(from: frames - 2, through: 0, by: -1) {
            path[t] = Int(scratch.pointers[(t + 1) * states + path[t + 1]])
        }
        return path
    }

    /// `log(prob + tiny)` of every state: 0 probability for voiced bins without a trough,
    /// `(1 - voiced) / n` for every unvoiced state.
    static func logObservation(_ observation: PitchObservation, binCount n: Int, into values: inout [Double]) {
        let tiny = Double.leastNormalMagnitude
        let silent = log(0 + tiny)
        let unvoiced = log((1 - observation.voicedProbability) / Double(n) + tiny)
        for s in 0..<n { values[s] = silent }
        for s in n..<(2 * n) { values[s] = unvoiced }
        for (bin, probability) in observation.bins { values[bin] = log(probability + tiny) }
    }

    /// One Viterbi step: `current` holds frame `t`'s log observations on entry and its values on exit.
    private func step(frame t: Int, scratch: inout Scratch) {
        let n = transitions.binCount
        let states = 2 * n
        let h = transitions.halfWidth
        var globalBest = 0
        for s in 1..<states where scratch.previous[s] > scratch.previous[globalBest] { globalBest = s }
        let farValue = scratch.previous[globalBest] + PitchTransitions.farLogProbability
        scratch.previous.withUnsafeBufferPointer { previous in
            scratch.bestValue.withUnsafeMutableBufferPointer { bestValue in
                scratch.bestIndex.withUnsafeMutableBufferPointer { bestIndex in
                    transitions.stayLog.withUnsafeBufferPointer { stay in
                        transitions.switchLog.withUnsafeBufferPointer { leave in
                            let voiced = previous.baseAddress!
                            let unvoiced = voiced + n
                            // Targets 0..<n (voiced): from voiced (stay), then from unvoiced (switch).
                            // Targets n..<2n (unvoiced): from voiced (switch), then from unvoiced (stay).
                            let blocks: [(UnsafePointer<Double>, UnsafePointer<Double>, Int, Int)] = [
                                (voiced, stay.baseAddress!, 0, 0), (unvoiced, leave.baseAddress!, n, 0),
                                (voiced, leave.baseAddress!, 0, n), (unvoiced, stay.baseAddress!, n, n),
                            ]
                            for (source, table, sourceOffset, targetOffset) in blocks {
                                bestInBand(
                                    source: source, table: table, targets: 0..<n, sources: 0...(n - 1), halfWidth: h,
                                    sourceOffset: sourceOffset, targetOffset: targetOffset,
                                    bestValue: bestValue.baseAddress!, bestIndex: bestIndex.baseAddress!)
                            }
                        }
                    }
                }
            }
        }
        let row = t * states
        for j in 0..<states {
            var value = scratch.bestValue[j]
            var index = scratch.bestIndex[j]
            if abs(globalBest % n - j % n) > h, farValue > value || (farValue == value && globalBest < index) {
                value = farValue
                index = globalBest
            }
            scratch.current[j] += value
            scratch.pointers[row + j] = UInt16(index)
        }
    }

    /// For each target bin `j` in `targets`, the best `source[k] + table[k, j]` over `k` in `sources` within
    /// `halfWidth` of `j`, by divide and conquer on the monotone best `k`. Writes the value and the state
    /// (`sourceOffset + k`) at `targetOffset + j`, unless a state already there (from an earlier block, so
    /// with a lower index) is at least as good.
    private func bestInBand(
        source: UnsafePointer<Double>, table: UnsafePointer<Double>, targets: Range<Int>, sources: ClosedRange<Int>,
        halfWidth h: Int, sourceOffset: Int, targetOffset: Int,
        bestValue: UnsafeMutablePointer<Double>, bestIndex: UnsafeMutablePointer<Int>
    ) {
        guard !targets.isEmpty else { return }
        let width = 2 * h + 1
        let j = (targets.lowerBound + targets.upperBound - 1) / 2
        let first = max(sources.lowerBound, j - h)
        let last = min(sources.upperBound, j + h)
        var best = -Double.infinity
        var argument = first
        for k in first...last {
            let value = source[k] + table[k * width + j - k + h]
            if value > best {
                best = value
                argument = k
            }
        }
        let slot = targetOffset + j
        if sourceOffset == 0 || best > bestValue[slot] {
            bestValue[slot] = best
            bestIndex[slot] = sourceOffset + argument
        }
        bestInBand(
            source: source, table: table, targets: targets.lowerBound..<j, sources: sources.lowerBound...argument,
            halfWidth: h, sourceOffset: sourceOffset, targetOffset: targetOffset, bestValue: bestValue,
            bestIndex: bestIndex)
        bestInBand(
            source: source, table: table, targets: (j + 1)..<targets.upperBound, sources: argument...sources.upperBound,
            halfWidth: h, sourceOffset: sourceOffset, targetOffset: targetOffset, bestValue: bestValue,
            bestIndex: bestIndex)
    }
}
