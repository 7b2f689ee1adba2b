/// Per-dimension standardisation of frame vectors, from the frames of the training clips only: each value
/// minus the dimension's mean over those frames, over its standard deviation (`StandardScaler` over frames).
/// A missing value (NaN: F0 in an unvoiced frame, a formant not found) becomes 0, the mean, after scaling,
/// and is left out of the statistics.
package struct FrameStandardizer: Sendable {
    package let mean: [Double]
    package let scale: [Double]
    package var width: Int { mean.count }

    /// Statistics of every frame of `sequences` (`frames × width` values each).
    package init(fitting sequences: [[Double]], width: Int) {
        var sum = [Double](repeating: 0, count: width)
        var squares = [Double](repeating: 0, count: width)
        var counts = [Double](repeating: 0, count: width)
        for sequence in sequences {
            for (index, value) in sequence.enumerated() where value.isFinite {
                let d = index % width
                sum[d] += value
                counts[d] += 1
            }
        }
        let mean = (0..<width).map { counts[$0] > 0 ? sum[$0] / counts[$0] : 0 }
        for sequence in sequences {
            for (index, value) in sequence.enumerated() where value.isFinite {
                let deviation = value - mean[index % width]
                squares[index % width] += deviation * deviation
            }
        }
        self.mean = mean
        self.scale = (0..<width).map { d in
            let deviation = counts[d] > 0 ? (squares[d] / counts[d]).squareRoot() : 0
            return deviation > 0 && deviation.isFinite ? deviation : 1
        }
    }

    package init(mean: [Double], scale: [Double]) {
        precondition(mean.count == scale.count, "one scale per mean")
        self.mean = mean
        self.scale = scale
    }

    /// `sequence` scaled, in the network's number type.
    package func transform<Scalar: NetworkScalar>(_ sequence: [Double]) -> [Scalar] {
        sequence.enumerated().map { index, value in
            let d = index % width
            return value.isFinite ? Scalar((value - mean[d]) / scale[d]) : 0
        }
    }

    /// `sequence` scaled in float64, NaN kept where a value is missing.
    package func scaled(_ sequence: [Double]) -> [Double] {
        sequence.enumerated().map { index, value in
            let d = index % width
            return value.isFinite ? (value - mean[d]) / scale[d] : value
        }
    }

    /// Throws unless a saved typical speaker is absent, or both its arrays hold `count` finite values (scales
    /// positive): the check every saved deep model makes of its `typical_speaker_mean` and `_scale`.
    static func checkSaved(mean: [Double]?, scale: [Double]?, count: Int, unit: String) throws(LearnError) {
        guard mean != nil || scale != nil else { return }
        guard let mean, let scale, mean.count == count, scale.count == count, mean.allSatisfy(\.isFinite),
            scale.allSatisfy({ $0.isFinite && $0 > 0 })
        else {
            throw LearnError(
                .malformedModel,
                "typical_speaker_mean and typical_speaker_scale must both hold \(unit) finite values (scales > 0)")
        }
    }
}
