import Glibc

/// pYIN's transition matrix over `2 × binCount` states (voiced pitch bins, then their unvoiced copies), as
/// `librosa.pyin` builds it: `np.kron(transition_loop(2, 1 - switch_prob), transition_local(binCount, width,
/// window="triangle", wrap=False))`, held as the logarithms `librosa.sequence.viterbi` adds,
/// `log(transition + tiny)`.
///
/// `transition_local` gives each state `k` a row of the symmetric triangle window
/// (`scipy.signal.get_window("triangle", width, fftbins=False)`) centred on `k`, cut at the ends and
/// normalised to sum 1, so only bins within `halfWidth = width / 2` of `k` are reachable. Every other entry is
/// 0 and its logarithm `log(tiny) ≈ -708.4`: reachable too, at that cost (``farLogProbability``).
struct PitchTransitions: Sendable {
    let binCount: Int
    /// Bins reachable in one frame on either side, `width / 2`.
    let halfWidth: Int
    /// `log(stay · T[k, j] + tiny)` at `j * (2 * halfWidth + 1) + (k - j + halfWidth)`: within a voicing state
    /// (`-inf` where `k` is outside `0 ..< binCount`).
    /// Target-major, so the predecessors of one target are contiguous.
    let stayLog: [Double]
    /// `log(switch · T[k, j] + tiny)`, laid out as ``stayLog``: from voiced to unvoiced or back.
    let switchLog: [Double]
    /// The largest entry of either table: no transition is likelier.
    let largestLogProbability: Double
    /// `log(tiny)`: any transition outside the band.
    static let farLogProbability = log(Double.leastNormalMagnitude)

    /// `width` must be odd (as it is for any whole number of semitones at 10 bins each) and at most
    /// `binCount`; `switchProbability` in `[0, 1]`.
    init(binCount n: Int, width: Int, switchProbability: Double) {
        precondition(width % 2 == 1 && width <= n, "transition width must be odd and at most the bin count")
        let h = width / 2
        let window = (0..<width).map { m in Double(2 * (min(m, width - 1 - m) + 1)) / Double(width + 1) }
        // transition_loop(2, p) with p = 1 - switch_prob: p on the diagonal, (1 - p) / 1 off it.
        let stay = 1 - switchProbability
        let leave = (1.0 - stay) / 1
        var row = [Double](repeating: 0, count: n)
        var stayLog = [Double](repeating: -.infinity, count: n * width)
        var switchLog = [Double](repeating: -.infinity, count: n * width)
        for k in 0..<n {
            for j in row.indices { row[j] = abs(j - k) <= h ? window[j - k + h] : 0 }
            let total = row.withUnsafeBufferPointer { Numpy.pairwiseSum($0.baseAddress!, count: n) }
            for j in max(0, k - h)...min(n - 1, k + h) {
                let probability = row[j] / total
                stayLog[j * width + k - j + h] = log(stay * probability + Double.leastNormalMagnitude)
                switchLog[j * width + k - j + h] = log(leave * probability + Double.leastNormalMagnitude)
            }
        }
        self.binCount = n
        self.halfWidth = h
        self.stayLog = stayLog
        self.switchLog = switchLog
        self.largestLogProbability = max(stayLog.max() ?? 0, switchLog.max() ?? 0)
    }

    /// `log(transition + tiny)` of librosa's dense `2n × 2n` matrix, from state `k` to state `j`.
    func logProbability(from k: Int, to j: Int) -> Double {
        let (from, to) = (k % binCount, j % binCount)
        guard abs(from - to) <= halfWidth else { return Self.farLogProbability }
        let table = (k < binCount) == (j < binCount) ? stayLog : switchLog
        return table[to * (2 * halfWidth + 1) + from - to + halfWidth]
    }
}
