/// Sequences of frame vectors gathered into one time-major batch for the recurrent layers: `values[t][b][d]`
/// flattened, each sequence padded with zeros to the longest one's length, and its length kept.
package struct SequenceBatch<Scalar: NetworkScalar>: Sendable {
    package let steps: Int
    package let width: Int
    package let lengths: [Int]
    package var values: [Scalar]
    package var count: Int { lengths.count }

    /// `sequences[i]` holds `frames × width` values, row-major (one frame after another); every sequence has
    /// at least one frame.
    package init(_ sequences: [[Scalar]], width: Int) {
        precondition(width > 0, "frames need at least one value")
        let lengths = sequences.map { $0.count / width }
        precondition(lengths.allSatisfy { $0 >= 1 }, "every sequence needs a frame")
        let steps = lengths.max() ?? 1
        let batch = sequences.count
        var values = [Scalar](repeating: 0, count: steps * batch * width)
        for (b, sequence) in sequences.enumerated() {
            for t in 0..<lengths[b] {
                for d in 0..<width { values[(t * batch + b) * width + d] = sequence[t * width + d] }
            }
        }
        self.steps = steps
        self.width = width
        self.lengths = lengths
        self.values = values
    }

    /// The same batch with each sequence's valid frames in reverse order (the padding stays at the end): the
    /// input of a bidirectional net's backward layer.
    package func reversed() -> SequenceBatch {
        var copy = self
        let batch = count
        for b in 0..<batch {
            let length = lengths[b]
            for t in 0..<length {
                let from = ((length - 1 - t) * batch + b) * width
                let to = (t * batch + b) * width
                for d in 0..<width { copy.values[to + d] = values[from + d] }
            }
        }
        return copy
    }
}
