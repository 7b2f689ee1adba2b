import Glibc

/// The most likely state sequence of pYIN's hidden Markov model: `librosa.sequence.viterbi(prob, transition,
/// p_init=uniform)` as `librosa.pyin` calls it, with the same log-domain sums
/// (`log(prob + tiny)`, `log(transition + tiny)`) and, among exactly equal scores, the lowest state index (as
/// `np.argmax`). Paths whose scores differ only by rounding may be chosen differently from librosa's.
///
/// librosa scans all `2n` predecessors of each of the `2n` states in every frame. Here a state's best
/// predecessor within reach (``PitchTransitions/halfWidth`` bins) is found by divide and conquer over the
/// target bins: the log of the triangle window is concave, so `value[k] + log T[k, j]` is a Monge array in
/// `(j, k)` and the (first) best `k` never decreases as `j` grows; each block-to-block step then costs
/// `O((n + width) log n)` instead of `O(n · width)` (short runs of targets are scanned directly, four
/// predecessors at a time). Predecessors out of reach cost `log(tiny)`; only the best state overall can win
/// that way, and it is checked for every target; a whole source block that cannot beat it is skipped.
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
        var bestVoiced = 0
        for s in 1..<n where scratch.previous[s] > scratch.previous[bestVoiced] { bestVoiced = s }
        var bestUnvoiced = n
        for s in (n + 1)..<states where scratch.previous[s] > scratch.previous[bestUnvoiced] { bestUnvoiced = s }
        let (voicedMaximum, unvoicedMaximum) = (scratch.previous[bestVoiced], scratch.previous[bestUnvoiced])
        let globalBest = unvoicedMaximum > voicedMaximum ? bestUnvoiced : bestVoiced
        let farValue = scratch.previous[globalBest] + PitchTransitions.farLogProbability
        // A source block whose best value, even through the likeliest transition, stays below the jump from
        // the best state overall cannot win anywhere: its searches are skipped (a large share of frames, where
        // one voicing state has long been the only likely one).
        let reach = transitions.largestLogProbability
        let voicedMatters = voicedMaximum + reach >= farValue
        let unvoicedMatters = unvoicedMaximum + reach >= farValue
        for j in 0..<states { scratch.bestValue[j] = -.infinity }
        scratch.previous.withUnsafeBufferPointer { previous in
            scratch.bestValue.withUnsafeMutableBufferPointer { bestValue in
                scratch.bestIndex.withUnsafeMutableBufferPointer { bestIndex in
                    transitions.stayLog.withUnsafeBufferPointer { stay in
                        transitions.switchLog.withUnsafeBufferPointer { leave in
                            let voiced = previous.baseAddress!
                            let band = Band(
                                halfWidth: h, bestValue: bestValue.baseAddress!, bestIndex: bestIndex.baseAddress!)
                            // Voiced targets from voiced (stay), then from unvoiced (switch); unvoiced targets
                            // from voiced (switch), then from unvoiced (stay). Earlier sources have lower
                            // indices, so a later one must be strictly better to replace them.
                            if voicedMatters {
                                band.search(voiced, stay.baseAddress!, sourceOffset: 0, targetOffset: 0, n: n)
                                band.search(voiced, leave.baseAddress!, sourceOffset: 0, targetOffset: n, n: n)
                            }
                            if unvoicedMatters {
                                band.search(voiced + n, leave.baseAddress!, sourceOffset: n, targetOffset: 0, n: n)
                                band.search(voiced + n, stay.baseAddress!, sourceOffset: n, targetOffset: n, n: n)
                            }
                        }
                    }
                }
            }
        }
        let row = t * states
        let bestBin = globalBest < n ? globalBest : globalBest - n
        for j in 0..<states {
            var value = scratch.bestValue[j]
            var index = scratch.bestIndex[j]
            let bin = j < n ? j : j - n
            if abs(bestBin - bin) > h, farValue > value || (farValue == value && globalBest < index) {
                value = farValue
                index = globalBest
            }
            scratch.current[j] += value
            scratch.pointers[row + j] = UInt16(truncatingIfNeeded: index)
        }
    }
}

/// The best predecessor within the transition band of every target bin of one block, from one source block.
private struct Band {
    let halfWidth: Int
    let bestValue: UnsafeMutablePointer<Double>
    let bestIndex: UnsafeMutablePointer<Int>

    /// For each target bin `j < n`, the best `source[k] + table[j, k]` over the `k < n` within ``halfWidth``
    /// of `j` (first on ties), written at `targetOffset + j` as a value and a state (`sourceOffset + k`)
    /// where strictly better than what is there.
    func search(
        _ source: UnsafePointer<Double>, _ table: UnsafePointer<Double>, sourceOffset: Int, targetOffset: Int, n: Int
    ) {
        solve(source, table, sourceOffset, targetOffset, targets: 0, n, sources: 0, n - 1)
    }

    /// Divide and conquer on targets `low ..< high`, whose best sources lie in `first ... last`.
    private func solve(
        _ source: UnsafePointer<Double>, _ table: UnsafePointer<Double>, _ sourceOffset: Int, _ targetOffset: Int,
        targets low: Int, _ high: Int, sources first: Int, _ last: Int
    ) {
        guard low < high else { return }
        let h = halfWidth
        if high - low <= Self.directTargets {
            for j in low..<high {
                let from = max(first, j - h)
                let to = min(last, j + h)
                let (best, argument) = Self.firstMaximum(
                    source, table + j * (2 * h + 1) - j + h, from: from, through: to)
                record(best, sourceOffset + argument, at: targetOffset + j)
            }
            return
        }
        let j = (low + high - 1) / 2
        let from = max(first, j - h)
        let to = min(last, j + h)
        let (best, argument) = Self.firstMaximum(source, table + j * (2 * h + 1) - j + h, from: from, through: to)
        record(best, sourceOffset + argument, at: targetOffset + j)
        solve(source, table, sourceOffset, targetOffset, targets: low, j, sources: first, argument)
        solve(source, table, sourceOffset, targetOffset, targets: j + 1, high, sources: argument, last)
    }

    /// Target runs this short are scanned directly over their (narrow) source range: cheaper than recursing.
    private static let directTargets = 8

    /// Keeps `state` at `slot` if strictly better than what is there: searches run in state order, so on a tie
    /// the lower state stays, as `np.argmax` picks it.
    @inline(__always)
    private func record(_ value: Double, _ state: Int, at slot: Int) {
        if value > bestValue[slot] {
            bestValue[slot] = value
            bestIndex[slot] = state
        }
    }

    /// The largest `source[k] + row[k]` for `k` in `from ... to` and its first `k`, four lanes at a time: each
    /// lane keeps its own first maximum, and the lanes' maxima are merged by value, then by index.
    @inline(__always)
    private static func firstMaximum(
        _ source: UnsafePointer<Double>, _ row: UnsafePointer<Double>, from: Int, through to: Int
    ) -> (Double, Int) {
        var best = -Double.infinity
        var argument = from
        var k = from
        if to - from + 1 >= 8 {
            var lanes = SIMD4<Double>(repeating: -.infinity)
            var indices = SIMD4<Int64>(0, 1, 2, 3) &+ Int64(from)
            var current = indices
            let step = SIMD4<Int64>(repeating: 4)
            while k + 4 <= to + 1 {
                let values =
                    UnsafeRawPointer(source + k).loadUnaligned(as: SIMD4<Double>.self)
                    + UnsafeRawPointer(row + k).loadUnaligned(as: SIMD4<Double>.self)
                let better = values .> lanes
                lanes.replace(with: values, where: better)
                indices.replace(with: current, where: better)
                current &+= step
                k += 4
            }
            for lane in 0..<4 where lanes[lane] > best || (lanes[lane] == best && Int(indices[lane]) < argument) {
                best = lanes[lane]
                argument = Int(indices[lane])
            }
        }
        while k <= to {
            let value = source[k] + row[k]
            if value > best {
                best = value
                argument = k
            }
            k += 1
        }
        return (best, argument)
    }
}
