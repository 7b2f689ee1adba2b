import Glibc

/// The most likely state sequence of pYIN's hidden Markov model: `librosa.sequence.viterbi(prob, transition,
/// p_init=uniform)` as `librosa.pyin` calls it, with the same log-domain sums
/// (`log(prob + tiny)`, `log(transition + tiny)`) and, among exactly equal scores, the lowest state index (as
/// `np.argmax`). Paths whose scores differ only by rounding may be chosen differently from librosa's.
///
/// librosa scans all `2n` predecessors of each of the `2n` states in every frame. Three exact shortcuts make
/// that cheap here:
/// - **Dead sources.** A jump out of the transition band costs `log(tiny)` (``PitchTransitions``); any state
///   can take it from the best state overall. A source whose value, even through the likeliest transition,
///   stays below that jump can win no target, so only the runs of live sources are searched (in voiced frames
///   a few dozen of the `n` voiced states, in unvoiced frames often none).
/// - **One search per source block.** The stay and switch tables are `log(stay · T)` and `log(switch · T)` of
///   one triangle matrix `T`, so a target's best source in a block is the same for both: it is found once,
///   through the stay table, and its value through the switch table is added up for the other block's target.
/// - **Monotone search.** Within the band, `value[k] + log T[k, j]` is a Monge array in `(j, k)` (the log of
///   the triangle window is concave), so the (first) best `k` never decreases as `j` grows: a run of targets
///   is searched by divide and conquer in `O((targets + width) log targets)` instead of `O(targets · width)`
///   (short runs directly, four predecessors at a time).
struct PitchViterbi: Sendable {
    let transitions: PitchTransitions

    /// Scratch reused between clips: previous and current values, each block's best sources, the pointers.
    struct Scratch {
        var previous: [Double] = []
        var current: [Double] = []
        /// Per target bin, the best voiced source's value through the stay table, and that source (-1: none live).
        var voicedValue: [Double] = []
        var voicedSource: [Int] = []
        /// The same for the unvoiced sources.
        var unvoicedValue: [Double] = []
        var unvoicedSource: [Int] = []
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
        scratch.voicedValue.resize(to: n)
        scratch.voicedSource.resize(to: n)
        scratch.unvoicedValue.resize(to: n)
        scratch.unvoicedSource.resize(to: n)
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
        let width = 2 * h + 1
        var globalBest = 0
        for s in 1..<states where scratch.previous[s] > scratch.previous[globalBest] { globalBest = s }
        let farValue = scratch.previous[globalBest] + PitchTransitions.farLogProbability
        let liveFrom = farValue - transitions.largestLogProbability
        scratch.previous.withUnsafeBufferPointer { previous in
            transitions.stayLog.withUnsafeBufferPointer { stay in
                let voiced = previous.baseAddress!
                Self.bestSources(
                    voiced, stay.baseAddress!, n: n, halfWidth: h, liveFrom: liveFrom,
                    value: &scratch.voicedValue, source: &scratch.voicedSource)
                Self.bestSources(
                    voiced + n, stay.baseAddress!, n: n, halfWidth: h, liveFrom: liveFrom,
                    value: &scratch.unvoicedValue, source: &scratch.unvoicedSource)
            }
        }
        let row = t * states
        let bestBin = globalBest < n ? globalBest : globalBest - n
        withUnsafeBuffers(&scratch) {
            previous, current, voicedValue, voicedSource, unvoicedValue, unvoicedSource, pointers in
            transitions.switchLog.withUnsafeBufferPointer { leave in
                for j in 0..<n {
                    let far = abs(bestBin - j) > h
                    // Voiced target j: voiced sources (stay) come first in state order, then unvoiced ones (switch).
                    var value = voicedValue[j]
                    var index = voicedSource[j]
                    let fromUnvoiced = unvoicedSource[j]
                    if fromUnvoiced >= 0 {
                        let candidate = previous[n + fromUnvoiced] + leave[j * width + fromUnvoiced - j + h]
                        if candidate > value || index < 0 {
                            value = candidate
                            index = n + fromUnvoiced
                        }
                    }
                    if far, index < 0 || farValue > value || (farValue == value && globalBest < index) {
                        value = farValue
                        index = globalBest
                    }
                    current[j] += value
                    pointers[row + j] = UInt16(truncatingIfNeeded: index)

                    // Unvoiced target n + j: voiced sources (switch) first, then unvoiced ones (stay).
                    value = -.infinity
                    index = -1
                    let fromVoiced = voicedSource[j]
                    if fromVoiced >= 0 {
                        value = previous[fromVoiced] + leave[j * width + fromVoiced - j + h]
                        index = fromVoiced
                    }
                    if fromUnvoiced >= 0, unvoicedValue[j] > value || index < 0 {
                        value = unvoicedValue[j]
                        index = n + fromUnvoiced
                    }
                    if far, index < 0 || farValue > value || (farValue == value && globalBest < index) {
                        value = farValue
                        index = globalBest
                    }
                    current[n + j] += value
                    pointers[row + n + j] = UInt16(truncatingIfNeeded: index)
                }
            }
        }
    }

    /// The scratch arrays as buffers, for the inner loop of ``step(frame:scratch:)`` (no copy-on-write or
    /// bounds checks per element; every index there is within the sizes ``decode(_:scratch:)`` gave them).
    private func withUnsafeBuffers(
        _ scratch: inout Scratch,
        _ body: (
            UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>, UnsafeBufferPointer<Double>,
            UnsafeBufferPointer<Int>, UnsafeBufferPointer<Double>, UnsafeBufferPointer<Int>,
            UnsafeMutableBufferPointer<UInt16>
        ) -> Void
    ) {
        scratch.previous.withUnsafeBufferPointer { previous in
            scratch.current.withUnsafeMutableBufferPointer { current in
                scratch.voicedValue.withUnsafeBufferPointer { voicedValue in
                    scratch.voicedSource.withUnsafeBufferPointer { voicedSource in
                        scratch.unvoicedValue.withUnsafeBufferPointer { unvoicedValue in
                            scratch.unvoicedSource.withUnsafeBufferPointer { unvoicedSource in
                                scratch.pointers.withUnsafeMutableBufferPointer { pointers in
                                    body(
                                        previous, current, voicedValue, voicedSource, unvoicedValue, unvoicedSource,
                                        pointers)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// For every target bin, the best of the live sources of one block (`n` values) within the band, through
    /// `table`: its value and its bin, or -1 where no live source is within reach. Sources below `liveFrom`
    /// cannot beat the out-of-band jump from the best state, so only runs of live sources are searched, in
    /// ascending order (a later run must be strictly better: ties keep the lower state, as `np.argmax`).
    private static func bestSources(
        _ block: UnsafePointer<Double>, _ table: UnsafePointer<Double>, n: Int, halfWidth h: Int, liveFrom: Double,
        value: inout [Double], source: inout [Int]
    ) {
        value.withUnsafeMutableBufferPointer { value in
            source.withUnsafeMutableBufferPointer { source in
                for j in 0..<n {
                    value[j] = -.infinity
                    source[j] = -1
                }
                let band = Band(halfWidth: h, bestValue: value.baseAddress!, bestIndex: source.baseAddress!)
                var first = 0
                while first < n {
                    guard block[first] >= liveFrom else {
                        first += 1
                        continue
                    }
                    var last = first
                    while last + 1 < n && block[last + 1] >= liveFrom { last += 1 }
                    band.search(block, table, targets: max(0, first - h), min(n, last + h + 1), sources: first, last)
                    first = last + 1
                }
            }
        }
    }
}

/// The best predecessor within the transition band of every target bin of one block, from one source block.
private struct Band {
    let halfWidth: Int
    let bestValue: UnsafeMutablePointer<Double>
    let bestIndex: UnsafeMutablePointer<Int>

    /// For each target bin `j` in `low ..< high`, the best `source[k] + table[j, k]` over the `k` in
    /// `first ... last` within ``halfWidth`` of `j` (first on ties), written at `j` as a value and a source bin
    /// where strictly better than what is there.
    func search(
        _ source: UnsafePointer<Double>, _ table: UnsafePointer<Double>, targets low: Int, _ high: Int,
        sources first: Int, _ last: Int
    ) {
        solve(source, table, targets: low, high, sources: first, last)
    }

    /// Divide and conquer on targets `low ..< high`, whose best sources lie in `first ... last`.
    private func solve(
        _ source: UnsafePointer<Double>, _ table: UnsafePointer<Double>,
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
                record(best, argument, at: j)
            }
            return
        }
        let j = (low + high - 1) / 2
        let from = max(first, j - h)
        let to = min(last, j + h)
        let (best, argument) = Self.firstMaximum(source, table + j * (2 * h + 1) - j + h, from: from, through: to)
        record(best, argument, at: j)
        solve(source, table, targets: low, j, sources: first, argument)
        solve(source, table, targets: j + 1, high, sources: argument, last)
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
